// Bulk import as an app calls it: clients/js importFile through the gateway to the import-file
// Edge Function (the signed-in staff member's session), and public.import_rows called directly
// with supabase.rpc, as the same user (docs/import.md).
import { randomInt } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dryRunImport, ForbiddenError, importFile, importReportCsv } from '../../clients/js/index.ts';
import { apiMissing, as, closeAuthConnection, env, seed } from './api.ts';

describe.skipIf(apiMissing)('bulk import through the API', () => {
  const admin = postgres(env.dbUrl, { max: 1, onnotice: () => {} });
  const run = randomInt(100, 1000);
  const csv = `external_id,full_name,phone\nAPI-${run}-1,Ana Api,+44 7700 8${run}01\nAPI-${run}-2,=2+2,+44 7700 8${run}02\n`;
  let owner: Awaited<ReturnType<typeof as>>;
  let otherOwner: Awaited<ReturnType<typeof as>>;

  beforeAll(async () => {
    [owner, otherOwner] = await Promise.all([as(seed.amira), as(seed.rosa)]);
  });
  afterAll(async () => {
    await admin`delete from public.patients where external_id like ${`API-${run}-%`}`.catch(() => {});
    await admin.end();
    await closeAuthConnection();
  });

  it('a dry run through clients/js reports each row and writes nothing; the valid rows are then imported', async () => {
    const dry = await dryRunImport(owner.supabase, { tenantId: seed.northside, kind: 'patients', file: csv });
    expect(dry).toMatchObject({ format: 'csv', rows: 2, created: 1, refused: 1, committed: false });
    expect(dry.report.find((line) => line.row_number === 3)).toMatchObject({ column_name: 'full_name', code: 'formula_cell' });
    expect(importReportCsv(dry).split('\r\n')[0]).toBe('row,action,column,code,message');
    expect(await admin`select 1 from public.patients where external_id like ${`API-${run}-%`}`).toHaveLength(0);
    const done = await importFile(owner.supabase, { tenantId: seed.northside, kind: 'patients', file: new Blob([csv]), mode: 'valid_rows' });
    expect(done).toMatchObject({ created: 1, committed: true });
  });

  it('another clinic\'s owner gets a ForbiddenError with the reason not_allowed', async () => {
    await expect(importFile(otherOwner.supabase, { tenantId: seed.northside, kind: 'patients', file: csv })).rejects.toSatisfy(
      (error: unknown) => error instanceof ForbiddenError && error.code === 'PT403' && error.reason === 'not_allowed' && error.status === 403);
  });

  it('public.import_rows answers supabase.rpc directly with the same report', async () => {
    const { data, error } = await owner.supabase.rpc('import_rows', {
      tenant_id: seed.northside, kind: 'patients', columns: ['external_id', 'full_name'],
      rows: [{ row: 2, values: [`API-${run}-1`, 'Ana Api'] }, { row: 3, values: [`API-${run}-3`, ''] }],
    });
    expect(error).toBeNull();
    expect(data?.map((line) => [line.row_number, line.action, line.code])).toEqual([[2, 'unchanged', null], [3, 'refused', 'required']]);
  });
});
