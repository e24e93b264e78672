// One list of reason codes (docs/errors.md): the codes the database puts in the detail of its
// PTxyz refusals (and in the details of its 429, raised through PostgREST's PGRST error), the
// `reasons` clients/js exports (and its Reason type), and the reference table of docs/errors.md
// must name exactly the same codes, so none of them can drift alone.
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { reasons } from '../../clients/js/index.ts';

const url = process.env.SLOTBASE_TEST_DB_URL;
const sorted = (codes: Iterable<string>) => [...new Set(codes)].sort();

describe('reason codes', () => {
  it('docs/errors.md documents exactly the codes clients/js knows', () => {
    const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    const documented = [...doc.matchAll(/^\| `PT\d{3}` \| \d+ \| `([a-z_]+)` \|/gm)].map((m) => m[1]!);
    expect(sorted(documented)).toEqual(sorted(reasons));
  });

  describe.skipIf(!url)('against the database', () => {
    const sql = postgres(url ?? '', { max: 1, onnotice: () => {} });
    afterAll(() => sql.end());

    it('the functions in public and private raise exactly those codes with a PTxyz SQLSTATE or a PGRST error', async () => {
      const rows = await sql<{ reason: string }[]>`
        select distinct substring(m[2] from ${"detail\\s*=\\s*'([a-z_]+)'"}) as reason
        from pg_catalog.pg_proc as p
        join pg_catalog.pg_namespace as n on n.oid = p.pronamespace
        cross join lateral regexp_matches(p.prosrc, ${"errcode\\s*=\\s*'(PT\\d{3})'([^;]*)"}, 'g') as m
        where n.nspname in ('public', 'private')
          and p.oid <> 'private.record_notification_result(uuid, text, text, text, text)'::regprocedure
        union
        select substring(p.prosrc from ${"'details',\\s*'([a-z_]+)'"})
        from pg_catalog.pg_proc as p
        join pg_catalog.pg_namespace as n on n.oid = p.pronamespace
        where n.nspname in ('public', 'private') and p.prosrc ~ ${"raise sqlstate 'PGRST'"}`;
      expect(sorted(rows.map((r) => r.reason).filter((r) => r !== null))).toEqual(sorted(reasons));
    });
  });
});
