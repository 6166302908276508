import type { AssetInput, ConduitInput, Finding, TargetLevels, ZoneInput } from '@zonewise/core';
import type { ELK } from 'elkjs/lib/elk-api';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../api/api-error';
import { listAllEntities, updateEntity, type Entity } from '../api/entities';
import { listAll } from '../api/list-all';
import { useApi } from '../app/session';
import { projectPath, useProject } from '../features/project/project-context';
import { ConflictDialog } from '../ui/conflict-dialog';
import { Dialog } from '../ui/dialog';
import { ErrorMessage } from '../ui/error-message';
import { saveFile } from '../ui/save-file';
import { useResource } from '../ui/use-resource';
import { CreateConduitDialog, CreateZoneDialog } from './create-dialogs';
import { DiagramCanvas, type DiagramCanvasHandle } from './diagram-canvas';
import { packDiagram, targetText, type DiagramInput } from './diagram-model';
import { renderDiagramSvg } from './diagram-svg';
import type { NodeFindings } from './draw-diagram';
import { createElk, layoutDiagram, type DiagramLayout } from './layout-diagram';
import { NodeDetails, type NodeDetailsModel } from './node-details';
import { renderDiagramPng } from './render-png';

const SEVERITY_ORDER = ['info', 'low', 'medium', 'high', 'critical'];

/** Findings per node id (zone, conduit, asset): count and worst severity. */
export const findingsByNode = (findings: readonly Finding[]): Map<string, NodeFindings> => {
  const map = new Map<string, NodeFindings>();
  for (const finding of findings) {
    if (finding.status !== 'open') continue;
    const current = map.get(finding.subject.id);
    const worst =
      current === undefined ||
      SEVERITY_ORDER.indexOf(finding.severity) > SEVERITY_ORDER.indexOf(current.worst)
        ? finding.severity
        : current.worst;
    map.set(finding.subject.id, { count: (current?.count ?? 0) + 1, worst });
  }
  return map;
};

let elkPromise: Promise<ELK> | undefined;

/**
 * ZCR 3: the zones and conduits diagram generated from the model. Drag an asset into another zone (the asset is
 * saved with its revision and the findings refresh on the affected nodes), create zones and conduits, search,
 * collapse, and export SVG or PNG.
 */
