// Public API of the asset-inventory importer: inventory tables (CSV/XLSX) merged into an assessment's assets.
export { INVENTORY_FIELDS, INVENTORY_COLUMN_GUESSES, type InventoryField } from './inventory-columns';
export { INVENTORY_DIAGNOSTIC_CODES, type InventoryDiagnosticCode } from './inventory-diagnostic';
export {
  EMPTY_INVENTORY_MAPPING,
  INVENTORY_KEYS,
  parseInventoryMapping,
  type InventoryDefaults,
  type InventoryKey,
  type InventoryMapping,
} from './inventory-mapping';
export { guessAssetKind as guessAssetKindFromType, guessAssetKindFromProduct } from './asset-kind-keywords';
export { normalizeMacAddress, parseIpAddress } from './network-address';
export type { InventoryRecord, KindSource } from './inventory-record';
export type { AssetDraft, InventorySummary } from './merge-inventory';
export {
  importInventory,
  isInventoryHeader,
  type InventoryImport,
  type InventoryImportOptions,
} from './import-inventory';
