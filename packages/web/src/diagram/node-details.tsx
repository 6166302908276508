import type { AssetInput, ConduitInput, Finding, TargetLevels, ZoneInput } from '@zonewise/core';
import { hrefOf } from '../app/router';
import { targetText } from './diagram-model';

/** The model behind the diagram, for the details of the selected node. */
export interface NodeDetailsModel {
  readonly zones: ReadonlyMap<string, ZoneInput>;
  readonly conduits: ReadonlyMap<string, ConduitInput>;
  readonly assets: ReadonlyMap<string, AssetInput>;
  readonly targets: ReadonlyMap<string, TargetLevels>;
  /** Zone id → the number of assets in it. */
  readonly assetCounts: ReadonlyMap<string, number>;
}

const NodeLink = ({ id, label, onSelect }: { id: string; label: string; onSelect: (id: string) => void }) => (
  <button type="button" className="link" onClick={() => onSelect(id)}>
    {label}
  </button>
);

/** How an SL-T was set, in words. */
const METHODS: Record<TargetLevels['method'], string> = {
  'risk-band': 'from the risk bands of its scenarios',
  'attacker-capability': 'from the capability of its threat sources',
  explicit: 'set explicitly',
  zones: 'from the zones it joins',
};

const TargetLine = ({ target }: { target: TargetLevels | undefined }) =>
  target === undefined ? null : (
    <p>
      <strong>{targetText(target.target)}</strong>{' '}
      <span className="small muted">{METHODS[target.method] ?? target.method}</span>
    </p>
  );

const FindingList = ({ findings }: { findings: readonly Finding[] }) =>
  findings.length === 0 ? (
    <p className="muted">No open findings on this node.</p>
  ) : (
    <ul className="plain-list" aria-label="Findings on this node">
      {findings.map((finding) => (
        <li key={finding.id}>
          <strong>{finding.severity}</strong> {finding.title}
          <div className="small muted">{finding.because}</div>
        </li>
      ))}
    </ul>
  );

/**
 * The side panel's view of the selected zone, conduit or asset: what it is, its SL-T, what it connects or contains,
 * and its open findings. Zones and conduits named here are links that select them on the diagram.
 */
export const NodeDetails = ({
  id,
  model,
  findings,
  projectId,
  onSelect,
}: {
  id: string;
  model: NodeDetailsModel;
  findings: readonly Finding[];
  projectId: string;
  onSelect: (id: string) => void;
}) => {
  const open = findings.filter((finding) => finding.subject.id === id && finding.status === 'open');
  const zoneName = (zoneId: string) => model.zones.get(zoneId)?.name ?? zoneId;
  const zone = model.zones.get(id);
  if (zone !== undefined) {
    const conduits = [...model.conduits.values()].filter((conduit) => conduit.zones.includes(id));
    return (
      <section aria-label={`Zone ${zone.name}`}>
        <h2>{zone.name}</h2>
        <p className="small muted">
          Zone <span className="mono">{zone.id}</span> · {model.assetCounts.get(id) ?? 0} assets
          {zone.isSafetyRelated === true ? ' · safety-related' : ''}
        </p>
        <TargetLine target={model.targets.get(id)} />
        <h3>Conduits ({conduits.length})</h3>
        <ul className="plain-list">
          {conduits.map((conduit) => (
            <li key={conduit.id}>
              <NodeLink id={conduit.id} label={conduit.name} onSelect={onSelect} />{' '}
              <span className="small muted">
                to{' '}
                {conduit.zones
                  .filter((other) => other !== id)
                  .map(zoneName)
                  .join(', ')}
              </span>
            </li>
          ))}
        </ul>
        <h3>Findings</h3>
        <FindingList findings={open} />
      </section>
    );
  }
  const conduit = model.conduits.get(id);
  if (conduit !== undefined) {
    return (
      <section aria-label={`Conduit ${conduit.name}`}>
        <h2>{conduit.name}</h2>
        <p className="small muted">
          Conduit <span className="mono">{conduit.id}</span>
          {conduit.isExternal === true ? ' · crosses an external network' : ''}
        </p>
        <TargetLine target={model.targets.get(id)} />
        <p>
          Joins{' '}
          {conduit.zones.map((zoneId, index) => (
            <span key={zoneId}>
              {index === 0 ? '' : index === conduit.zones.length - 1 ? ' and ' : ', '}
              <NodeLink id={zoneId} label={zoneName(zoneId)} onSelect={onSelect} />
            </span>
          ))}
        </p>
        <p>
          Enforced by:{' '}
          {conduit.enforcement === undefined || conduit.enforcement.length === 0 ? (
            <span className="muted">nothing declared</span>
          ) : (
            conduit.enforcement.join(', ')
          )}
        </p>
        <h3>Channels ({conduit.channels?.length ?? 0})</h3>
        {(conduit.channels ?? []).length === 0 ? (
          <p className="muted">No channels declared: nothing is designed to cross.</p>
        ) : (
          <table className="data-table compact">
            <thead>
              <tr>
                <th scope="col">Protocol</th>
                <th scope="col">Port</th>
                <th scope="col">From → to</th>
              </tr>
            </thead>
            <tbody>
              {(conduit.channels ?? []).map((channel, index) => (
                <tr key={index}>
                  <td>
                    {channel.protocol}
                    {channel.isEncrypted === true ? ' (encrypted)' : ''}
                  </td>
                  <td className="num">{channel.port ?? 'any'}</td>
                  <td>
                    {zoneName(channel.from)} → {zoneName(channel.to)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3>Findings</h3>
        <FindingList findings={open} />
      </section>
    );
  }
  const asset = model.assets.get(id);
  return (
    <section aria-label={`Asset ${asset?.name ?? id}`}>
      <h2>{asset?.name ?? id}</h2>
      <p className="small muted">
        Asset <span className="mono">{id}</span>
        {asset === undefined ? '' : ` · ${asset.kind}`}
        {asset?.purdueLevel === undefined ? '' : ` · level ${asset.purdueLevel}`}
      </p>
      {asset?.zone === undefined ? (
        <p className="muted">In no zone.</p>
      ) : (
        <p>
          In <NodeLink id={asset.zone} label={zoneName(asset.zone)} onSelect={onSelect} />
        </p>
      )}
      {asset === undefined ? null : (
        <p>
          <a href={hrefOf({ name: 'project', projectId, view: 'assets', itemId: id })}>Open the asset</a>
        </p>
      )}
      <h3>Findings</h3>
      <FindingList findings={open} />
    </section>
  );
};
