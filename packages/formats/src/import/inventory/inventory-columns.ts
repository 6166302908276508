import type { ColumnGuess } from '../tabular/resolve-columns';

/** The asset fields an inventory column can fill. */
export const INVENTORY_FIELDS = [
  'name',
  'ip',
  'mac',
  'vendor',
  'product',
  'version',
  'kind',
  'zone',
  'location',
  'purdueLevel',
  'description',
  'owner',
] as const;

/** One of {@link INVENTORY_FIELDS}. */
export type InventoryField = (typeof INVENTORY_FIELDS)[number];

/**
 * Header names of common inventory exports (Claroty, Nozomi, Armis, Dragos, asset spreadsheets), normalised as by
 * `normalizeHeaderName`: "IP Address", "ip_address" and "ipAddress" all read "ip address".
 */
export const INVENTORY_COLUMN_GUESSES: readonly ColumnGuess<InventoryField>[] = [
  {
    field: 'name',
    phrases: [
      'name',
      'asset name',
      'device name',
      'hostname',
      'host name',
      'display name',
      'label',
      'node name',
      'computer name',
      'system name',
      'tag',
      'tag name',
      'device',
      'asset',
      'host',
    ],
    words: [['hostname'], ['device', 'name'], ['asset', 'name'], ['host', 'name']],
  },
  {
    field: 'ip',
    phrases: [
      'ip',
      'ip address',
      'ip addresses',
      'ipv4',
      'ipv4 address',
      'ip addr',
      'ips',
      'primary ip',
      'address',
    ],
    words: [['ip'], ['ipv4'], ['ipaddress']],
  },
  {
    field: 'mac',
    phrases: [
      'mac',
      'mac address',
      'mac addresses',
      'macs',
      'mac addr',
      'hardware address',
      'physical address',
    ],
    words: [['mac']],
  },
  {
    field: 'vendor',
    phrases: ['vendor', 'manufacturer', 'make', 'brand', 'oem', 'vendor name', 'manufacturer name'],
    words: [['vendor'], ['manufacturer']],
  },
  {
    field: 'product',
    phrases: [
      'model',
      'product',
      'product name',
      'model name',
      'device model',
      'model number',
      'part number',
      'catalog number',
      'order number',
    ],
    words: [['model'], ['product']],
  },
  {
    field: 'version',
    phrases: [
      'firmware',
      'firmware version',
      'fw',
      'fw version',
      'version',
      'software version',
      'sw version',
      'os version',
      'revision',
      'firmware revision',
    ],
    words: [['firmware'], ['version'], ['revision']],
  },
  {
    field: 'kind',
    phrases: [
      'type',
      'device type',
      'asset type',
      'category',
      'asset category',
      'device category',
      'kind',
      'role',
      'device role',
      'class',
      'device class',
      'asset class',
      'function',
    ],
    words: [['type'], ['category'], ['role']],
  },
  { field: 'zone', phrases: ['zone', 'security zone', 'network zone', 'zone id'] },
  {
    field: 'location',
    phrases: [
      'location',
      'site',
      'site name',
      'area',
      'building',
      'room',
      'plant',
      'cabinet',
      'cell',
      'line',
      'production line',
      'physical location',
    ],
    words: [['location'], ['site'], ['area']],
  },
  {
    field: 'purdueLevel',
    phrases: ['purdue level', 'purdue', 'level', 'network level', 'isa 95 level'],
    words: [['purdue']],
  },
  { field: 'description', phrases: ['description', 'notes', 'note', 'comment', 'comments', 'remarks'] },
  { field: 'owner', phrases: ['owner', 'asset owner', 'responsible', 'contact'] },
];
