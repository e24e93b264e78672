// Runs against the throwaway database `npm test` builds (SLOTBASE_TEST_DB_URL).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../local/stack/config.ts';

const url = process.env.SLOTBASE_TEST_DB_URL;

describe.skipIf(!url)('migrations on the test database', () => {
  const sql = postgres(url ?? '', { max: 1, onnotice: () => {} });
  afterAll(() => sql.end());

  it('are all recorded by the Supabase CLI, in file order', async () => {
    const files = readdirSync(join(repoRoot, 'supabase', 'migrations')).filter((f) => f.endsWith('.sql')).sort();
    const rows = await sql<{ version: string; name: string }[]>`
      select version, name from supabase_migrations.schema_migrations order by version`;
    expect(rows.map((r) => `${r.version}_${r.name}.sql`)).toEqual(files);
  });

  it('ran as the non-superuser postgres, which owns what they created', async () => {
    const [owner] = await sql<{ owner: string; superuser: boolean }[]>`
      select n.nspowner::regrole::text as owner, r.rolsuper as superuser
      from pg_namespace n join pg_roles r on r.oid = n.nspowner
      where n.nspname = 'private'`;
    expect(owner).toEqual({ owner: 'postgres', superuser: false });
  });
});
