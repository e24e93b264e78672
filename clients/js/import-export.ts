// Bulk import and CSV export for staff apps (docs/import.md).
//
//   import { importFile, exportCsv } from '<repo>/clients/js/index.ts';
//   const report = await importFile(supabase, { tenantId, kind: 'patients', file, mode: 'dry_run' });
//   if (report.refused === 0) await importFile(supabase, { tenantId, kind: 'patients', file, mode: 'valid_rows' });
//   const csv = await exportCsv(supabase.from('todays_schedule').select('*'));
//
// Import: the file goes to the import-file Edge Function, which reads it and hands the rows to
// public.import_rows as the signed-in user; the answer is the per-row report.
// Export: PostgREST answers `Accept: text/csv` for every table, view and RPC; the cells are the
// stored text, so a value a spreadsheet would run as a formula (=, +, -, @, tab, carriage return
// at the start) reaches the file as it is. exportCsv asks PostgREST for CSV and neutralises those
// cells (a leading apostrophe, as OWASP recommends) before anyone opens the file.
import type { SupabaseClient } from '@supabase/supabase-js';
import { FunctionsFetchError, FunctionsHttpError, FunctionsRelayError } from '@supabase/supabase-js';
import { errorClassFor, fromPostgrestError, reasonOf, SlotbaseError } from './errors.ts';

export type ImportKind = 'patients' | 'services' | 'clinicians';
/** dry_run: report only; valid_rows: write the rows that pass; all_or_nothing: write all or nothing. */
export type ImportMode = 'dry_run' | 'valid_rows' | 'all_or_nothing';

/**
 * The codes of a refused row or cell in the report (docs/import.md); a cell refused by a table
 * rule carries `refused` and the database's message.
 */
export const importReportCodes = [
  'unknown_column', 'duplicate_column', 'missing_column', 'too_many_values', 'required',
  'formula_cell', 'too_long', 'invalid_external_id', 'invalid_text', 'invalid_phone', 'invalid_email', 'invalid_date',
  'invalid_language', 'invalid_currency', 'invalid_centre', 'invalid_number', 'invalid_boolean', 'invalid_list', 'invalid_value',
  'unknown_centre', 'unknown_service', 'ambiguous_match', 'duplicate_in_file',
  'not_allowed', 'already_exists', 'unknown_reference', 'refused',
] as const;
export type ImportReportCode = (typeof importReportCodes)[number];

export interface ImportReportLine {
  /** The row in the file as a spreadsheet numbers it (1: the header). */
  row_number: number;
  action: 'created' | 'updated' | 'unchanged' | 'refused';
  /** The column of a refused cell (null for a whole row). */
  column_name: string | null;
  code: ImportReportCode | null;
  message: string | null;
  /** The record written (created, updated or unchanged). */
  record_id: string | null;
}

export interface ImportResult {
  kind: ImportKind;
  mode: ImportMode;
  format: 'csv' | 'xlsx';
  /** How a CSV was decoded (utf-8, utf-16le, utf-16be, windows-1252). */
  encoding: string | null;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  refused: number;
  /** Whether anything was written (false for a dry run, a refused all-or-nothing import, a refused header). */
  committed: boolean;
  report: ImportReportLine[];
}

export interface ImportArgs {
  tenantId: string;
  kind: ImportKind;
  /** The CSV or .xlsx file (a File from an <input type="file">, a Blob, bytes or CSV text). */
  file: Blob | ArrayBuffer | Uint8Array | string;
  mode?: ImportMode;
  /** The workbook sheet to read (name); the first sheet by default. */
  sheet?: string;
}

/** Imports a file as the signed-in staff member (the import-file Edge Function); a dry run by default. */
export async function importFile(supabase: SupabaseClient, args: ImportArgs): Promise<ImportResult> {
  const query = new URLSearchParams({ tenant_id: args.tenantId, kind: args.kind, mode: args.mode ?? 'dry_run' });
  if (args.sheet) query.set('sheet', args.sheet);
  const body = typeof args.file === 'string' ? new Blob([args.file], { type: 'text/csv' })
    : args.file instanceof Blob ? args.file
    : new Blob([args.file as BlobPart], { type: 'application/octet-stream' });
  const { data, error } = await supabase.functions.invoke<ImportResult>(`import-file?${query}`, { body });
  if (!error && data) return data;
  throw await importError(error);
}

