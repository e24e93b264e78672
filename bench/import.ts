// `npm run bench:import [-- --rows=20000] [--url=postgresql://…]`
//
// The bulk import benchmark (docs/benchmarks.md, "Bulk import"): a realistic patients workbook
// (bench/import-spreadsheet.ts: mostly good rows, a known problem every so often) imported the way
// the import-file Edge Function does it, measured in one run:
//   parse     reading the .xlsx into rows (import-file/parse.ts, read-excel-file)
//   dry run   public.import_rows in batches of 500 as a tenant-wide staff member, one transaction,
//             rolled back: every row validated and written under the caller's row-level security,
//             constraints, triggers and audit, then undone (what a dry run costs)
//   import    the same, committed
//   again     the same file once more: every row matched and unchanged
// Each is reported as rows per second; the target is 2,000 rows/s validated (the dry run).
// Builds a throwaway database with the seed (Northside Health's care coordinator imports) unless
// --url names one.
import writeXlsxFile from 'write-excel-file/node';
import { dbUrl } from '../local/stack/config.ts';
import { withThrowawayDatabase } from '../local/stack/throwaway.ts';
import { parseFile } from '../supabase/functions/import-file/parse.ts';
import { patientHeader, patientsSpreadsheet } from './import-spreadsheet.ts';
import { connect } from './lib.ts';

const northside = 'b0000000-0000-4000-8000-000000000001';
const careCoordinator = 'a0000000-0000-4000-8000-000000000007';
const batchSize = 500;
const target = 2000;

interface Options {
  rows: number;
  url: string | null;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { rows: 20_000, url: null };
  for (const arg of argv) {
    const [name, value = ''] = arg.split('=', 2) as [string, string?];
    if (name === '--rows') options.rows = Number(value);
    else if (name === '--url') options.url = value;
    else throw new Error(`unknown option ${arg}`);
  }
  if (!Number.isInteger(options.rows) || options.rows < 1 || options.rows > 20_000) throw new Error('--rows must be 1 to 20000 (the import\'s limit)');
  return options;
}

export interface ImportBench {
  rows: number;
  parseRowsPerSecond: number;
  dryRunRowsPerSecond: number;
  importRowsPerSecond: number;
  againRowsPerSecond: number;
  created: number;
  refused: number;
}

export async function benchImport(url: string, count: number, log: (line: string) => void = console.log): Promise<ImportBench> {
  const sql = connect(url, 1);
  const run = Math.floor(Math.random() * 900) + 100;
  const { rows } = patientsSpreadsheet(count, run);
  const sheet = [patientHeader.map((value) => ({ value })), ...rows.map((r) => r.values.map((value) => (value === null ? null : { value })))];
  const workbook = new Uint8Array(await writeXlsxFile(sheet).toBuffer());
  log(`bench:import: a workbook of ${count} patients, ${Math.round(workbook.length / 1024)} kB`);

  let started = performance.now();
  const parsed = await parseFile(workbook, { maxRows: 20_000, maxColumns: 50, maxCellLength: 4000 });
  const parseSeconds = (performance.now() - started) / 1000;

  const importAll = async (commit: boolean) => {
    let created = 0;
    let refused = 0;
    const begun = performance.now();
    await sql.begin(async (tx) => {
      await tx`select set_config('role', 'authenticated', true),
                      set_config('request.jwt.claims', ${JSON.stringify({ role: 'authenticated', sub: careCoordinator })}, true)`;
      for (let start = 0; start < parsed.rows.length; start += batchSize) {
        const lines = await tx<{ action: string }[]>`
          select action from public.import_rows(${northside}::uuid, 'patients', ${parsed.header}::text[],
                                                ${tx.json(parsed.rows.slice(start, start + batchSize) as never)}::jsonb, dry_run => false)`;
        created += lines.filter((line) => line.action === 'created').length;
        refused += lines.filter((line) => line.action === 'refused').length;
      }
      if (!commit) throw new Error('roll back');
    }).catch((error: unknown) => {
      if (!(error instanceof Error && error.message === 'roll back')) throw error;
    });
    return { seconds: (performance.now() - begun) / 1000, created, refused };
  };

  const dry = await importAll(false);
  const imported = await importAll(true);
  const again = await importAll(true);
  started = performance.now();
  await sql`delete from public.patients where tenant_id = ${northside} and external_id like ${`MRN-${String(run).padStart(3, '0')}-%`}`;
  await sql.end();
  const perSecond = (seconds: number) => Math.round(parsed.rows.length / seconds);
  return {
    rows: parsed.rows.length,
    parseRowsPerSecond: perSecond(parseSeconds),
    dryRunRowsPerSecond: perSecond(dry.seconds),
    importRowsPerSecond: perSecond(imported.seconds),
    againRowsPerSecond: perSecond(again.seconds),
    created: imported.created,
    refused: imported.refused,
  };
}

export function importTable(result: ImportBench): string {
  const mark = (value: number) => (value >= target ? 'meets' : 'BELOW');
  return [
    '| step | rows/s | target |',
    '|---|---|---|',
    `| parse the .xlsx (${result.rows} rows) | ${result.parseRowsPerSecond} | |`,
    `| dry run: validated as the caller, rolled back | ${result.dryRunRowsPerSecond} | ≥ ${target} (${mark(result.dryRunRowsPerSecond)}) |`,
    `| import: ${result.created} created, ${result.refused} refused | ${result.importRowsPerSecond} | |`,
    `| the same file again: every row unchanged | ${result.againRowsPerSecond} | |`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const options = parseArgs(process.argv.slice(2));
  const go = async (url: string) => {
    const result = await benchImport(url, options.rows);
    console.log(importTable(result));
  };
  if (options.url) await go(options.url);
  else await withThrowawayDatabase('bench-import', { seed: true }, async (cluster) => go(dbUrl(cluster.port)));
}
