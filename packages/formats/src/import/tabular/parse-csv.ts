import type { Diagnostic } from '@zonewise/core';
import type { TableRow } from './table';
import { cappedWarnings } from './capped-warnings';
import { tabularDiagnostic } from './tabular-diagnostic';

/** The records of a CSV text (blank lines included, as one empty cell) and the problems met on the way. */
export interface ParsedCsv {
  readonly records: readonly TableRow[];
  readonly diagnostics: readonly Diagnostic[];
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Parses CSV as RFC 4180 describes it, and tolerates what real exports do: any of CRLF, LF or CR ends a record,
 * quoted cells may hold delimiters, line breaks (returned as LF) and doubled quotes. A quote inside an unquoted
 * cell, or text after a closing quote, is kept as written with a warning; a quote that never closes is an error
 * at the place where it opens. Runs in one pass, linear in the text length.
 */
export const parseCsv = (text: string, delimiter: string, fileName: string): ParsedCsv => {
  const separator = delimiter.charCodeAt(0);
  const warnings = cappedWarnings(fileName);
  const errors: Diagnostic[] = [];
  const records: TableRow[] = [];
  const length = text.length;
  let index = 0;
  let line = 1;
  let lineStart = 0;

  // Counts the line breaks in text[from, to) so that positions after a multi-line cell stay right.
  const advanceLines = (from: number, to: number): void => {
    for (let at = from; at < to; at += 1) {
      const code = text.charCodeAt(at);
      if (code === LF || (code === CR && text.charCodeAt(at + 1) !== LF)) {
        line += 1;
        lineStart = at + 1;
      }
    }
  };

  while (index < length) {
    const recordLine = line;
    const cells: { text: string; line: number; column: number }[] = [];
    for (;;) {
      const cellLine = line;
      const cellColumn = index - lineStart + 1;
      let value: string;
      if (text.charCodeAt(index) === QUOTE) {
        let content = '';
        let from = index + 1;
        let isClosed = false;
        for (;;) {
          const quote = text.indexOf('"', from);
          if (quote < 0) {
            content += text.slice(from);
            advanceLines(from, length);
            index = length;
            break;
          }
          content += text.slice(from, quote);
          advanceLines(from, quote);
          if (text.charCodeAt(quote + 1) === QUOTE) {
            content += '"';
            from = quote + 2;
            continue;
          }
          index = quote + 1;
          isClosed = true;
          break;
        }
        if (!isClosed) {
          errors.push(
            tabularDiagnostic(
              'csv-unterminated-quote',
              'error',
              fileName,
              { line: cellLine, column: cellColumn },
              `The quote that opens this cell is never closed, so everything after it (to line ${line}) reads as one cell: close the quote, or write a quote inside a cell as "".`,
            ),
          );
        }
        const after = index;
        while (index < length) {
          const code = text.charCodeAt(index);
          if (code === separator || code === CR || code === LF) break;
          index += 1;
        }
        if (index > after) {
          warnings.add(
            'csv-text-after-quote',
            { line, column: after - lineStart + 1 },
            `Text follows the closing quote of a cell and was kept as part of it: quote the whole cell, and write a quote inside it as "".`,
          );
          content += text.slice(after, index);
        }
        value = content.includes('\r') ? content.replace(/\r\n?/g, '\n') : content;
      } else {
        let quoteAt = -1;
        let end = index;
        while (end < length) {
          const code = text.charCodeAt(end);
          if (code === separator || code === CR || code === LF) break;
          if (code === QUOTE && quoteAt < 0) quoteAt = end;
          end += 1;
        }
        if (quoteAt >= 0) {
          warnings.add(
            'csv-quote-in-field',
            { line, column: quoteAt - lineStart + 1 },
            `A quote inside an unquoted cell was kept as written: quote the whole cell and double the quote ("") if it belongs to the value.`,
          );
        }
        value = text.slice(index, end);
        index = end;
      }
      cells.push({ text: value, line: cellLine, column: cellColumn });
      if (index >= length) break;
      const code = text.charCodeAt(index);
      if (code === separator) {
        index += 1;
        continue;
      }
      index += code === CR && text.charCodeAt(index + 1) === LF ? 2 : 1;
      line += 1;
      lineStart = index;
      break;
    }
    records.push({ row: recordLine, cells });
  }
  return { records, diagnostics: [...errors, ...warnings.finish()] };
};