/** The same call as importFile with mode 'dry_run': the report, nothing written. */
export function dryRunImport(supabase: SupabaseClient, args: Omit<ImportArgs, 'mode'>): Promise<ImportResult> {
  return importFile(supabase, { ...args, mode: 'dry_run' });
}

async function importError(error: unknown): Promise<SlotbaseError> {
  if (error instanceof FunctionsHttpError || error instanceof FunctionsRelayError) {
    const response = error.context as Response;
    let body: { code?: unknown; message?: unknown; hint?: unknown; details?: unknown } = {};
    try {
      body = (await response.clone().json()) as typeof body;
    } catch {
      // not JSON: keep the status
    }
    const code = typeof body.code === 'string' && body.code ? body.code : `http_${response.status}`;
    const details = typeof body.details === 'string' ? body.details : null;
    const Class = errorClassFor(code, response.status, reasonOf(details));
    return new Class({
      code, details, status: response.status, cause: error,
      message: typeof body.message === 'string' ? body.message : `The import failed (HTTP ${response.status}).`,
      hint: typeof body.hint === 'string' ? body.hint : null,
    });
  }
  if (error instanceof FunctionsFetchError) {
    return new SlotbaseError({ code: 'network_error', message: 'Could not reach the import service.', hint: 'Check the connection and try again.', cause: error });
  }
  return new SlotbaseError({ code: 'bad_response', message: 'The import service answered without a report.', cause: error });
}

/** The report as CSV (row, action, column, code, message), neutralised, for staff to download. */
export function importReportCsv(result: ImportResult): string {
  const quote = (value: unknown) => {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [['row', 'action', 'column', 'code', 'message'], ...result.report.map((l) => [l.row_number, l.action, l.column_name, l.code, l.message])];
  return neutraliseCsv(lines.map((line) => line.map(quote).join(',')).join('\r\n') + '\r\n');
}

/**
 * Whether a spreadsheet would run this cell as a formula: it starts with =, @, a tab or a carriage
 * return, or with + or - and is not a plain number or phone number. The same rule as the import's
 * (private.import_formula_problem).
 */
export function isFormulaLike(cell: string): boolean {
  return /^[=@\t\r]/.test(cell) || (/^[+-]/.test(cell) && !/^[+-]?[0-9][0-9 ().-]*$/.test(cell));
}

/** Prefixes every formula-like cell of a CSV text with an apostrophe (quoted cells stay quoted). */
export function neutraliseCsv(csv: string): string {
  let out = '';
  let i = 0;
  while (i < csv.length) {
    // one cell: quoted or not
    let cell: string;
    let quoted = false;
    if (csv[i] === '"') {
      quoted = true;
      let j = i + 1;
      let value = '';
      while (j < csv.length) {
        if (csv[j] === '"' && csv[j + 1] === '"') { value += '"'; j += 2; continue; }
        if (csv[j] === '"') { j++; break; }
        value += csv[j++];
      }
      cell = value;
      i = j;
    } else {
      let j = i;
      while (j < csv.length && csv[j] !== ',' && csv[j] !== '\n' && csv[j] !== '\r') j++;
      cell = csv.slice(i, j);
      i = j;
    }
    const safe = isFormulaLike(cell) ? `'${cell}` : cell;
    out += quoted || safe !== cell ? (quoted || /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe) : cell;
    // the separator after the cell
    if (i < csv.length) {
      if (csv[i] === '\r' && csv[i + 1] === '\n') { out += '\r\n'; i += 2; }
      else { out += csv[i]; i++; }
    }
  }
  return out;
}

/**
 * A staff view, table or RPC as CSV (PostgREST's `Accept: text/csv`, supabase-js `.csv()`), with
 * formula-like cells neutralised. Pass the query: `exportCsv(supabase.from('payments_due').select('*'))`
 * or `exportCsv(supabase.rpc('appointments_by_status', args))`.
 */
export async function exportCsv(query: { csv: () => PromiseLike<{ data: unknown; error: { code?: string; message?: string; hint?: string | null; details?: string | null } | null; status: number }> }): Promise<string> {
  const { data, error, status } = await query.csv();
  if (error) throw fromPostgrestError(error, status);
  return neutraliseCsv(typeof data === 'string' ? data : '');
}
