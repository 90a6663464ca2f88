/**
 * RFC 4180 CSV, both ways. Records are numbered like spreadsheet rows: the header is row 1, so
 * an error report's row matches what the seller sees in a spreadsheet.
 */

export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

export type CsvLimits = { maxRecords: number; maxFieldLength: number };

/** Parses CSV text into records (arrays of fields). A UTF-8 BOM is skipped; blank lines are dropped. */
export function parseCsv(text: string, limits: CsvLimits = { maxRecords: 100_000, maxFieldLength: 20_000 }): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let quoted = false;
  let fieldStarted = false;
  const row = () => records.length + 1;
  const endField = () => {
    if (field.length > limits.maxFieldLength) throw new CsvSyntaxError(row(), `A field is longer than ${limits.maxFieldLength} characters.`);
    record.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    // A line with nothing on it is not a record.
    if (!(record.length === 1 && record[0] === '')) {
      if (records.length >= limits.maxRecords) throw new CsvSyntaxError(row(), `The file has more than ${limits.maxRecords - 1} data rows.`);
      records.push(record);
    }
    record = [];
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw new CsvSyntaxError(row(), 'A quoted field must end with a quote followed by a comma or a line break.');
        }
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && !fieldStarted && field === '') {
      quoted = true;
      fieldStarted = true;
      i++;
    } else if (c === ',') {
      endField();
      i++;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      fieldStarted = true;
      i++;
    }
  }
  if (quoted) throw new CsvSyntaxError(row(), 'A quoted field is never closed.');
  if (field !== '' || record.length) endRecord();
  return records;
}

// A cell starting with one of these runs as a formula in spreadsheet apps (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/** Quotes a field when needed; text cells that would start a formula get a leading apostrophe. */
export function csvField(value: string | number | null | undefined, opts: { text?: boolean } = {}): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (opts.text && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Undoes the export's formula guard: `'=x` reads back as `=x`. */
export function unguardText(s: string): string {
  return s.startsWith("'") && FORMULA_START.test(s.slice(1)) ? s.slice(1) : s;
}

export function csvLine(fields: string[]): string {
  return `${fields.join(',')}\r\n`;
}
