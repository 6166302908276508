/**
 * A plant model shaped for the web UI benchmark: `zones` zones in Purdue-like rows joined by a tree of conduits plus
 * cross links, and `assets` assets spread over them. Deterministic (no clock, no Math.random).
 */
export const generateWebBenchModel = (options: {
  readonly assets: number;
  readonly zones: number;
}): Record<string, unknown> => {
  const kinds = [
    'plc',
    'hmi',
    'io-module',
    'drive',
    'engineering-workstation',
    'historian',
    'switch',
    'server',
  ];
  const zones = Array.from({ length: options.zones }, (_, index) => ({
    id: `z${String(index).padStart(3, '0')}`,
    name: `Zone ${index} (${['enterprise', 'dmz', 'operations', 'supervisory', 'control'][index % 5]})`,
  }));
  const conduits: Record<string, unknown>[] = [];
  for (let index = 1; index < options.zones; index++) {
    const parent = Math.floor((index - 1) / 3);
    conduits.push({
      id: `c${index}`,
      name: `Conduit ${parent}-${index}`,
      zones: [zones[parent]?.id, zones[index]?.id],
      channels: [{ protocol: 'opc-ua', port: 4840, from: zones[parent]?.id, to: zones[index]?.id }],
    });
  }
  for (let index = 0; index + 7 < options.zones; index += 9)
    conduits.push({
      id: `x${index}`,
      name: `Cross link ${index}`,
      zones: [zones[index]?.id, zones[index + 7]?.id],
      channels: [{ protocol: 'https', port: 443, from: zones[index]?.id, to: zones[index + 7]?.id }],
    });
  const assets = Array.from({ length: options.assets }, (_, index) => ({
    id: `a${String(index).padStart(6, '0')}`,
    name: `Asset ${index}`,
    kind: kinds[index % kinds.length],
    zone: zones[(index * 7919) % options.zones]?.id,
    vendor: ['Siemens', 'Rockwell', 'Schneider', 'ABB'][index % 4],
    criticality: { production: 1 + (index % 5) },
  }));
  return {
    formatVersion: 1,
    system: { id: 'bench-plant', name: `Benchmark plant (${options.assets} assets, ${options.zones} zones)` },
    zones,
    conduits,
    assets,
  };
};
