// The import-file Edge Function under real Deno, through the functions server, against the test
// database (SLOTBASE_TEST_DB_URL, seeded): staff of Northside Health import spreadsheets as
// themselves. A 5,000-patient workbook gets its exact per-row report; a dry run and a refused
// all-or-nothing import change nothing; the same file again changes nothing; CSV in other
// encodings, a form upload, services and clinicians; and least privilege: a centre's front desk
// imports only into its centre, another clinic's owner not at all.
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import writeXlsxFile from 'write-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExpectedLine, patientHeader, patientsSpreadsheet } from '../../bench/import-spreadsheet.ts';
import { signHs256 } from '../../local/stack/keys.ts';
import { freePort, type FunctionsServer, startProjectFunctions } from '../functions-server/server.ts';

const url = process.env.SLOTBASE_TEST_DB_URL;
const jwtSecret = 'super-secret-jwt-token-with-at-least-32-characters-long';
const northside = 'b0000000-0000-4000-8000-000000000001';
const staff = {
  hannah: 'a0000000-0000-4000-8000-000000000007', // care coordinator, Northside (tenant-wide)
  leo: 'a0000000-0000-4000-8000-000000000008', // front desk at Camden only
  rosa: 'a0000000-0000-4000-8000-000000000011', // owner of Harbor Family Clinics
  amira: 'a0000000-0000-4000-8000-000000000001', // owner of Northside
};

interface Answer {
  kind: string;
  mode: string;
  format: string;
  encoding: string | null;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  refused: number;
  committed: boolean;
  report: Array<{ row_number: number; action: string; column_name: string | null; code: string | null; message: string | null; record_id: string | null }>;
}

