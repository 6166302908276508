import {
  formatVector,
  type Conduit,
  type SecurityLevelVector,
  type SystemModel,
  type TargetLevels,
  type Zone,
} from '@zonewise/core';
import type { ElkNode } from 'elkjs/lib/elk-api';
import { fitText, textWidth } from '../report/svg/svg-text';

/** How the zones are arranged; all are ELK algorithms run on the same graph. */
export const DIAGRAM_LAYOUTS = ['purdue', 'layered', 'stress'] as const;

/** One of {@link DIAGRAM_LAYOUTS}. */
export type DiagramLayoutName = (typeof DIAGRAM_LAYOUTS)[number];

/** Options of the zone/conduit diagram layout. */
export interface ZoneDiagramLayoutOptions {
  /**
   * purdue (default): layered top to bottom, zones held in rows by the Purdue level of their assets; layered: the
   * same without the rows, ELK places zones by their conduits alone; stress: a force-like layout for meshes.
   */
  readonly layout?: DiagramLayoutName;
  /** SL-T per zone and conduit, printed on boxes and conduit labels. */
  readonly targets?: readonly TargetLevels[];
  /** Zones with more assets than this show a count by kind instead of the assets. Default 8. */
  readonly maxAssetsListed?: number;
}

/** A rectangle in diagram coordinates (px, origin top left). */
export interface DiagramBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** One line inside a zone box. */
export interface DiagramLine {
  readonly text: string;
  readonly detail?: string;
  readonly kind: 'asset' | 'count' | 'connector';
}

/** A zone placed on the diagram, with what its box shows. */
export interface PlacedZone extends DiagramBox {
  readonly id: string;
  readonly name: string;
  readonly isSafetyRelated: boolean;
  /** "SL-T 2" or "SL-T {2 2 0 1 3 1 3}", when known. */
  readonly securityLevel?: string;
  /**
   * Lines inside the box: asset names with their kind, counts by kind for a big zone, and in a large diagram the
   * conduits to zones in other groups (`connector`), listed instead of drawn across the page.
   */
  readonly lines: readonly DiagramLine[];
  readonly assetCount: number;
  /** Zones nested in this one (their boxes lie inside this box). */
  readonly hasChildren: boolean;
  readonly depth: number;
}

/** A conduit edge between two zones: its route and its label. */
export interface PlacedConduit {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  /** Route points, start to end; empty for a connector (listed in both zone boxes instead of drawn). */
  readonly points: readonly { readonly x: number; readonly y: number }[];
  readonly label: DiagramBox & { readonly text: string };
  readonly isExternal: boolean;
  /** A data diode: one-way, drawn with an arrow towards `to`. */
  readonly isOneWay: boolean;
  readonly title: string;
  /** The two zones are in different groups of a large diagram: the conduit is a line in both boxes. */
  readonly isConnector: boolean;
}

/** The laid-out diagram: what the SVG renderer draws, and what the layout tests check. */
export interface ZoneDiagramLayout {
  readonly width: number;
  readonly height: number;
  readonly zones: readonly PlacedZone[];
  readonly conduits: readonly PlacedConduit[];
  /** In a large diagram, the frames of the groups of zones laid out together. */
  readonly groups: readonly DiagramBox[];
}

/** Box geometry shared with the renderer. */
export const ZONE_BOX = { width: 230, header: 40, line: 16, padding: 8 } as const;
/** Conduit label font size (px). */
export const LABEL_FONT = 10;
const LABEL_HEIGHT = 14;
const MARGIN = 20;

const slText = (vector: SecurityLevelVector | undefined): string | undefined => {
  if (vector === undefined) return undefined;
  const levels = Object.values(vector);
  return levels.every((level) => level === levels[0])
    ? `SL-T ${levels[0] ?? 0}`
    : `SL-T ${formatVector(vector)}`;
};

const median = (values: readonly number[]): number | undefined => {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};

const zoneLines = (model: SystemModel, zone: Zone, limit: number): DiagramLine[] => {
  const assets = model.assetsIn(zone.id);
  if (assets.length === 0) return [{ text: 'no assets', kind: 'count' }];
  if (assets.length <= limit) {
    return assets.map((asset) => ({ text: asset.name, detail: asset.kind.id, kind: 'asset' }));
  }
  const byKind = new Map<string, number>();
  for (const asset of assets) byKind.set(asset.kind.id, (byKind.get(asset.kind.id) ?? 0) + 1);
  const kinds = [...byKind].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = kinds
    .slice(0, 3)
    .map(([kind, count]): DiagramLine => ({ text: kind, detail: `× ${count}`, kind: 'count' }));
  const rest = kinds.slice(3).reduce((sum, [, count]) => sum + count, 0);
  return [
    { text: `${assets.length} assets`, kind: 'count' },
    ...shown,
    ...(rest > 0
      ? [{ text: `${kinds.length - 3} more kinds`, detail: `× ${rest}`, kind: 'count' as const }]
      : []),
  ];
};

