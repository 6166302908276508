import { readCsvTable } from './read-csv-table';
import { isLegacyWorkbook, isZipArchive, readXlsxTable } from './read-xlsx-table';
import type { TableReadOptions, TableReadResult } from './table';

/**
 * Reads a table from a file's bytes, whatever it is: a workbook (by its ZIP or OLE2 signature, or an .xlsx/.xls
 * name) goes to the XLSX reader, anything else to the CSV reader. Both return the same {@link Table} shape.
 */
export const readTable = async (bytes: Uint8Array, options: TableReadOptions): Promise<TableReadResult> => {
  const isWorkbook =
    isZipArchive(bytes) || isLegacyWorkbook(bytes) || /\.(xlsx|xlsm|xls)$/i.test(options.fileName);
  return isWorkbook ? readXlsxTable(bytes, options) : readCsvTable(bytes, options);
};
