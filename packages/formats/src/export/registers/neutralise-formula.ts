// Spreadsheet programs run a CSV cell that starts with = + - @ (or a tab or carriage return before one) as a
// formula (OWASP "CSV injection"). Such cells get a leading apostrophe, which Excel and LibreOffice show as text.
// A line feed counts too: readers turn a carriage return inside a field into one.
// Cells that already start with apostrophes before a trigger get one more, so that the reader can undo exactly one.
const TRIGGER = /^'*[=+\-@\t\r\n]/;
const ESCAPED = /^'+[=+\-@\t\r\n]/;

/** Makes a text cell inert in a spreadsheet: a leading `'` when it could start a formula. */
export const neutraliseFormula = (text: string): string => (TRIGGER.test(text) ? `'${text}` : text);

/** Undoes {@link neutraliseFormula} on a cell read back from a CSV register. */
export const restoreNeutralised = (text: string): string => (ESCAPED.test(text) ? text.slice(1) : text);