const conduitTitle = (conduit: Conduit): string =>
  [
    `${conduit.name} (${conduit.id}) joins ${conduit.zones.join(', ')}`,
    conduit.enforcement.length > 0 ? `enforcement: ${conduit.enforcement.join(', ')}` : 'no enforcement',
    conduit.isExternal ? 'external' : '',
    ...conduit.channels.map(
      (channel) =>
        `${channel.protocol}${channel.port === undefined ? '' : `/${channel.port}`} ${channel.from}→${channel.to}`,
    ),
  ]
    .filter((part) => part !== '')
    .join('; ');

const conduitLabel = (conduit: Conduit, from: string, to: string, sl: string | undefined): string => {
  const between = conduit.channels.filter(
    (channel) => (channel.from === from && channel.to === to) || (channel.from === to && channel.to === from),
  );
  const protocols = [
    ...new Set(
      (between.length > 0 ? between : conduit.channels).map((channel) =>
        channel.port === undefined ? channel.protocol : `${channel.protocol}/${channel.port}`,
      ),
    ),
  ];
  const protocolText =
    protocols.length <= 3
      ? protocols.join(', ')
      : `${protocols.slice(0, 3).join(', ')} +${protocols.length - 3}`;
  return fitText(
    [conduit.id, sl, protocolText].filter((part) => part !== undefined && part !== '').join(' · '),
    260,
    LABEL_FONT,
  );
};

const ALGORITHM_OPTIONS: Readonly<Record<DiagramLayoutName, Readonly<Record<string, string>>>> = {
  purdue: {
    'elk.algorithm': 'layered',
    'elk.direction': 'DOWN',
    'elk.partitioning.activate': 'true',
  },
  layered: { 'elk.algorithm': 'layered', 'elk.direction': 'DOWN' },
  stress: { 'elk.algorithm': 'stress', 'elk.stress.desiredEdgeLength': '260' },
};

const COMMON_OPTIONS: Readonly<Record<string, string>> = {
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.spacing.nodeNode': '40',
  'elk.layered.spacing.nodeNodeBetweenLayers': '50',
  'elk.spacing.edgeLabel': '4',
  'elk.spacing.edgeEdge': '12',
  'elk.spacing.componentComponent': '60',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.edgeLabels.inline': 'true',
  'elk.padding': `[top=${MARGIN},left=${MARGIN},bottom=${MARGIN},right=${MARGIN}]`,
};

/** Above this many zones the diagram is cut into groups laid out side by side (see {@link layoutZoneDiagram}). */
export const GROUPING_THRESHOLD = 40;
const MAX_GROUP_SIZE = 12;
const MAX_CONNECTOR_LINES = 4;
/** Zones with more conduit ends than this many times the median (and at least 16) are hubs of the backbone. */
const HUB_FACTOR = 4;
const HUB_MIN_DEGREE = 16;

interface Pair {
  readonly edgeId: string;
  readonly conduit: Conduit;
  readonly from: string;
  readonly to: string;
}

/** One edge per pair of zones a conduit joins, directed initiator → acceptor where the channels say so. */
const conduitPairs = (model: SystemModel, zoneIds: ReadonlySet<string>): Pair[] =>
  model.conduits.flatMap((conduit) => {
    const [first, ...others] = conduit.zones.filter((zone) => zoneIds.has(zone));
    if (first === undefined) return [];
    const distinct = others.filter((other) => other !== first);
    return distinct.map((other, index) => {
      const forward = conduit.channels.some((channel) => channel.from === first && channel.to === other);
      const backward = conduit.channels.some((channel) => channel.from === other && channel.to === first);
      const [from, to] = backward && !forward ? [other, first] : [first, other];
      return { edgeId: distinct.length > 1 ? `${conduit.id}#${index + 1}` : conduit.id, conduit, from, to };
    });
  });

/**
 * Groups for a large diagram: the backbone (DMZ and enterprise zones, and hubs) and small groups of the other zones
 * joined by conduits (an area with its cells and safety zone), at most {@link MAX_GROUP_SIZE} zones each, merged
 * in model order so the result is deterministic. Nested zones go with their outermost zone.
 */
