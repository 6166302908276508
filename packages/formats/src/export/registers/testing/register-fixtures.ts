import {
  assessSystem,
  resolveSystem,
  type Assessment,
  type SystemFileInput,
  type SystemModel,
} from '@zonewise/core';
import { unzipSync } from 'fflate';
import { loadAssessmentText } from '../../../project-file/load-assessment-text';

/** The two examples every register test runs on. */
export const EXAMPLES = ['pharma-tablet-plant', 'water-treatment'] as const;

/**
 * The parsed file of an example, as `--into` would see it. The test passes the file reader, since formats (and
 * its test helpers) import no Node built-ins.
 */
export const exampleFile = (name: string, read: (url: URL) => string): SystemFileInput => {
  const path = new URL(`../../../../../../examples/${name}/assessment.yaml`, import.meta.url);
  const loaded = loadAssessmentText(read(path), { fileName: `${name}/assessment.yaml` });
  if (!loaded.ok) throw new Error(`${name}: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
  return loaded.file as SystemFileInput;
};

/** Resolves and assesses a file; throws when it does not resolve (fixtures are meant to be valid). */
export const assessFile = (
  file: SystemFileInput,
): { readonly model: SystemModel; readonly assessment: Assessment } => {
  const resolved = resolveSystem(file);
  if (!resolved.ok) throw new Error(resolved.diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'));
  return { model: resolved.value, assessment: assessSystem(resolved.value) };
};

/** The text of every sheet of a workbook, row by row, as exceljs reads it back (values, not bytes). */
export const workbookValues = async (bytes: Uint8Array): Promise<Map<string, string[][]>> => {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.slice().buffer);
  const sheets = new Map<string, string[][]>();
  for (const sheet of workbook.worksheets) {
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const cells: string[] = [];
      for (let column = 1; column <= sheet.columnCount; column += 1) {
        const value = row.getCell(column).value;
        cells.push(
          value === null || value === undefined
            ? ''
            : value instanceof Date
              ? value.toISOString().slice(0, 10)
              : typeof value === 'object'
                ? JSON.stringify(value)
                : String(value),
        );
      }
      rows.push(cells);
    });
    sheets.set(sheet.name, rows);
  }
  return sheets;
};

/** The parts of a zip archive as text, by path. */
export const zipParts = (bytes: Uint8Array): Map<string, string> =>
  new Map(Object.entries(unzipSync(bytes)).map(([path, data]) => [path, new TextDecoder().decode(data)]));
