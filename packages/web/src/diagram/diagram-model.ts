/** A zone as the diagram needs it. */
export interface DiagramZoneInput {
  readonly id: string;
  readonly name: string;
  readonly isSafetyRelated?: boolean;
}

/** A conduit as the diagram needs it: the zones it joins and what may cross. */
export interface DiagramConduitInput {
  readonly id: string;
  readonly name: string;
  readonly zones: readonly string[];
  readonly channels?:
    readonly { readonly protocol: string; readonly port?: number | string | undefined }[] | undefined;
  readonly isExternal?: boolean | undefined;
}

/** An asset as the diagram needs it. */
export interface DiagramAssetInput {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly zone?: string;
}

/** What the diagram is drawn from: the model's zones, conduits and assets, and SL-T per zone/conduit id. */
export interface DiagramInput {
  readonly zones: readonly DiagramZoneInput[];
  readonly conduits: readonly DiagramConduitInput[];
  readonly assets: readonly DiagramAssetInput[];
  /** Display text of the SL-T per zone or conduit id (`SL-T 2` or `SL-T {2 2 1 …}`). */
  readonly targets: ReadonlyMap<string, string>;
}

/** Geometry of asset chips and zone boxes (diagram units = CSS px at zoom 1). */
export const GEOMETRY = {
  chipWidth: 150,
  chipHeight: 30,
  gap: 8,
  padding: 12,
  header: 46,
  collapsedWidth: 230,
  collapsedLine: 18,
  /** Zones with more assets than this start collapsed (count by kind instead of chips). */
  collapseAbove: 24,
} as const;

/** An asset chip, relative to its zone's top-left corner. */
export interface PackedAsset {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly x: number;
  readonly y: number;
}

/** A zone container before layout: its size, and its chips or (collapsed) its counts by kind. */
export interface PackedZone {
  readonly id: string;
  readonly name: string;
  readonly isSafetyRelated: boolean;
  readonly target: string | undefined;
  readonly width: number;
  readonly height: number;
  readonly assetCount: number;
  readonly isCollapsed: boolean;
  readonly assets: readonly PackedAsset[];
  readonly kindCounts: readonly (readonly [string, number])[];
}

/** A conduit edge between two zones (a conduit joining n zones gives n-1 edges from its first zone). */
export interface ConduitEdge {
  readonly id: string;
  readonly conduitId: string;
  readonly source: string;
  readonly target: string;
  readonly label: string;
  readonly isExternal: boolean;
}

/** The id of the pseudo-zone holding assets without a (known) zone, so they stay visible and draggable. */
export const UNZONED = '(no zone)';

/**
 * Packs each zone's assets into a grid of chips (no general graph layout inside a zone: that is what keeps 5,000
 * assets cheap), collapses large zones unless expanded, and turns conduits into zone-to-zone edges labelled with
 * their protocols and SL-T.
 */
export const packDiagram = (
  input: DiagramInput,
  expanded: ReadonlySet<string>,
  collapsed: ReadonlySet<string> = new Set(),
): { zones: PackedZone[]; edges: ConduitEdge[] } => {
  const byZone = new Map<string, DiagramAssetInput[]>();
  const zoneIds = new Set(input.zones.map((zone) => zone.id));
  const conduitIds = new Set(input.conduits.map((conduit) => conduit.id));
  for (const asset of input.assets) {
    // Network devices may belong to a conduit rather than a zone: they implement the edge, not a box.
    if (asset.zone !== undefined && conduitIds.has(asset.zone)) continue;
    const zone = asset.zone !== undefined && zoneIds.has(asset.zone) ? asset.zone : UNZONED;
    const list = byZone.get(zone);
    if (list === undefined) byZone.set(zone, [asset]);
    else list.push(asset);
  }
  const zoneInputs: DiagramZoneInput[] = [...input.zones];
  if (byZone.has(UNZONED)) zoneInputs.push({ id: UNZONED, name: 'Assets without a zone' });

  const { chipWidth, chipHeight, gap, padding, header } = GEOMETRY;
  const zones = zoneInputs.map((zone): PackedZone => {
    const assets = byZone.get(zone.id) ?? [];
    const isCollapsed =
      collapsed.has(zone.id) || (assets.length > GEOMETRY.collapseAbove && !expanded.has(zone.id));
    const counts = new Map<string, number>();
    for (const asset of assets) counts.set(asset.kind, (counts.get(asset.kind) ?? 0) + 1);
    const kindCounts = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const base = {
      id: zone.id,
      name: zone.name,
      isSafetyRelated: zone.isSafetyRelated === true,
      target: input.targets.get(zone.id),
      assetCount: assets.length,
      kindCounts,
    };
    if (isCollapsed) {
      const lines = Math.min(kindCounts.length, 4) + 1;
      return {
        ...base,
        isCollapsed,
        assets: [],
        width: GEOMETRY.collapsedWidth,
        height: header + padding + lines * GEOMETRY.collapsedLine,
      };
    }
    const columns = Math.max(1, Math.min(4, Math.ceil(Math.sqrt(assets.length))));
    const rows = Math.ceil(assets.length / columns);
    const sorted = [...assets].sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
    return {
      ...base,
      isCollapsed,
      assets: sorted.map((asset, index) => ({
        id: asset.id,
        name: asset.name,
        kind: asset.kind,
        x: padding + (index % columns) * (chipWidth + gap),
        y: header + Math.floor(index / columns) * (chipHeight + gap),
      })),
      width: Math.max(GEOMETRY.collapsedWidth, padding * 2 + columns * chipWidth + (columns - 1) * gap),
      height: header + Math.max(1, rows) * (chipHeight + gap) + padding - gap + (rows === 0 ? 0 : 0),
    };
  });

  const edges: ConduitEdge[] = [];
  for (const conduit of input.conduits) {
    const joined = conduit.zones.filter((zone) => zoneIds.has(zone));
    const protocols = [
      ...new Set(
        (conduit.channels ?? []).map((channel) =>
          channel.port === undefined ? channel.protocol : `${channel.protocol}/${String(channel.port)}`,
        ),
      ),
    ];
    const shown = protocols.length > 3 ? [...protocols.slice(0, 3), `+${protocols.length - 3}`] : protocols;
    const target = input.targets.get(conduit.id);
    const label = [shown.join(', '), target].filter((part) => part !== undefined && part !== '').join(' · ');
    for (const other of joined.slice(1)) {
      const first = joined[0];
      if (first === undefined || first === other) continue;
      edges.push({
        id: `${conduit.id}:${other}`,
        conduitId: conduit.id,
        source: first,
        target: other,
        label,
        isExternal: conduit.isExternal === true,
      });
    }
  }
  return { zones, edges };
};

/** SL-T vector as display text: one number when all FRs agree, else the vector in FR order. */
export const targetText = (vector: Readonly<Record<string, number>> | undefined): string | undefined => {
  if (vector === undefined) return undefined;
  const levels = ['FR1', 'FR2', 'FR3', 'FR4', 'FR5', 'FR6', 'FR7'].map((fr) => vector[fr] ?? 0);
  return levels.every((level) => level === levels[0])
    ? `SL-T ${levels[0] ?? 0}`
    : `SL-T {${levels.join(' ')}}`;
};
