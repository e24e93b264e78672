// POST /functions/v1/import-file?tenant_id=…&kind=patients|services|clinicians&mode=dry_run|valid_rows|all_or_nothing[&sheet=…]
// with the file as the body (CSV or .xlsx; or multipart/form-data with a `file` field), as a
// signed-in staff member. The function only reads the file (parse.ts) and hands its rows, in
// batches, to public.import_rows as the caller, all in one transaction: every rule is SQL's and
// the caller's row-level security decides what may be written. dry_run always rolls back;
// all_or_nothing rolls back when any row is refused; valid_rows commits the rows that passed.
// Answers 200 { kind, mode, format, encoding, rows, created, updated, unchanged, refused,
// committed, report } with one report line per problem (row, column, code, message) and per
// imported row (action, record_id). See docs/import.md.
import { requireUser, type VerifyCaller } from '../_shared/caller.ts';
import { corsHeaders, preflightResponse } from '../_shared/cors.ts';
import type { Claims } from '../_shared/db.ts';
import { connectionLost, databaseErrorOf, httpStatusOf } from '../_shared/db.ts';
import { databaseUnavailable, json, problem, readBodyBytes } from '../_shared/http.ts';
import { z } from 'zod';
import { FileProblem, parseFile, type ParseLimits } from './parse.ts';

export interface ReportLine {
  row_number: number;
  action: 'created' | 'updated' | 'unchanged' | 'refused';
  column_name: string | null;
  code: string | null;
  message: string | null;
  record_id: string | null;
}

export interface ImportRun {
  claims: Claims;
  tenantId: string;
  kind: 'patients' | 'services' | 'clinicians';
  header: string[];
  rows: Array<{ row: number; values: Array<string | null> }>;
  /** Commit at the end? Called with the report once every batch has run; false rolls everything back. */
  commitIf: (report: ReportLine[]) => boolean;
}

export interface ImportDependencies {
  verifyCaller: VerifyCaller;
  /** Runs the batches in one transaction as the caller (database.ts); returns the report and whether it committed. */
  runImport: (run: ImportRun) => Promise<{ report: ReportLine[]; committed: boolean }>;
  limits?: Partial<ParseLimits & { maxBytes: number }>;
  log?: (line: string) => void;
}

export const defaultImportLimits = { maxBytes: 10 * 1024 * 1024, maxRows: 20_000, maxColumns: 50, maxCellLength: 4000 };

const query = z.object({
  tenant_id: z.uuid(),
  kind: z.enum(['patients', 'services', 'clinicians']),
  mode: z.enum(['dry_run', 'valid_rows', 'all_or_nothing']).default('dry_run'),
  sheet: z.string().min(1).max(100).optional(),
});

const headers = { ...corsHeaders, 'Cache-Control': 'no-store' };

export function createImportFileHandler(deps: ImportDependencies): (request: Request) => Promise<Response> {
  const limits = { ...defaultImportLimits, ...deps.limits };
  const log = deps.log ?? console.log;
  return async (request) => {
    const preflight = preflightResponse(request);
    if (preflight) return preflight;
    if (request.method !== 'POST') {
      return problem(405, 'method_not_allowed', `import-file does not accept ${request.method}.`, 'POST the file.', { headers: { ...headers, Allow: 'POST, OPTIONS' } });
    }
    const caller = requireUser(await deps.verifyCaller(request), 'import files', { headers });
    if (caller instanceof Response) return caller;
    const params = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!params.success) {
      const reasons = params.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
      return problem(400, 'invalid_request', `The import parameters are not valid: ${reasons}.`, 'Pass tenant_id (uuid), kind (patients, services, clinicians) and mode (dry_run, valid_rows, all_or_nothing).', { headers });
    }
    const { tenant_id: tenantId, kind, mode, sheet } = params.data;

    let bytes: Uint8Array | null;
    const contentType = request.headers.get('content-type') ?? '';
    if (contentType.startsWith('multipart/form-data')) {
      const declared = Number(request.headers.get('content-length') ?? Number.NaN);
      if (Number.isFinite(declared) && declared > limits.maxBytes + 64 * 1024) bytes = null;
      else {
        const form = await request.formData().catch(() => null);
        const file = form?.get('file');
        if (!(file instanceof File)) {
          return problem(400, 'invalid_request', 'The form has no file field.', 'Send the file as the form field "file", or as the request body.', { headers });
        }
        bytes = file.size > limits.maxBytes ? null : new Uint8Array(await file.arrayBuffer());
      }
    } else {
      bytes = await readBodyBytes(request, limits.maxBytes);
    }
    if (bytes === null) {
      return problem(413, 'file_too_large', `The file is larger than ${Math.round(limits.maxBytes / 1024 / 1024)} MB.`, 'Split it and import the parts one after the other.', { headers });
    }

    let parsed;
    try {
      parsed = await parseFile(bytes, limits, sheet);
    } catch (error) {
      if (error instanceof FileProblem) return problem(error.status, error.code, error.message, error.hint, { headers });
      throw error;
    }

    try {
      const { report, committed } = await deps.runImport({
        claims: caller.claims,
        tenantId,
        kind,
        header: parsed.header,
        rows: parsed.rows,
        commitIf: (lines) => mode === 'valid_rows' || (mode === 'all_or_nothing' && !lines.some((line) => line.action === 'refused')),
      });
      const count = (action: ReportLine['action']) => new Set(report.filter((line) => line.action === action).map((line) => line.row_number)).size;
      log(`import-file: ${kind} ${mode} for tenant ${tenantId}: ${parsed.rows.length} rows, ${count('refused')} refused, committed ${committed}`);
      return json(200, {
        kind, mode, format: parsed.format, encoding: parsed.encoding, rows: parsed.rows.length,
        created: count('created'), updated: count('updated'), unchanged: count('unchanged'), refused: count('refused'),
        committed, report,
      }, { headers });
    } catch (error) {
      if (connectionLost(error)) return databaseUnavailable({ headers });
      const refusal = databaseErrorOf(error);
      if (refusal && httpStatusOf(refusal.code) < 500) {
        // as PostgREST answers it: the SQLSTATE in code, the reason code in details
        return json(httpStatusOf(refusal.code), { code: refusal.code, details: refusal.details, message: refusal.message, hint: refusal.hint }, { headers });
      }
      log(`import-file: ${error instanceof Error ? error.message : String(error)}`);
      return problem(500, 'import_failed', 'The import failed; nothing was changed.', 'See the function log.', { headers });
    }
  };
}
