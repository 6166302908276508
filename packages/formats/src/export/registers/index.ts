// Public API of the registers: build them from an assessment, write XLSX or CSV, read an edited copy back.
export {
  REGISTER_IDS,
  type Register,
  type RegisterBand,
  type RegisterCellValue,
  type RegisterColumn,
  type RegisterHeat,
  type RegisterId,
  type RegisterSet,
} from './register';
export { buildRegisters, type RegisterOptions } from './build-registers';
export { writeRegistersXlsx, columnLetter, type RegistersXlsxOptions } from './write-registers-xlsx';
export {
  renderRegisterCsv,
  writeRegistersCsv,
  type RegisterCsvFile,
  type RegistersCsvOptions,
} from './write-registers-csv';
export { neutraliseFormula, restoreNeutralised } from './neutralise-formula';
export {
  REGISTER_TITLES,
  readRegisterCsv,
  readRegisterWorkbook,
  type RegisterTable,
  type RegisterTablesRead,
} from './read-register-tables';
export {
  REGISTER_IMPORT_CODES,
  importRegisters,
  type RegisterChange,
  type RegisterImport,
  type RegisterImportCode,
} from './import-registers';
export { REGISTER_MODEL_CHANGED, checkRegisterModel } from './register-model-check';
