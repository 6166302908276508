import type { Asset, DataFlow } from '@zonewise/core';
import {
  cell,
  code,
  codeCell,
  keyValues,
  link,
  paragraph,
  section,
  text,
  type Block,
  type InlineContent,
  type Section,
} from '../document-model';
import { idsInline, type ReportContext } from '../report-context';
import { REGISTER_SOURCES, sizedTable } from '../report-size';

/** The SuC description as key-value pairs (ZCR 1.1, 6.2). */
export const systemDescription = (context: ReportContext): Block => {
  const system = context.model.system;
  return keyValues([
    ['Name', system.name],
    ['Identifier', system.id === undefined ? undefined : [code(system.id)]],
    ['Description', system.description],
    ['Intended use', system.intendedUse],
    ['Equipment under control', system.equipmentUnderControl],
    ['Site', system.site],
    ['Asset owner', system.owner],
    ['Logical boundary', system.boundary?.logical],
    ['Physical boundary', system.boundary?.physical],
  ]);
};

/** How a data flow crosses zones: the conduit that joins the two zones, or why there is none. */
const flowRoute = (context: ReportContext, flow: DataFlow): InlineContent => {
  const model = context.model;
  const fromZone = model.zoneOf(flow.from)?.id;
  const toZone = model.zoneOf(flow.to)?.id;
  if (fromZone === undefined || toZone === undefined) return [text('outside any zone')];
  if (fromZone === toZone) return [text('within '), code(fromZone)];
  const conduits = model.conduitsBetween(fromZone, toZone);
  return conduits.length === 0 ? [text('no conduit')] : idsInline(conduits.map((conduit) => conduit.id));
};

/** How a data flow crosses zones, as a group for the size rule's counts; the most relevant (no conduit) ranks 0. */
const flowRouteKind = (
  context: ReportContext,
  flow: DataFlow,
): { readonly label: string; readonly rank: number } => {
  const model = context.model;
  const fromZone = model.zoneOf(flow.from)?.id;
  const toZone = model.zoneOf(flow.to)?.id;
  if (fromZone === undefined || toZone === undefined) return { label: 'outside any zone', rank: 1 };
  if (fromZone === toZone) return { label: 'within a zone', rank: 3 };
  return model.conduitsBetween(fromZone, toZone).length === 0
    ? { label: 'no conduit', rank: 0 }
    : { label: 'through a conduit', rank: 2 };
};

/** An asset list (id, name, kind) under the size rule: worst impact first, counted by kind. */
const assetListSpec = (assets: readonly Asset[]) =>
  ({
    columns: ['Asset', 'Name', 'Kind'],
    items: assets,
    scope: 'model',
    what: 'assets',
    rank: (a: Asset, b: Asset) => (b.worstImpact ?? 0) - (a.worstImpact ?? 0),
    rankedBy: 'with the worst impact first',
    groups: [{ label: 'Kind', key: (asset: Asset) => asset.kind.title }],
    fullList: REGISTER_SOURCES.assets,
    row: (asset: Asset) => [codeCell(asset.id), cell(asset.name), cell(asset.kind.title)],
  }) as const;