describe.skipIf(!url)('import-file over HTTP (real Deno, test database)', { timeout: 240_000 }, () => {
  const admin = postgres(url ?? '', { max: 2, onnotice: () => {} });
  const run = randomInt(100, 1000);
  let server: FunctionsServer;
  let tempDir: string;
  let port: number;
  const tokenOf = (sub: string) =>
    signHs256({ iss: `http://127.0.0.1:${port}/auth/v1`, sub, role: 'authenticated', aud: 'authenticated', exp: Math.floor(Date.now() / 1000) + 3600 }, jwtSecret);

  async function importFile(who: string, body: BodyInit, query: Record<string, string>, contentType = 'text/csv'): Promise<{ status: number; body: Answer & { code?: string; details?: string } }> {
    const params = new URLSearchParams({ tenant_id: northside, kind: 'patients', mode: 'dry_run', ...query });
    const headers: Record<string, string> = { authorization: `Bearer ${tokenOf(who)}` };
    if (!(body instanceof FormData)) headers['content-type'] = contentType;
    const response = await fetch(server.url(`/functions/v1/import-file?${params}`), { method: 'POST', headers, body });
    return { status: response.status, body: await response.json() };
  }

  const simplified = (report: Answer['report']): ExpectedLine[] =>
    report.map((line) => ({ row_number: line.row_number, action: line.action as ExpectedLine['action'], column_name: line.column_name, code: line.code }))
      .sort((a, b) => a.row_number - b.row_number || String(a.column_name).localeCompare(String(b.column_name)));

  beforeAll(async () => {
    tempDir = mkdtempSync(join(tmpdir(), 'slotbase-import-'));
    const envFile = join(tempDir, 'functions.env');
    writeFileSync(envFile, '');
    port = await freePort();
    server = await startProjectFunctions({
      envFile,
      port,
      env: { SUPABASE_DB_URL: url as string, SUPABASE_URL: `http://127.0.0.1:${port}`, SUPABASE_JWT_SECRET: jwtSecret },
    });
  });

  afterAll(async () => {
    await server?.stop();
    await admin`delete from public.clinician_services where clinician_id in (select id from public.clinicians where external_id like ${`DOC-${run}-%`})`.catch(() => {});
    await admin`delete from public.clinician_centres where clinician_id in (select id from public.clinicians where external_id like ${`DOC-${run}-%`})`.catch(() => {});
    await admin`delete from public.clinicians where external_id like ${`DOC-${run}-%`}`.catch(() => {});
    await admin`delete from public.services where external_id like ${`SVC-${run}-%`}`.catch(() => {});
    await admin`delete from public.patients where tenant_id = ${northside} and (external_id like ${`MRN-${run}-%`} or external_id like ${`CSV-${run}-%`})`.catch(() => {});
    await admin.end();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  });

  it('a 5,000-patient workbook: the dry run gives the exact per-row report and changes nothing; the import writes the valid rows; the same file again changes nothing', async () => {
    const { rows, expected } = patientsSpreadsheet(5000, run);
    const sheet = [patientHeader.map((value) => ({ value })), ...rows.map((r) => r.values.map((value) => (value === null ? null : { value })))];
    const workbook = new Uint8Array(await writeXlsxFile(sheet).toBuffer());
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

    const dry = await importFile(staff.hannah, workbook, { mode: 'dry_run' }, xlsx);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ format: 'xlsx', rows: 5000, committed: false });
    expect(simplified(dry.body.report)).toEqual(expected);
    expect(dry.body.created).toBe(expected.filter((line) => line.action === 'created').length);
    expect(dry.body.report.find((line) => line.code === 'duplicate_in_file')?.message).toMatch(/^the same patient as row \d+$/);
    const countMrn = async () => (await admin<{ count: number }[]>`select count(*)::int as count from public.patients where external_id like ${`MRN-${run}-%`}`)[0]!.count;
    expect(await countMrn()).toBe(0);

    const imported = await importFile(staff.hannah, workbook, { mode: 'valid_rows' }, xlsx);
    expect(imported.body).toMatchObject({ committed: true, created: dry.body.created, refused: dry.body.refused });
    expect(await countMrn()).toBe(dry.body.created);
    const [audit] = await admin<{ count: number }[]>`
      select count(*)::int as count from public.audit_log
      where table_name = 'public.patients' and action = 'insert' and actor_user_id = ${staff.hannah}
        and row_pk ->> 'id' in (select id::text from public.patients where external_id like ${`MRN-${run}-%`})`;
    expect(audit!.count).toBe(dry.body.created);

    const again = await importFile(staff.hannah, workbook, { mode: 'valid_rows' }, xlsx);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: dry.body.created, refused: dry.body.refused });
  });

  it('CSV in UTF-16 and Windows-1252, and a form upload, import the same names', async () => {
    const csv = `external_id;full_name;phone\r\nCSV-${run}-1;José Núñez;+44 7700 9${run}01\r\nCSV-${run}-2;Zoë Ångström;+44 7700 9${run}02\r\n`;
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(csv, 'utf16le')]);
    const first = await importFile(staff.hannah, utf16, { mode: 'valid_rows' });
    expect(first.body).toMatchObject({ encoding: 'utf-16le', created: 2, committed: true });
    const latin = new Uint8Array(Buffer.from(csv, 'latin1'));
    expect((await importFile(staff.hannah, latin, { mode: 'valid_rows' })).body).toMatchObject({ encoding: 'windows-1252', unchanged: 2, created: 0 });
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'patients.csv');
    expect((await importFile(staff.hannah, form, { mode: 'valid_rows' })).body).toMatchObject({ encoding: 'utf-8', unchanged: 2 });
    const names = await admin<{ full_name: string }[]>`select full_name from public.patients where external_id like ${`CSV-${run}-%`} order by external_id`;
    expect(names.map((n) => n.full_name)).toEqual(['José Núñez', 'Zoë Ångström']);
  });

  it('all or nothing: one refused row keeps every row out', async () => {
    const csv = `external_id,full_name,phone\nCSV-${run}-10,Good Row,+4477009${run}10\nCSV-${run}-11,+cmd,+4477009${run}11\n`;
    const answer = await importFile(staff.hannah, csv, { mode: 'all_or_nothing' });
    expect(answer.body).toMatchObject({ committed: false, created: 1, refused: 1 });
    expect(answer.body.report.find((line) => line.row_number === 3)).toMatchObject({ column_name: 'full_name', code: 'formula_cell' });
    const found = await admin`select 1 from public.patients where external_id = ${`CSV-${run}-10`}`;
    expect(found).toHaveLength(0);
  });

  it('least privilege: Camden\'s front desk registers patients at Camden only; another clinic\'s owner imports nothing', async () => {
    const csv = `external_id,full_name,registered_centre\nCSV-${run}-20,Cam Den,camden\nCSV-${run}-21,Is Lington,islington\n`;
    const answer = await importFile(staff.leo, csv, { mode: 'valid_rows' });
    expect(answer.body.report.map((line) => [line.row_number, line.action, line.code])).toEqual([[2, 'created', null], [3, 'refused', 'not_allowed']]);
    const other = await importFile(staff.rosa, csv, { mode: 'valid_rows' });
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ code: 'PT403', details: 'not_allowed' });
  });

  it('services, then clinicians with their centres and services; wrong headers are reported on row 1', async () => {
    const services = `external_id,name,duration_minutes,price\nSVC-${run}-1,Import physio ${run},45,60.00\n`;
    expect((await importFile(staff.amira, services, { kind: 'services', mode: 'valid_rows' })).body).toMatchObject({ created: 1 });
    const clinicians = `external_id,display_name,languages,centres,services\nDOC-${run}-1,Dr Import ${run},en;hi,camden;hackney,SVC-${run}-1\n`;
    expect((await importFile(staff.amira, clinicians, { kind: 'clinicians', mode: 'valid_rows' })).body).toMatchObject({ created: 1 });
    const [links] = await admin<{ centres: number; services: number }[]>`
      select (select count(*)::int from public.clinician_centres where clinician_id = c.id) as centres,
             (select count(*)::int from public.clinician_services where clinician_id = c.id) as services
      from public.clinicians as c where c.external_id = ${`DOC-${run}-1`}`;
    expect(links).toEqual({ centres: 2, services: 1 });
    const wrong = await importFile(staff.amira, 'nombre,telefono\nAna,1\n', { mode: 'valid_rows' });
    expect(wrong.body.report.map((line) => [line.row_number, line.code, line.column_name])).toEqual([
      [1, 'unknown_column', 'nombre'], [1, 'unknown_column', 'telefono'], [1, 'missing_column', 'full_name'],
    ]);
    expect(wrong.body.committed).toBe(false); // a refused header: no row is read
  });
});