const groupZones = (
  topLevel: readonly string[],
  pairs: readonly Pair[],
  isBackbone: (zoneId: string) => boolean,
  unitOf: (zoneId: string) => string,
): Map<string, number> => {
  const parent = new Map(topLevel.map((id) => [id, id]));
  const size = new Map(topLevel.map((id) => [id, 1]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(id, root);
    return root;
  };
  for (const pair of pairs) {
    const a = unitOf(pair.from);
    const b = unitOf(pair.to);
    if (isBackbone(a) || isBackbone(b)) continue;
    const rootA = find(a);
    const rootB = find(b);
    if (rootA === rootB) continue;
    const merged = (size.get(rootA) ?? 1) + (size.get(rootB) ?? 1);
    if (merged > MAX_GROUP_SIZE) continue;
    parent.set(rootB, rootA);
    size.set(rootA, merged);
  }
  const groupOf = new Map<string, number>();
  const numbers = new Map<string, number>();
  for (const id of topLevel) {
    const key = isBackbone(id) ? '__backbone' : find(id);
    if (!numbers.has(key)) numbers.set(key, key === '__backbone' ? -1 : numbers.size);
    groupOf.set(id, numbers.get(key) ?? 0);
  }
  return groupOf;
};

/**
 * Lays out the zone/conduit diagram with ELK (elkjs): zones are boxes sized by what they show (their assets, or a
 * count by kind when the zone is big), nested zones sit inside their parent, and each conduit becomes one labelled
 * edge per pair of zones it joins, routed orthogonally with its label on the line, placed by ELK so that labels and
 * boxes do not collide. With the default `purdue` layout enterprise zones come first and control and safety zones
 * last. Above {@link GROUPING_THRESHOLD} zones (300 zones stay readable this way) the zones are cut into groups
 * (the backbone, then each area with its cells), each group is laid out on its own and the groups are packed into
 * a near-square page; a conduit between two groups is listed in both zone boxes instead of crossing the page.
 * Deterministic for the same model and options.
 */
export const layoutZoneDiagram = async (
  model: SystemModel,
  options: ZoneDiagramLayoutOptions = {},
): Promise<ZoneDiagramLayout> => {
  const layout = options.layout ?? 'purdue';
  const limit = options.maxAssetsListed ?? (model.zones.length > GROUPING_THRESHOLD ? 4 : 8);
  const targetOf = new Map(
    (options.targets ?? []).map((target) => [`${target.subject.kind}:${target.subject.id}`, target.target]),
  );
  const zoneIds = new Set(model.zones.map((zone) => zone.id));
  const zoneById = new Map(model.zones.map((zone) => [zone.id, zone]));
  const parentOf = (zone: Zone): string | undefined =>
    zone.parent !== undefined && zoneIds.has(zone.parent) && zone.parent !== zone.id
      ? zone.parent
      : undefined;
  const hasChildren = new Set(model.zones.flatMap((zone) => parentOf(zone) ?? []));
  const unitOf = (zoneId: string): string => {
    let current = zoneId;
    const seen = new Set<string>();
    for (;;) {
      const zone = zoneById.get(current);
      const parent = zone === undefined ? undefined : parentOf(zone);
      if (parent === undefined || seen.has(parent)) return current;
      seen.add(current);
      current = parent;
    }
  };

  // Purdue rows: the lower median of the assets' levels, highest level first (partition 0 is the top row).
  const levelOf = new Map(
    model.zones.map((zone) => [
      zone.id,
      median(model.assetsIn(zone.id).map((asset) => asset.purdueLevel ?? asset.kind.purdueLevel)),
    ]),
  );
  const levels = [
    ...new Set([...levelOf.values()].filter((level): level is number => level !== undefined)),
  ].sort((a, b) => b - a);
  const partitionOf = (zoneId: string): number => {
    const level = levelOf.get(zoneId);
    return level === undefined ? levels.length : levels.indexOf(level);
  };

  const pairs = conduitPairs(model, zoneIds);
  const isGrouped = model.zones.length > GROUPING_THRESHOLD;
  const degree = new Map<string, number>();
  for (const pair of pairs) {
    for (const end of [unitOf(pair.from), unitOf(pair.to)]) degree.set(end, (degree.get(end) ?? 0) + 1);
  }
  // Hubs (site operations, a wireless or maintenance zone every cell reaches) join the backbone; an area with its
  // dozen cells does not.
  const hubDegree = Math.max(HUB_MIN_DEGREE, HUB_FACTOR * (median([...degree.values()]) ?? 0));
  const isBackbone = (zoneId: string): boolean =>
    (levelOf.get(zoneId) ?? 0) > 3 || (degree.get(zoneId) ?? 0) > hubDegree;
  const topLevel = model.zones.filter((zone) => parentOf(zone) === undefined).map((zone) => zone.id);
  const groupOf = isGrouped ? groupZones(topLevel, pairs, isBackbone, unitOf) : new Map<string, number>();
  const groupOfZone = (zoneId: string): number => groupOf.get(unitOf(zoneId)) ?? 0;
  const isConnector = (pair: Pair): boolean => isGrouped && groupOfZone(pair.from) !== groupOfZone(pair.to);

  const connectorLines = new Map<string, DiagramLine[]>();
  for (const pair of pairs.filter(isConnector)) {
    const sl = slText(targetOf.get(`conduit:${pair.conduit.id}`));
    for (const [here, there] of [
      [pair.from, pair.to],
      [pair.to, pair.from],
    ] as const) {
      const list = connectorLines.get(here) ?? [];
      list.push({
        text: `→ ${there}`,
        detail: [pair.conduit.id, sl].filter(Boolean).join(' · '),
        kind: 'connector',
      });
      connectorLines.set(here, list);
    }
  }
  const connectorsOf = (zoneId: string): DiagramLine[] => {
    const list = connectorLines.get(zoneId) ?? [];
    if (list.length <= MAX_CONNECTOR_LINES) return list;
    return [
      ...list.slice(0, MAX_CONNECTOR_LINES - 1),
      { text: `+${list.length - MAX_CONNECTOR_LINES + 1} more conduits`, kind: 'connector' },
    ];
  };

  const placed = new Map<string, Omit<PlacedZone, 'x' | 'y' | 'width' | 'height' | 'depth'>>();
  const nodes = new Map<string, ElkNode>();
  for (const zone of model.zones) {
    const lines = [
      ...(hasChildren.has(zone.id) ? [] : zoneLines(model, zone, limit)),
      ...connectorsOf(zone.id),
    ];
    const securityLevel = slText(targetOf.get(`zone:${zone.id}`));
    placed.set(zone.id, {
      id: zone.id,
      name: zone.name,
      isSafetyRelated: zone.isSafetyRelated,
      ...(securityLevel === undefined ? {} : { securityLevel }),
      lines,
      assetCount: model.assetsIn(zone.id).length,
      hasChildren: hasChildren.has(zone.id),
    });
    const partition =
      layout === 'purdue' ? { 'elk.partitioning.partition': String(partitionOf(zone.id)) } : {};
    const node: ElkNode = hasChildren.has(zone.id)
      ? {
          id: zone.id,
          layoutOptions: {
            'elk.padding': `[top=${ZONE_BOX.header + 10 + lines.length * ZONE_BOX.line},left=14,bottom=14,right=14]`,
            ...partition,
          },
          children: [],
        }
      : {
          id: zone.id,
          width: ZONE_BOX.width,
          height: ZONE_BOX.header + lines.length * ZONE_BOX.line + ZONE_BOX.padding,
          layoutOptions: partition,
        };
    nodes.set(zone.id, node);
  }
  const graphOptions = { ...COMMON_OPTIONS, ...ALGORITHM_OPTIONS[layout] };
  const root: ElkNode = isGrouped
    ? {
        id: '__root',
        layoutOptions: {
          'elk.algorithm': 'rectpacking',
          'elk.aspectRatio': '1.4',
          'elk.spacing.nodeNode': '36',
          'elk.padding': `[top=${MARGIN},left=${MARGIN},bottom=${MARGIN},right=${MARGIN}]`,
          'elk.hierarchyHandling': 'SEPARATE_CHILDREN',
        },
        children: [],
      }
    : { id: '__root', layoutOptions: graphOptions, children: [], edges: [] };
  const groupNodes = new Map<number, ElkNode>();
  const containerOfGroup = (group: number): ElkNode => {
    if (!isGrouped) return root;
    let node = groupNodes.get(group);
    if (node === undefined) {
      node = {
        id: `__group${group < 0 ? 'backbone' : group}`,
        layoutOptions: { ...graphOptions, 'elk.padding': '[top=16,left=16,bottom=16,right=16]' },
        children: [],
        edges: [],
      };
      groupNodes.set(group, node);
    }
    return node;
  };
  // The backbone group first, then the others in model order.
  if (isGrouped && topLevel.some(isBackbone)) containerOfGroup(-1);
  for (const zone of model.zones) {
    const node = nodes.get(zone.id);
    const parent = parentOf(zone);
    if (node === undefined) continue;
    const container =
      parent === undefined ? containerOfGroup(groupOfZone(zone.id)) : (nodes.get(parent) ?? root);
    container.children?.push(node);
  }
  if (isGrouped) root.children = [...groupNodes.values()];

  const edgeInfo = new Map<string, Omit<PlacedConduit, 'points' | 'label'> & { readonly text: string }>();
  const connectors: PlacedConduit[] = [];
  for (const pair of pairs) {
    const { conduit, from, to, edgeId } = pair;
    const sl = slText(targetOf.get(`conduit:${conduit.id}`));
    const isDiode = conduit.enforcement.includes('data-diode');
    const forward = conduit.channels.some((channel) => channel.from === from && channel.to === to);
    const backward = conduit.channels.some((channel) => channel.from === to && channel.to === from);
    const text = conduitLabel(conduit, from, to, sl);
    const info = {
      id: conduit.id,
      from,
      to,
      isExternal: conduit.isExternal,
      isOneWay: isDiode && forward !== backward,
      title: conduitTitle(conduit),
      isConnector: isConnector(pair),
    };
    if (info.isConnector) {
      connectors.push({ ...info, points: [], label: { text, x: 0, y: 0, width: 0, height: 0 } });
      continue;
    }
    edgeInfo.set(edgeId, { ...info, text });
    containerOfGroup(groupOfZone(from)).edges?.push({
      id: edgeId,
      sources: [from],
      targets: [to],
      labels: [
        {
          text,
          width: Math.ceil(textWidth(text, LABEL_FONT)) + 10,
          height: LABEL_HEIGHT,
          // On the line itself, so that each label sits on its own conduit.
          layoutOptions: { 'elk.edgeLabels.inline': 'true', 'elk.edgeLabels.placement': 'CENTER' },
        },
      ],
    });
  }

  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const result = await new ELK().layout(root);

  const zones: PlacedZone[] = [];
  const groups: DiagramBox[] = [];
  const walk = (node: ElkNode, offsetX: number, offsetY: number, depth: number): void => {
    for (const child of node.children ?? []) {
      const x = offsetX + (child.x ?? 0);
      const y = offsetY + (child.y ?? 0);
      const info = placed.get(child.id);
      if (info !== undefined) {
        zones.push({ ...info, x, y, width: child.width ?? ZONE_BOX.width, height: child.height ?? 0, depth });
      } else {
        groups.push({ x, y, width: child.width ?? 0, height: child.height ?? 0 });
      }
      walk(child, x, y, info === undefined ? depth : depth + 1);
    }
  };
  walk(result, 0, 0, 0);
  const absolute = new Map<string, { x: number; y: number }>(zones.map((zone) => [zone.id, zone]));

  const conduits: PlacedConduit[] = [];
  const collectEdges = (node: ElkNode, offsetX: number, offsetY: number): void => {
    absolute.set(node.id, absolute.get(node.id) ?? { x: offsetX, y: offsetY });
    for (const edge of node.edges ?? []) {
      const info = edgeInfo.get(edge.id);
      if (info === undefined) continue;
      // ELK gives coordinates relative to the edge's container (the nearest common ancestor of its ends).
      const container = (edge as { container?: string }).container;
      const base = (container === undefined ? undefined : absolute.get(container)) ?? {
        x: offsetX,
        y: offsetY,
      };
      const section = edge.sections?.[0];
      const points =
        section === undefined
          ? []
          : [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((point) => ({
              x: base.x + point.x,
              y: base.y + point.y,
            }));
      const label = edge.labels?.[0];
      const { text, ...rest } = info;
      conduits.push({
        ...rest,
        points,
        label: {
          text,
          x: base.x + (label?.x ?? 0),
          y: base.y + (label?.y ?? 0),
          width: label?.width ?? 0,
          height: label?.height ?? LABEL_HEIGHT,
        },
      });
    }
    for (const child of node.children ?? [])
      collectEdges(child, offsetX + (child.x ?? 0), offsetY + (child.y ?? 0));
  };
  collectEdges(result, 0, 0);
  return {
    width: Math.ceil(result.width ?? 0),
    height: Math.ceil(result.height ?? 0),
    zones,
    conduits: [...conduits, ...connectors],
    groups,
  };
};
