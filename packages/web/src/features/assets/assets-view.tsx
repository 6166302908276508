import {
  ASSET_KINDS,
  DEFAULT_IMPACT_CATEGORIES,
  type AssetInput,
  type DataFlowInput,
  type Finding,
  type VulnerabilityInput,
  type ZoneInput,
} from '@zonewise/core';
import { useEffect, useMemo, useState } from 'react';
import { applyChanges, listAllEntities } from '../../api/entities';
import { listAll } from '../../api/list-all';
import { navigate } from '../../app/router';
import { useApi } from '../../app/session';
import { ErrorMessage } from '../../ui/error-message';
import { useResource } from '../../ui/use-resource';
import { projectPath, useProject } from '../project/project-context';
import { AssetDetail } from './asset-detail';
import { AssetGrid, type GridSort } from './asset-grid';
import {
  bulkEditChanges,
  filterAssetRows,
  sortAssetRows,
  toAssetRows,
  type AssetBulkEdit,
  type AssetFilter,
  type AssetRow,
} from './asset-table-model';
import { BulkEditBar } from './bulk-edit-bar';

/**
 * ZCR 1.1 inventory: every asset in a virtualised table (sort, filter, search, multi-select, bulk edit of zone,
 * kind and criticality in one atomic batch) with a detail panel.
 */
