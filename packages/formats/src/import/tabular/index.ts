// Public API of the table readers shared by the inventory and PHA importers: CSV and XLSX to one table shape.
export {
  cellText,
  type Table,
  type TableCell,
  type TableReadOptions,
  type TableReadResult,
  type TableRow,
  type TextEncodingName,
} from './table';
export { TABULAR_DIAGNOSTIC_CODES, type TabularDiagnosticCode } from './tabular-diagnostic';
export { decodeText, type DecodedText } from './decode-text';
export { parseCsv, type ParsedCsv } from './parse-csv';
export { CSV_DELIMITERS, detectDelimiter } from './detect-delimiter';
export { detectHeaderRow } from './build-table';
export { readCsvTable } from './read-csv-table';
export { readXlsxTable } from './read-xlsx-table';
export { readTable } from './read-table';
export { normalizeHeaderName } from './header-name';
export { loadImportMapping, type LoadedMapping, type MappingReader } from './import-mapping';
