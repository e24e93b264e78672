// The SQL side of an import: public.import_rows as the caller, one batch of rows per call, every
// batch in one transaction (so a record written twice across batches is still a duplicate within
// the file, and a dry run or a refused all-or-nothing import rolls everything back).
import { asCaller, type Sql } from '../_shared/db.ts';
import type { ImportRun, ReportLine } from './handler.ts';

/** Rows per call of public.import_rows (it takes at most 1000). */
export const importBatchSize = 500;

class RollBack extends Error {
  constructor(readonly report: ReportLine[]) {
    super('import rolled back');
  }
}

export function createImportRunner(sql: Sql) {
  return async (run: ImportRun): Promise<{ report: ReportLine[]; committed: boolean }> => {
    try {
      const report = await asCaller(sql, run.claims, async (tx) => {
        const lines: ReportLine[] = [];
        for (let start = 0; start < run.rows.length || start === 0; start += importBatchSize) {
          const batch = run.rows.slice(start, start + importBatchSize);
          const rows = await tx<ReportLine[]>`
            select row_number, action, column_name, code, message, record_id
            from public.import_rows(${run.tenantId}::uuid, ${run.kind}::text, ${run.header}::text[], ${tx.json(batch as never)}::jsonb,
                                    dry_run => false, all_or_nothing => false)`;
          lines.push(...rows.map((row) => ({ ...row, row_number: Number(row.row_number) })));
          // a header problem is reported once, on row 1, and nothing else is read
          if (lines.some((line) => line.row_number === 1)) break;
          if (run.rows.length === 0) break;
        }
        if (lines.some((line) => line.row_number === 1) || !run.commitIf(lines)) throw new RollBack(lines);
        return lines;
      });
      return { report, committed: true };
    } catch (error) {
      if (error instanceof RollBack) return { report: error.report, committed: false };
      throw error;
    }
  };
}