/** SuC characterisation: description, assets, access points, external connections, data flows (ZCR 1.1). */
export const systemUnderConsiderationSection = (context: ReportContext): Section => {
  const model = context.model;
  const inScope = model.assets.filter((asset) => asset.isInScope !== false);
  const outOfScope = model.assets.filter((asset) => asset.isInScope === false);
  const unassigned = inScope.filter(
    (asset) => model.zoneOf(asset.id) === undefined && model.conduitOf(asset.id) === undefined,
  );
  const externalAssets = inScope.filter((asset) => asset.attributes.isExternallyConnected);
  const externalConduits = model.conduits.filter((conduit) => conduit.isExternal);
  const routeKinds = new Map<DataFlow, { readonly label: string; readonly rank: number }>();
  const routeKindOf = (flow: DataFlow): { readonly label: string; readonly rank: number } => {
    let kind = routeKinds.get(flow);
    if (kind === undefined) routeKinds.set(flow, (kind = flowRouteKind(context, flow)));
    return kind;
  };
  const zoneOfAsset = (assetId: string): string =>
    model.zoneOf(assetId)?.id ?? model.conduitOf(assetId)?.id ?? '';

  return section('system-under-consideration', 'System under consideration (ZCR 1)', [
    systemDescription(context),
    paragraph(
      `${inScope.length} assets are inside the boundary${outOfScope.length > 0 ? ` and ${outOfScope.length} are listed for context outside it` : ''}. The full asset list is in `,
      link('Appendix: asset list', 'appendix-assets'),
      '.',
    ),
    ...sizedTable(context.limits, {
      columns: [
        'Zone',
        'Name',
        { header: 'Assets', align: 'right' },
        'Asset kinds',
        { header: 'Safety-related', align: 'right' },
      ],
      items: model.zones,
      scope: 'model',
      what: 'zones',
      rank: (a, b) => model.assetsIn(b.id).length - model.assetsIn(a.id).length,
      rankedBy: 'with the most assets first',
      groups: [{ label: 'Safety-related', key: (zone) => (zone.isSafetyRelated ? 'yes' : 'no') }],
      fullList: REGISTER_SOURCES.zonesConduits,
      row: (zone) => {
        const assets = model.assetsIn(zone.id);
        const kinds = new Map<string, number>();
        for (const asset of assets) kinds.set(asset.kind.id, (kinds.get(asset.kind.id) ?? 0) + 1);
        return [
          codeCell(zone.id),
          cell(zone.name),
          cell(assets.length),
          cell([...kinds.entries()].map(([kind, count]) => `${kind} × ${count}`).join(', ')),
          cell(assets.filter((asset) => asset.attributes.isSafetyRelated).length),
        ];
      },
      caption: 'Assets by zone',
      emptyText: 'No zones defined.',
    }),
    ...(unassigned.length > 0
      ? [
          ...sizedTable(context.limits, {
            ...assetListSpec(unassigned),
            caption: 'Assets in scope without a zone (ZCR 3.1 requires one)',
          }),
        ]
      : []),
    ...sizedTable(context.limits, {
      columns: [
        'Access point',
        'Name',
        'Kind',
        'Enters zone',
        'Type',
        { header: 'Exposure', align: 'center' },
      ],
      items: model.accessPoints,
      scope: 'model',
      what: 'access points',
      rankedBy: 'first in the model',
      groups: [
        { label: 'Kind', key: (accessPoint) => accessPoint.kind },
        { label: 'Zone', key: (accessPoint) => accessPoint.zone },
      ],
      fullList: { kind: 'model', field: 'accessPoints' },
      caption: 'Access points (ZCR 1.1)',
      emptyText: 'No access points defined.',
      row: (accessPoint) => [
        codeCell(accessPoint.id),
        cell(accessPoint.name),
        cell(accessPoint.kind),
        codeCell(accessPoint.zone),
        cell(accessPoint.isLogical === false ? 'Physical' : 'Logical'),
        cell(accessPoint.exposure),
      ],
    }),
    ...sizedTable(context.limits, {
      columns: ['Conduit', 'Name', 'Joins', 'Enforcement', 'Channels'],
      items: externalConduits,
      scope: 'model',
      what: 'external conduits',
      rank: (a, b) => Number(a.enforcement.length > 0) - Number(b.enforcement.length > 0),
      rankedBy: 'without enforcement first',
      groups: [{ label: 'Enforcement', key: (conduit) => conduit.enforcement.join(', ') || 'none' }],
      fullList: REGISTER_SOURCES.zonesConduits,
      caption: 'External connections: conduits over external networks',
      emptyText: 'No external conduits.',
      row: (conduit) => [
        codeCell(conduit.id),
        cell(conduit.name),
        idsInline(conduit.zones),
        cell(conduit.enforcement.join(', ') || 'none'),
        cell(
          (conduit.channels ?? [])
            .map(
              (channel) =>
                `${channel.protocol}${channel.port === undefined ? '' : `/${channel.port}`} ${channel.from}→${channel.to}`,
            )
            .join('; '),
        ),
      ],
    }),
    ...sizedTable(context.limits, {
      columns: ['Asset', 'Name', 'Kind', 'Zone'],
      items: externalAssets,
      scope: 'model',
      what: 'externally connected assets',
      rank: (a, b) => (b.worstImpact ?? 0) - (a.worstImpact ?? 0),
      rankedBy: 'with the worst impact first',
      groups: [
        { label: 'Zone', key: (asset) => zoneOfAsset(asset.id) },
        { label: 'Kind', key: (asset) => asset.kind.title },
      ],
      fullList: REGISTER_SOURCES.assets,
      caption: 'External connections: externally connected assets',
      emptyText: 'No externally connected assets.',
      row: (asset) => [
        codeCell(asset.id),
        cell(asset.name),
        cell(asset.kind.title),
        codeCell(zoneOfAsset(asset.id) || undefined),
      ],
    }),
    ...sizedTable(context.limits, {
      columns: [
        'Flow',
        'From',
        'To',
        'Protocol',
        { header: 'Port', align: 'right' },
        'Purpose',
        'Crosses via',
      ],
      items: model.dataFlows,
      scope: 'model',
      what: 'data flows',
      rank: (a, b) => routeKindOf(a).rank - routeKindOf(b).rank,
      rankedBy:
        'that cross zones without a conduit first, then those outside any zone, then through conduits',
      groups: [
        { label: 'Route', key: (flow) => routeKindOf(flow).label },
        { label: 'Protocol', key: (flow) => flow.protocol ?? '' },
      ],
      fullList: { kind: 'model', field: 'dataFlows' },
      caption: 'Data flows',
      emptyText: 'No data flows defined.',
      row: (flow) => [
        codeCell(flow.id),
        [code(flow.from), text(` (${zoneOfAsset(flow.from) || 'no zone'})`)],
        [code(flow.to), text(` (${zoneOfAsset(flow.to) || 'no zone'})`)],
        cell(flow.protocol),
        cell(flow.port),
        cell(flow.purpose),
        flowRoute(context, flow),
      ],
    }),
    ...(outOfScope.length > 0
      ? [
          ...sizedTable(context.limits, {
            ...assetListSpec(outOfScope),
            caption: 'Assets outside the SuC boundary (context only)',
          }),
        ]
      : []),
  ]);
};
