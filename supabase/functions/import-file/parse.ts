// Turns an uploaded file into a header and numbered rows of text cells, and nothing more: every
// rule about the values lives in SQL (public.import_rows). Row numbers are the ones a spreadsheet
// program shows: the header is row 1, the first data row 2 (for CSV, one per record, so a quoted
// cell spanning lines is still one row).
//   .xlsx: read-excel-file (its first sheet, or the one named); a legacy .xls is refused.
//   CSV:   csv-parse, after decoding the bytes: a UTF-8 or UTF-16 byte order mark says the
//          encoding; without one, UTF-16 is recognised by its zero bytes, valid UTF-8 is UTF-8,
//          anything else is read as Windows-1252 (what Excel writes as "CSV" on Windows). The
//          delimiter is the one of , ; or tab that the header line uses most.
import { parse } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/universal';

export interface ParsedFile {
  format: 'csv' | 'xlsx';
  /** How CSV bytes were decoded (utf-8, utf-16le, utf-16be, windows-1252); null for xlsx. */
  encoding: string | null;
  header: string[];
  /** Data rows with their numbers in the file; empty rows included (SQL skips them). */
  rows: Array<{ row: number; values: Array<string | null> }>;
}

/** The file cannot be read as a table: answered 415 (not a spreadsheet) or 422 (malformed), with a reason. */
export class FileProblem extends Error {
  override name = 'FileProblem';
  constructor(readonly status: 415 | 422, readonly code: string, message: string, readonly hint: string) {
    super(message);
  }
}

export interface ParseLimits {
  maxRows: number;
  maxColumns: number;
  maxCellLength: number;
}

const zip = [0x50, 0x4b, 0x03, 0x04];
const ole2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((byte, i) => bytes[i] === byte);

/** The text of CSV bytes and the encoding used. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  // UTF-16 without a mark: text of ASCII letters has a zero byte in every other place.
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096));
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) (i % 2 === 0 ? evenZeros++ : oddZeros++);
  if (sample.length >= 4 && oddZeros > sample.length / 4 && evenZeros === 0) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (sample.length >= 4 && evenZeros > sample.length / 4 && oddZeros === 0) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

function delimiterOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

/** A cell as the text SQL reads: numbers as written, dates as YYYY-MM-DD, booleans true/false. */
export function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value === 'number') return Number.isFinite(value) ? (Number.isInteger(value) ? value.toFixed(0) : String(value)) : null;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

function table(format: ParsedFile['format'], encoding: string | null, records: unknown[][], limits: ParseLimits): ParsedFile {
  // trailing empty rows are not rows of the file
  let end = records.length;
  while (end > 0 && (records[end - 1] ?? []).every((cell) => cellText(cell) === null || cellText(cell)!.trim() === '')) end--;
  if (end === 0) throw new FileProblem(422, 'empty_file', 'The file has no rows.', 'Put the column names in the first row and one record per row below it.');
  const [headerRow, ...body] = records.slice(0, end);
  const header = (headerRow ?? []).map((cell) => cellText(cell) ?? '');
  while (header.length > 0 && header.at(-1)!.trim() === '') header.pop();
  if (header.length === 0) throw new FileProblem(422, 'no_header', 'The first row holds no column names.', 'Put the column names in the first row.');
  if (header.length > limits.maxColumns) {
    throw new FileProblem(422, 'too_many_columns', `The file has ${header.length} columns; at most ${limits.maxColumns} are read.`, 'Keep only the columns of the import (docs/import.md).');
  }
  if (body.length > limits.maxRows) {
    throw new FileProblem(422, 'too_many_rows', `The file has ${body.length} rows; at most ${limits.maxRows} can be imported at once.`, 'Split the file and import the parts one after the other.');
  }
  const rows = body.map((record, index) => {
    const values = record.map(cellText);
    while (values.length > header.length && (values.at(-1) === null || values.at(-1)!.trim() === '')) values.pop();
    const long = values.findIndex((value) => value !== null && value.length > limits.maxCellLength);
    if (long >= 0) {
      throw new FileProblem(422, 'cell_too_long', `Row ${index + 2}, column ${long + 1} has more than ${limits.maxCellLength} characters.`, 'Shorten the cell.');
    }
    return { row: index + 2, values };
  });
  return { format, encoding, header, rows };
}

/** Parses CSV or .xlsx bytes (sniffed, not trusted from the file name or content type). */
export async function parseFile(bytes: Uint8Array, limits: ParseLimits, sheet?: string): Promise<ParsedFile> {
  if (bytes.length === 0) throw new FileProblem(422, 'empty_file', 'The file is empty.', 'Choose the file again.');
  if (startsWith(bytes, ole2)) {
    throw new FileProblem(415, 'unsupported_file', 'This is a legacy Excel .xls file, which is not read.', 'Save it as .xlsx (Excel Workbook) or CSV and import that.');
  }
  if (startsWith(bytes, zip)) {
    let records: unknown[][];
    try {
      records = (await readSheet(bytes.slice().buffer as ArrayBuffer, sheet ?? 1)) as unknown[][];
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      if (name === 'SheetNotFoundError') {
        throw new FileProblem(422, 'sheet_not_found', `The workbook has no sheet ${sheet}.`, 'Name an existing sheet, or leave it out to read the first.');
      }
      throw new FileProblem(422, 'malformed_file', 'The file looks like a workbook but cannot be read as .xlsx.', 'Open it in a spreadsheet program and save it again as .xlsx or CSV.');
    }
    return table('xlsx', null, records, limits);
  }
  const { text, encoding } = decodeText(bytes);
  if (text.includes('\u0000')) {
    throw new FileProblem(415, 'unsupported_file', 'The file is neither CSV text nor an .xlsx workbook.', 'Export the sheet as CSV or .xlsx.');
  }
  let records: string[][];
  try {
    records = parse(text, { delimiter: delimiterOf(text), relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new FileProblem(422, 'malformed_file', `The file is not valid CSV: ${detail}`, 'Check the quotes in that line, or save the file again from the spreadsheet program.');
  }
  return table('csv', encoding, records, limits);
}