export const AssetsView = ({ itemId }: { itemId: string | undefined }) => {
  const api = useApi();
  const { projectId, changeCount, capabilities, notifyChanged } = useProject();
  const key = `${projectId}#${changeCount}`;
  const [progress, setProgress] = useState<{ loaded: number; total: number }>();
  const assets = useResource(key, () =>
    listAllEntities<AssetInput>(api, projectId, 'assets', (loaded, total) => setProgress({ loaded, total })),
  );
  const zones = useResource(key, () => listAllEntities<ZoneInput>(api, projectId, 'zones'));
  // What only the detail panel shows is loaded once a detail is first opened, not with the table: on a 100k-asset
  // plant the findings need the whole assessment (seconds of server time) and the lists are parsed on the main
  // thread, which made scrolling the table drop frames while they arrived.
  const [hasOpenedDetail, setHasOpenedDetail] = useState(itemId !== undefined);
  useEffect(() => {
    if (itemId !== undefined) setHasOpenedDetail(true);
  }, [itemId]);
  const detailKey = hasOpenedDetail ? key : `${projectId}:not-yet#0`;
  const whenOpened =
    <T,>(load: () => Promise<readonly T[]>) =>
    () =>
      hasOpenedDetail ? load() : Promise.resolve([]);
  const vulnerabilities = useResource(
    detailKey,
    whenOpened(() => listAllEntities<VulnerabilityInput>(api, projectId, 'vulnerabilities')),
  );
  const flows = useResource(
    detailKey,
    whenOpened(() => listAllEntities<DataFlowInput>(api, projectId, 'dataFlows')),
  );
  const findings = useResource(
    detailKey,
    whenOpened(() => listAll<Finding>(api, `${projectPath(projectId)}/assessment/findings`)),
  );

  const [filter, setFilter] = useState<AssetFilter>({ text: '', zone: '', kind: '' });
  const [sort, setSort] = useState<GridSort>({ key: 'id', direction: 'ascending' });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [bulkError, setBulkError] = useState<unknown>();
  const [bulkStatus, setBulkStatus] = useState<string>();

  const allRows = useMemo(() => toAssetRows(assets.data ?? []), [assets.data]);
  const sortedRows = useMemo(() => sortAssetRows(allRows, sort.key, sort.direction), [allRows, sort]);
  const rows = useMemo(() => filterAssetRows(sortedRows, filter), [sortedRows, filter]);
  const kinds = useMemo(
    () => [...new Set([...ASSET_KINDS.map((kind) => kind.id), ...allRows.map((row) => row.kind)])].sort(),
    [allRows],
  );
  const zoneIds = useMemo(() => (zones.data ?? []).map((zone) => zone.body.id), [zones.data]);
  const selectedRows = useMemo(
    () => allRows.filter((row) => selected.has(row.entity.id)),
    [allRows, selected],
  );
  const open = itemId === undefined ? undefined : allRows.find((row) => row.entity.id === itemId);

  const handleSort = (column: GridSort['key']) =>
    setSort((current) => ({
      key: column,
      direction: current.key === column && current.direction === 'ascending' ? 'descending' : 'ascending',
    }));
  const handleOpen = (row: AssetRow) =>
    navigate({ name: 'project', projectId, view: 'assets', itemId: row.entity.id });
  const handleBulkEdit = async (edit: AssetBulkEdit) => {
    setBulkError(undefined);
    setBulkStatus(undefined);
    try {
      await applyChanges(api, projectId, bulkEditChanges(selectedRows, edit), 'bulk edit in the asset table');
      setBulkStatus(`${selectedRows.length} assets changed.`);
      setSelected(new Set());
      notifyChanged();
    } catch (error) {
      setBulkError(error);
    }
  };

  return (
    <div className="view assets-view">
      <header className="page-header">
        <h1>Assets</h1>
        <p className="muted">ZCR 1.1 inventory with criticality per impact category (ZCR 2).</p>
      </header>
      <ErrorMessage error={assets.error} title="Assets could not be loaded" />
      <div className="toolbar" role="search">
        <label className="inline-field">
          <span>Search</span>
          <input
            type="search"
            value={filter.text}
            placeholder="id, name, vendor, tag…"
            onChange={(event) => setFilter({ ...filter, text: event.target.value })}
          />
        </label>
        <label className="inline-field">
          <span>Zone</span>
          <select
            value={filter.zone}
            onChange={(event) => setFilter({ ...filter, zone: event.target.value })}
          >
            <option value="">any</option>
            {zoneIds.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>Kind</span>
          <select
            value={filter.kind}
            onChange={(event) => setFilter({ ...filter, kind: event.target.value })}
          >
            <option value="">any</option>
            {kinds.map((kind) => (
              <option key={kind} value={kind}>
                {kind}
              </option>
            ))}
          </select>
        </label>
        <p className="count" role="status" aria-live="polite">
          {assets.isLoading && progress !== undefined && assets.data === undefined
            ? `Loading ${progress.loaded.toLocaleString()} of ${progress.total.toLocaleString()}…`
            : `${rows.length.toLocaleString()} of ${allRows.length.toLocaleString()} assets` +
              (selected.size > 0 ? `, ${selected.size.toLocaleString()} selected` : '')}
        </p>
      </div>
      {capabilities.canEdit && selected.size > 0 ? (
        <BulkEditBar
          count={selected.size}
          zones={zoneIds}
          kinds={kinds}
          categories={DEFAULT_IMPACT_CATEGORIES.map((category) => category.id)}
          onApply={(edit) => void handleBulkEdit(edit)}
        />
      ) : null}
      <ErrorMessage error={bulkError} title="The bulk edit was not applied (nothing was changed)" />
      {bulkStatus === undefined ? null : (
        <p className="notice notice-ok" role="status">
          {bulkStatus}
        </p>
      )}
      <div className={open === undefined ? 'assets-layout' : 'assets-layout has-detail'}>
        <AssetGrid
          rows={rows}
          sort={sort}
          onSort={handleSort}
          selected={selected}
          onSelect={setSelected}
          onOpen={handleOpen}
          openId={open?.entity.id}
        />
        {open === undefined ? null : (
          <AssetDetail
            projectId={projectId}
            asset={open.entity.body}
            context={{ vulnerabilities, flows, findings }}
            onClose={() => navigate({ name: 'project', projectId, view: 'assets' })}
          />
        )}
      </div>
    </div>
  );
};
