// What each role sees of the API: PostgREST's OpenAPI output (GET /rest/v1/, which follows the
// role's privileges) for anon, a signed-in user and service_role, compared with
// docs/access-matrix.md and with the grants in the database.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../local/stack/config.ts';
import { api, apiMissing, as, closeAuthConnection, env, seed } from './api.ts';

async function visiblePaths(token?: string): Promise<string[]> {
  const response = await api('/rest/v1/', { ...(token ? { token } : {}), headers: { accept: 'application/openapi+json' } });
  expect(response.status).toBe(200);
  const spec = (await response.json()) as { paths: Record<string, unknown> };
  return Object.keys(spec.paths).filter((p) => p !== '/').sort();
}

/** Tables, views and functions of `public` the role has any privilege on (column grants count). */
async function grantedPaths(sql: postgres.Sql, role: string): Promise<string[]> {
  const rows = await sql<Array<{ path: string }>>`
    select '/' || c.relname as path
    from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f')
      and (has_any_column_privilege(${role}, c.oid, 'SELECT') or has_any_column_privilege(${role}, c.oid, 'INSERT')
        or has_any_column_privilege(${role}, c.oid, 'UPDATE') or has_table_privilege(${role}, c.oid, 'DELETE'))
    union
    select '/rpc/' || p.proname
    from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'public' and p.prokind = 'f' and p.prorettype <> 'pg_catalog.trigger'::pg_catalog.regtype
      and has_function_privilege(${role}, p.oid, 'EXECUTE')`;
  return rows.map((r) => r.path).sort();
}

type Cell = string;
/** `select` cells per table (`### <table>` sections) and role column of the generated docs/access-matrix.md. */
function accessMatrixSelects(): Map<string, Record<string, Cell>> {
  const text = readFileSync(join(repoRoot, 'docs', 'access-matrix.md'), 'utf8');
  const result = new Map<string, Record<string, Cell>>();
  let section = '';
  let header: string[] = [];
  for (const line of text.split('\n')) {
    if (/^#{2,3} /.test(line)) section = line.replace(/^#+ /, '').trim();
    if (!line.startsWith('|')) continue;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (cells.includes('anon') && cells.includes('service_role')) {
      header = cells;
      continue;
    }
    if (header[0] === '' && cells[0] === 'select' && /^[a-z_]+$/.test(section)) {
      result.set(section, Object.fromEntries(header.slice(1).map((role, i) => [role, cells[i + 1] ?? ''])));
    }
  }
  return result;
}

const refused = (cell: Cell) => cell.startsWith('⛔');
/** The matrix's columns for signed-in users: every column but anon and service_role. */
const signedInColumns = (cells: Record<string, Cell>) => Object.keys(cells).filter((c) => c !== 'anon' && c !== 'service_role');

describe.skipIf(apiMissing)('what each role sees in the OpenAPI output', () => {
  let sql: postgres.Sql;
  let patientToken = '';

  beforeAll(async () => {
    sql = postgres(env.dbUrl, { max: 1, onnotice: () => {} });
    patientToken = (await as(seed.sam)).accessToken;
  });
  afterAll(async () => {
    await sql.end({ timeout: 1 });
    await closeAuthConnection();
  });

  it('anon sees exactly the public directory, the website calls and search_slots', async () => {
    expect(await visiblePaths()).toEqual([
      '/centres', '/clinician_centres', '/clinician_credentials', '/clinician_services', '/clinicians', '/department_clinicians',
      '/department_services', '/departments', '/product_centres', '/products', '/rpc/centre_public_page', '/rpc/clinician_reviews',
      '/rpc/search_directory', '/rpc/search_products', '/rpc/search_slots', '/services', '/tenants',
    ]);
  });

  it('agrees with docs/access-matrix.md: a table is visible to a role exactly when its select is not ⛔', async () => {
    const matrix = accessMatrixSelects();
    const relations = (await grantedPaths(sql, 'service_role')).filter((p) => !p.startsWith('/rpc/')).map((p) => p.slice(1));
    expect([...matrix.keys()].sort(), 'the matrix has a section for every table and view of the API').toEqual(relations);
    const anonPaths = await visiblePaths();
    const userPaths = await visiblePaths(patientToken);
    for (const [table, cells] of matrix) {
      expect(anonPaths.includes(`/${table}`), `anon and ${table}: ${cells.anon}`).toBe(!refused(cells.anon!));
      const anySignedIn = signedInColumns(cells).some((column) => !refused(cells[column] ?? '⛔'));
      expect(userPaths.includes(`/${table}`), `signed-in users and ${table}`).toBe(anySignedIn);
    }
  });

  it('a signed-in user and service_role see exactly what they are granted, nothing of private, no trigger functions', async () => {
    const serviceRoleToken = env.serviceRoleKey;
    for (const [role, token] of [['anon', undefined], ['authenticated', patientToken], ['service_role', serviceRoleToken]] as const) {
      const visible = await visiblePaths(token);
      expect(visible, role).toEqual(await grantedPaths(sql, role));
    }
  });

  it('internal RPCs stay with service_role; the auth hook with GoTrue', async () => {
    const user = await visiblePaths(patientToken);
    const service = await visiblePaths(env.serviceRoleKey);
    for (const internal of ['/rpc/handle_stripe_event', '/rpc/handle_razorpay_event', '/rpc/confirm_razorpay_payment', '/rpc/attach_razorpay_payment', '/rpc/claim_notifications', '/rpc/claim_refunds', '/rpc/record_notification_result', '/rpc/enqueue_notification']) {
      expect(user, internal).not.toContain(internal);
      expect(service, internal).toContain(internal);
    }
    for (const paths of [user, service, await visiblePaths()]) expect(paths).not.toContain('/rpc/custom_access_token_hook');
  });
});
