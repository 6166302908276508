import type { DataFlow } from '@zonewise/core';
import {
  cell,
  code,
  codeCell,
  keyValues,
  link,
  paragraph,
  section,
  table,
  text,
  type Block,
  type InlineContent,
  type Section,
} from '../document-model';
import { idsInline, type ReportContext } from '../report-context';

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
  const zoneOfAsset = (assetId: string): string =>
    model.zoneOf(assetId)?.id ?? model.conduitOf(assetId)?.id ?? '';

  return section('system-under-consideration', 'System under consideration (ZCR 1)', [
    systemDescription(context),
    paragraph(
      `${inScope.length} assets are inside the boundary${outOfScope.length > 0 ? ` and ${outOfScope.length} are listed for context outside it` : ''}. The full asset list is in `,
      link('Appendix: asset list', 'appendix-assets'),
      '.',
    ),
    table(
      [
        'Zone',
        'Name',
        { header: 'Assets', align: 'right' },
        'Asset kinds',
        { header: 'Safety-related', align: 'right' },
      ],
      model.zones.map((zone) => {
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
      }),
      { caption: 'Assets by zone', emptyText: 'No zones defined.' },
    ),
    ...(unassigned.length > 0
      ? [
          table(
            ['Asset', 'Name', 'Kind'],
            unassigned.map((asset) => [codeCell(asset.id), cell(asset.name), cell(asset.kind.title)]),
            { caption: 'Assets in scope without a zone (ZCR 3.1 requires one)' },
          ),
        ]
      : []),
    table(
      ['Access point', 'Name', 'Kind', 'Enters zone', 'Type', { header: 'Exposure', align: 'center' }],
      model.accessPoints.map((accessPoint) => [
        codeCell(accessPoint.id),
        cell(accessPoint.name),
        cell(accessPoint.kind),
        codeCell(accessPoint.zone),
        cell(accessPoint.isLogical === false ? 'Physical' : 'Logical'),
        cell(accessPoint.exposure),
      ]),
      { caption: 'Access points (ZCR 1.1)', emptyText: 'No access points defined.' },
    ),
    table(
      ['Conduit', 'Name', 'Joins', 'Enforcement', 'Channels'],
      externalConduits.map((conduit) => [
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
      ]),
      {
        caption: 'External connections: conduits over external networks',
        emptyText: 'No external conduits.',
      },
    ),
    table(
      ['Asset', 'Name', 'Kind', 'Zone'],
      externalAssets.map((asset) => [
        codeCell(asset.id),
        cell(asset.name),
        cell(asset.kind.title),
        codeCell(zoneOfAsset(asset.id) || undefined),
      ]),
      {
        caption: 'External connections: externally connected assets',
        emptyText: 'No externally connected assets.',
      },
    ),
    table(
      ['Flow', 'From', 'To', 'Protocol', { header: 'Port', align: 'right' }, 'Purpose', 'Crosses via'],
      model.dataFlows.map((flow) => [
        codeCell(flow.id),
        [code(flow.from), text(` (${zoneOfAsset(flow.from) || 'no zone'})`)],
        [code(flow.to), text(` (${zoneOfAsset(flow.to) || 'no zone'})`)],
        cell(flow.protocol),
        cell(flow.port),
        cell(flow.purpose),
        flowRoute(context, flow),
      ]),
      { caption: 'Data flows', emptyText: 'No data flows defined.' },
    ),
    ...(outOfScope.length > 0
      ? [
          table(
            ['Asset', 'Name', 'Kind'],
            outOfScope.map((asset) => [codeCell(asset.id), cell(asset.name), cell(asset.kind.title)]),
            { caption: 'Assets outside the SuC boundary (context only)' },
          ),
        ]
      : []),
  ]);
};
