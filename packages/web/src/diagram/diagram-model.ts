import { findAssetKind } from '@zonewise/core';
import { setTitle, TITLE, type TitleSetting } from './diagram-text';

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
  /** The asset's own Purdue level, when it differs from its kind's. */
  readonly purdueLevel?: number;
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
  chipHeight: 28,
  gap: 6,
  padding: 12,
  /** Space above the title, and between the subtitle and the chips. */
  headerTop: 8,
  headerBottom: 6,
  subtitleFont: 14,
  subtitleLine: 18,
  /** A zone box is never narrower than two chip columns, so that its title has room for two lines. */
  minWidth: 330,
  collapsedFont: 14,
  collapsedLine: 20,
  /** Zones with more assets than this start collapsed (count by kind instead of chips). */
  collapseAbove: 24,
  /** Chip columns a zone may use when the layout makes it wide and flat. */
  maxColumns: 8,
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
  /** Height of the title and subtitle band; chips (or the counts) start below it. */
  readonly header: number;
  /** The title as drawn: one or two lines at a font size that fits the box. */
  readonly title: TitleSetting;
  readonly assetCount: number;
  /** Purdue level of the zone (lower median of its assets' levels), undefined for an empty zone. */
  readonly level: number | undefined;
  readonly isCollapsed: boolean;
  /** Chip columns (0 when collapsed). */
  readonly columns: number;
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

/** Lines of kind counts a collapsed zone shows (the last one may be "+ n more kinds"). */
const COLLAPSED_LINES = 5;

/** Chip columns a zone of `count` assets may use: from two (one for a single asset) to {@link GEOMETRY.maxColumns}. */
export const columnRange = (count: number): { readonly min: number; readonly max: number } => ({
  min: Math.max(1, Math.min(2, count)),
  max: Math.max(1, Math.min(GEOMETRY.maxColumns, count)),
});

/** Box width of a zone with `columns` chip columns. */
export const zoneWidthFor = (columns: number): number =>
  Math.max(
    GEOMETRY.minWidth,
    GEOMETRY.padding * 2 + columns * GEOMETRY.chipWidth + Math.max(0, columns - 1) * GEOMETRY.gap,
  );

const headerFor = (title: TitleSetting): number =>
  GEOMETRY.headerTop +
  Math.ceil(title.lines.length * title.font * TITLE.lineHeight) +
  GEOMETRY.subtitleLine +
  GEOMETRY.headerBottom;

/**
 * Size of a zone box with about `columns` chip columns (clamped to what its asset count allows), at least
 * `minWidth` wide; a box widened that way uses the extra room for more columns.
 */
export const zoneBox = (
  zone: Pick<PackedZone, 'name' | 'isCollapsed' | 'assets' | 'kindCounts'>,
  columns: number,
  minWidth = 0,
): {
  readonly columns: number;
  readonly width: number;
  readonly height: number;
  readonly header: number;
  readonly title: TitleSetting;
} => {
  const { chipHeight, gap, padding } = GEOMETRY;
  if (zone.isCollapsed) {
    const width = Math.max(GEOMETRY.minWidth, Math.ceil(minWidth));
    const title = setTitle(zone.name, width - padding * 2);
    const header = headerFor(title);
    const lines = Math.min(zone.kindCounts.length, COLLAPSED_LINES);
    return {
      columns: 0,
      width,
      title,
      header,
      height: header + Math.max(1, lines) * GEOMETRY.collapsedLine + padding,
    };
  }
  const range = columnRange(zone.assets.length);
  const asked = Math.max(range.min, Math.min(range.max, Math.round(columns)));
  const width = Math.max(zoneWidthFor(asked), Math.ceil(minWidth));
  const fitting = Math.floor((width - padding * 2 + gap) / (GEOMETRY.chipWidth + gap));
  const used = Math.max(asked, Math.min(range.max, fitting));
  const title = setTitle(zone.name, width - padding * 2);
  const header = headerFor(title);
  const rows = Math.max(1, Math.ceil(zone.assets.length / used));
  return { columns: used, width, title, header, height: header + rows * (chipHeight + gap) - gap + padding };
};

/**
 * Re-shapes a zone to about `columns` chip columns and at least `minWidth`: its chips, width, title setting and
 * height. Collapsed zones keep their fixed body.
 */
export const shapeZone = (zone: PackedZone, columns: number, minWidth = 0): PackedZone => {
  const box = zoneBox(zone, columns, minWidth);
  const { chipWidth, chipHeight, gap, padding } = GEOMETRY;
  return {
    ...zone,
    ...box,
    assets: zone.assets.map((asset, index) => ({
      ...asset,
      x: padding + (index % Math.max(1, box.columns)) * (chipWidth + gap),
      y: box.header + Math.floor(index / Math.max(1, box.columns)) * (chipHeight + gap),
    })),
  };
};

/** The Purdue level the diagram files a zone under: the lower median of its assets' levels. */
export const zoneLevel = (levels: readonly number[]): number | undefined => {
  if (levels.length === 0) return undefined;
  const sorted = [...levels].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};

const levelOfAsset = (asset: DiagramAssetInput): number | undefined =>
  asset.purdueLevel ?? findAssetKind(asset.kind)?.purdueLevel;

/**
 * Packs each zone's assets into a grid of chips (no general graph layout inside a zone: that is what keeps 5,000
 * assets cheap), collapses large zones unless expanded, files each zone under a Purdue level, and turns conduits
 * into zone-to-zone edges labelled with their protocols and SL-T. The layout later re-shapes the chip grids
 * ({@link shapeZone}) so that the rows of zones fill the canvas.
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

  const zones = zoneInputs.map((zone): PackedZone => {
    const assets = byZone.get(zone.id) ?? [];
    const isCollapsed =
      collapsed.has(zone.id) || (assets.length > GEOMETRY.collapseAbove && !expanded.has(zone.id));
    const counts = new Map<string, number>();
    for (const asset of assets) counts.set(asset.kind, (counts.get(asset.kind) ?? 0) + 1);
    const kindCounts = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const sorted = [...assets].sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
    const base: PackedZone = {
      id: zone.id,
      name: zone.name,
      isSafetyRelated: zone.isSafetyRelated === true,
      target: input.targets.get(zone.id),
      assetCount: assets.length,
      level:
        zone.id === UNZONED
          ? undefined
          : zoneLevel(assets.map(levelOfAsset).filter((level) => level !== undefined)),
      kindCounts,
      isCollapsed,
      columns: 0,
      assets: isCollapsed
        ? []
        : sorted.map((asset) => ({ id: asset.id, name: asset.name, kind: asset.kind, x: 0, y: 0 })),
      width: 0,
      height: 0,
      header: 0,
      title: { lines: [zone.name], font: TITLE.font },
    };
    return shapeZone(base, Math.ceil(Math.sqrt(assets.length)));
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