export const DiagramView = ({ itemId }: { itemId?: string | undefined } = {}) => {
  const api = useApi();
  const { projectId, changeCount, capabilities, notifyChanged } = useProject();
  const key = `${projectId}#${changeCount}`;
  const zones = useResource(key, () => listAllEntities<ZoneInput>(api, projectId, 'zones'));
  const conduits = useResource(key, () => listAllEntities<ConduitInput>(api, projectId, 'conduits'));
  const assets = useResource(key, () => listAllEntities<AssetInput>(api, projectId, 'assets'));
  const targets = useResource(key, () =>
    listAll<TargetLevels>(api, `${projectPath(projectId)}/assessment/security-levels`).catch(() => []),
  );
  const findings = useResource(key, () =>
    listAll<Finding>(api, `${projectPath(projectId)}/assessment/findings`).catch(() => []),
  );

  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [layout, setLayout] = useState<DiagramLayout>();
  const [layoutMs, setLayoutMs] = useState<number>();
  const [layoutError, setLayoutError] = useState<unknown>();
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string>();
  const [moveError, setMoveError] = useState<{ error: unknown; assetId: string; zoneId: string }>();
  const [conflict, setConflict] = useState<{ error: ApiError; asset: Entity<AssetInput>; zoneId: string }>();
  const [moving, setMoving] = useState<string>();
  const [dialog, setDialog] = useState<'zone' | 'conduit'>();
  const [status, setStatus] = useState<string>();
  const canvas = useRef<DiagramCanvasHandle>(null);
  const [focusRequest, setFocusRequest] = useState<{ id: string; seq: number }>();
  const stage = useRef<HTMLDivElement>(null);

  const assetById = useMemo(
    () => new Map((assets.data ?? []).map((entity) => [entity.body.id, entity])),
    [assets.data],
  );
  const detailsModel = useMemo((): NodeDetailsModel => {
    const assetCounts = new Map<string, number>();
    for (const { body } of assets.data ?? [])
      if (body.zone !== undefined) assetCounts.set(body.zone, (assetCounts.get(body.zone) ?? 0) + 1);
    return {
      zones: new Map((zones.data ?? []).map(({ body }) => [body.id, body])),
      conduits: new Map((conduits.data ?? []).map(({ body }) => [body.id, body])),
      assets: new Map((assets.data ?? []).map(({ body }) => [body.id, body])),
      targets: new Map((targets.data ?? []).map((target) => [target.subject.id, target])),
      assetCounts,
    };
  }, [zones.data, conduits.data, assets.data, targets.data]);
  const input = useMemo((): DiagramInput | undefined => {
    if (zones.data === undefined || conduits.data === undefined || assets.data === undefined)
      return undefined;
    return {
      zones: zones.data.map(({ body }) => ({
        id: body.id,
        name: body.name,
        ...(body.isSafetyRelated === undefined ? {} : { isSafetyRelated: body.isSafetyRelated }),
      })),
      conduits: conduits.data.map(({ body }) => body),
      assets: assets.data.map(({ body }) => ({
        id: body.id,
        name: body.name,
        kind: body.kind,
        ...(body.zone === undefined ? {} : { zone: body.zone }),
        ...(body.purdueLevel === undefined ? {} : { purdueLevel: body.purdueLevel }),
      })),
      targets: new Map(
        (targets.data ?? []).map((target) => [target.subject.id, targetText(target.target) ?? '']),
      ),
    };
  }, [zones.data, conduits.data, assets.data, targets.data]);

  useEffect(() => {
    if (input === undefined) return;
    let isCurrent = true;
    const started = performance.now();
    const { zones: packed, edges } = packDiagram(input, expanded, collapsed);
    // The rows are planned to fill the canvas (or the placeholder of the same size shown while laying out).
    const frame = stage.current?.querySelector('.diagram-canvas');
    const aspect =
      frame !== null && frame !== undefined && frame.clientWidth > 0 && frame.clientHeight > 0
        ? frame.clientWidth / frame.clientHeight
        : 4 / 3;
    elkPromise ??= createElk();
    elkPromise
      .then((elk) => layoutDiagram(elk, packed, edges, { aspect }))
      .then(
        (result) => {
          if (!isCurrent) return;
          setLayout(result);
          setLayoutMs(Math.round(performance.now() - started));
          setLayoutError(undefined);
        },
        (error: unknown) => {
          if (isCurrent) setLayoutError(error);
        },
      );
    return () => {
      isCurrent = false;
    };
  }, [input, expanded, collapsed]);

  const nodeFindings = useMemo(() => findingsByNode(findings.data ?? []), [findings.data]);
  const matches = useMemo(() => {
    const text = search.trim().toLowerCase();
    if (text === '' || input === undefined) return [];
    return [
      ...input.zones
        .filter((zone) => `${zone.id} ${zone.name}`.toLowerCase().includes(text))
        .map((zone) => zone.id),
      ...input.assets
        .filter((asset) => `${asset.id} ${asset.name}`.toLowerCase().includes(text))
        .map((asset) => asset.id),
      ...input.conduits
        .filter((conduit) => `${conduit.id} ${conduit.name}`.toLowerCase().includes(text))
        .map((conduit) => conduit.id),
    ];
  }, [search, input]);
  const highlighted = useMemo(() => new Set(matches), [matches]);

  /**
   * Selects a zone, conduit or asset and brings it into view: an asset's zone is expanded first when it is (or may
   * be, before the first layout) collapsed, and the canvas centres the node once the new layout holds it.
   */
  const focusOn = (id: string) => {
    const zone = assetById.get(id)?.body.zone;
    if (zone !== undefined && layout?.zones.find((z) => z.id === zone)?.isCollapsed !== false) {
      setExpanded((current) => (current.has(zone) ? current : new Set([...current, zone])));
      setCollapsed((current) =>
        current.has(zone) ? new Set([...current].filter((z) => z !== zone)) : current,
      );
    }
    setSelected(id);
    setFocusRequest((current) => ({ id, seq: (current?.seq ?? 0) + 1 }));
  };
  const revealMatch = () => {
    const first = matches[0];
    if (first !== undefined) focusOn(first);
  };
  // A link straight to a node (#/projects/…/diagram/<id>): focus it, again once the assets have loaded.
  const hasAssets = assets.data !== undefined;
  useEffect(() => {
    if (itemId !== undefined) focusOn(itemId);
    // focusOn is recreated each render; what matters is a new id, or the assets arriving to find its zone.
  }, [itemId, hasAssets]);

  const moveAsset = async (assetId: string, zoneId: string, revision?: number) => {
    const entity = assetById.get(assetId);
    if (entity === undefined) return;
    setMoveError(undefined);
    setStatus(undefined);
    const body = { ...entity.body, zone: zoneId };
    try {
      await updateEntity(
        api,
        projectId,
        'assets',
        { id: entity.id, revision: revision ?? entity.revision },
        body,
      );
      setStatus(`Moved ${entity.body.name} to ${zoneId}. Findings are being re-assessed.`);
      notifyChanged();
    } catch (error) {
      if (error instanceof ApiError && error.isConflict) setConflict({ error, asset: entity, zoneId });
      else setMoveError({ error, assetId, zoneId });
    }
  };

  const toggleZone = (zoneId: string) => {
    const zone = layout?.zones.find((candidate) => candidate.id === zoneId);
    if (zone === undefined) return;
    if (zone.isCollapsed) {
      setExpanded((current) => new Set([...current, zoneId]));
      setCollapsed((current) => new Set([...current].filter((id) => id !== zoneId)));
    } else {
      setCollapsed((current) => new Set([...current, zoneId]));
      setExpanded((current) => new Set([...current].filter((id) => id !== zoneId)));
    }
  };

  const handleExportSvg = () => {
    if (layout === undefined) return;
    saveFile(
      new Blob([renderDiagramSvg(layout, nodeFindings)], { type: 'image/svg+xml' }),
      `${projectId}-zones.svg`,
    );
  };
  const handleExportPng = async () => {
    if (layout === undefined) return;
    saveFile(await renderDiagramPng(layout, nodeFindings), `${projectId}-zones.png`);
  };

  const errorPosition =
    moveError === undefined ? undefined : canvas.current?.screenPositionOf(moveError.assetId);
  const loadError = zones.error ?? conduits.error ?? assets.error;

  return (
    <div className="view diagram-view">
      <header className="page-header">
        <h1>Zones and conduits</h1>
        <p className="muted">
          ZCR 3. Drag an asset onto another zone to move it; click a zone title to collapse or expand it.
          {layoutMs === undefined ? '' : ` Laid out in ${layoutMs.toLocaleString()} ms.`}
        </p>
      </header>
      <ErrorMessage error={loadError} title="The model could not be loaded" />
      <ErrorMessage error={layoutError} title="The layout failed" />
      <div className="toolbar diagram-toolbar">
        <form
          role="search"
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            revealMatch();
          }}
        >
          <label className="inline-field">
            <span>Find zone, asset or conduit</span>
            <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
          </label>
          <button type="submit" disabled={matches.length === 0}>
            Show{matches.length > 0 ? ` (${matches.length})` : ''}
          </button>
        </form>
        <div className="button-row" aria-label="View">
          <button type="button" onClick={() => canvas.current?.zoom(1.25)} aria-label="Zoom in">
            +
          </button>
          <button type="button" onClick={() => canvas.current?.zoom(0.8)} aria-label="Zoom out">
            −
          </button>
          <button type="button" onClick={() => canvas.current?.fit()}>
            Fit
          </button>
          <button
            type="button"
            onClick={() => {
              setExpanded(new Set(layout?.zones.map((zone) => zone.id)));
              setCollapsed(new Set());
            }}
          >
            Expand all
          </button>
          <button
            type="button"
            onClick={() => {
              setCollapsed(new Set(layout?.zones.map((zone) => zone.id)));
              setExpanded(new Set());
            }}
          >
            Collapse all
          </button>
        </div>
        <div className="button-row" aria-label="Export and create">
          <button type="button" onClick={handleExportSvg} disabled={layout === undefined}>
            Export SVG
          </button>
          <button type="button" onClick={() => void handleExportPng()} disabled={layout === undefined}>
            Export PNG
          </button>
          {capabilities.canEdit ? (
            <>
              <button type="button" onClick={() => setDialog('zone')}>
                New zone
              </button>
              <button type="button" onClick={() => setDialog('conduit')}>
                New conduit
              </button>
            </>
          ) : null}
        </div>
      </div>
      {status === undefined ? null : (
        <p className="notice notice-ok" role="status">
          {status}
        </p>
      )}
      <div className="diagram-layout">
        <div className="diagram-stage" ref={stage}>
          {layout === undefined ? (
            <div className="diagram-canvas">
              <p role="status" className="muted diagram-loading">
                Laying out the diagram…
              </p>
            </div>
          ) : (
            <DiagramCanvas
              ref={canvas}
              layout={layout}
              findings={nodeFindings}
              highlighted={highlighted}
              canEdit={capabilities.canEdit}
              onMoveAsset={(assetId, zoneId) => void moveAsset(assetId, zoneId)}
              onToggleZone={toggleZone}
              onSelect={setSelected}
              onRequestMove={setMoving}
              focusRequest={focusRequest}
            />
          )}
          {moveError === undefined ? null : (
            <div
              className="node-error"
              role="alert"
              style={errorPosition === undefined ? {} : { left: errorPosition.x, top: errorPosition.y + 20 }}
            >
              <ErrorMessage
                error={moveError.error}
                title={`${moveError.assetId} was not moved to ${moveError.zoneId}`}
              />
              <button type="button" onClick={() => setMoveError(undefined)}>
                Dismiss
              </button>
            </div>
          )}
        </div>
        <aside className="diagram-side card" aria-label="Diagram details">
          {selected === undefined ? (
            <p className="muted">Select a zone, conduit or asset to see what it is and its findings.</p>
          ) : (
            <NodeDetails
              id={selected}
              model={detailsModel}
              findings={findings.data ?? []}
              projectId={projectId}
              onSelect={focusOn}
            />
          )}
          <h2>Findings on the diagram</h2>
          <ul className="plain-list" aria-label="Nodes with findings">
            {[...nodeFindings].map(([id, info]) => (
              <li key={id}>
                <button type="button" className="link" onClick={() => focusOn(id)}>
                  {id}
                </button>{' '}
                — {info.count} open finding{info.count === 1 ? '' : 's'}, worst {info.worst}
              </li>
            ))}
          </ul>
        </aside>
      </div>
      {moving === undefined ? null : (
        <MoveDialog
          assetId={moving}
          zones={(zones.data ?? []).map(({ body }) => body.id)}
          current={assetById.get(moving)?.body.zone}
          onClose={() => setMoving(undefined)}
          onMove={(zoneId) => {
            setMoving(undefined);
            void moveAsset(moving, zoneId);
          }}
        />
      )}
      {conflict === undefined ? null : (
        <ConflictDialog
          error={conflict.error}
          mine={{ ...conflict.asset.body, zone: conflict.zoneId }}
          onClose={() => setConflict(undefined)}
          onUseCurrent={() => {
            setConflict(undefined);
            notifyChanged();
          }}
          onOverwrite={(revision) => {
            const { asset, zoneId } = conflict;
            setConflict(undefined);
            void moveAsset(asset.body.id, zoneId, revision);
          }}
        />
      )}
      {dialog === 'zone' ? (
        <CreateZoneDialog
          projectId={projectId}
          onClose={() => setDialog(undefined)}
          onCreated={() => {
            setDialog(undefined);
            notifyChanged();
          }}
        />
      ) : null}
      {dialog === 'conduit' ? (
        <CreateConduitDialog
          projectId={projectId}
          zones={(zones.data ?? []).map(({ body }) => body)}
          onClose={() => setDialog(undefined)}
          onCreated={() => {
            setDialog(undefined);
            notifyChanged();
          }}
        />
      ) : null}
    </div>
  );
};

const MoveDialog = ({
  assetId,
  zones,
  current,
  onClose,
  onMove,
}: {
  assetId: string;
  zones: readonly string[];
  current: string | undefined;
  onClose: () => void;
  onMove: (zoneId: string) => void;
}) => {
  const [zone, setZone] = useState(current ?? zones[0] ?? '');
  return (
    <Dialog title={`Move ${assetId}`} onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (zone !== current) onMove(zone);
        }}
      >
        <label className="field">
          <span>To zone</span>
          <select value={zone} onChange={(event) => setZone(event.target.value)}>
            {zones.map((id) => (
              <option key={id} value={id}>
                {id}
                {id === current ? ' (current)' : ''}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={zone === current}>
          Move
        </button>
      </form>
    </Dialog>
  );
};
