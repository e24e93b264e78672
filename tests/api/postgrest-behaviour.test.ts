// What PostgREST (configured as Supabase does, on the platform emulation) does around each request,
// observed from inside the database by probe functions: the schema cache reloads on DDL by itself
// (the pgrst event triggers), the impersonated role's settings apply (anon 3 s, authenticated 8 s
// statement timeouts), STABLE functions run read-only even when called with POST, and the request
// is visible to SQL. The probes live in graphql_public (exposed through `[api] schemas`, but not in
// `public`'s OpenAPI or generated types), are created as the platform's superuser and dropped again.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anon, api, apiMissing, as, closeAuthConnection, env, seed } from './api.ts';

const probeSql = (name: string, volatility: 'stable' | 'volatile') => `
  create function graphql_public.${name}() returns jsonb language sql ${volatility} as $$
    select jsonb_build_object(
      'role', current_user,
      'read_only', current_setting('transaction_read_only'),
      'statement_timeout', current_setting('statement_timeout'),
      'method', current_setting('request.method', true),
      'path', current_setting('request.path', true),
      'forwarded_host', current_setting('request.headers', true)::jsonb ->> 'x-forwarded-host',
      'sub', auth.uid())
  $$`;

interface Probe {
  role: string;
  read_only: 'on' | 'off';
  statement_timeout: string;
  method: string;
  path: string;
  forwarded_host: string | null;
  sub: string | null;
}

describe.skipIf(apiMissing)('PostgREST around each request', () => {
  let admin: postgres.Sql;
  const suffix = Math.random().toString(36).slice(2, 8);
  const stableProbe = `api_probe_stable_${suffix}`;
  const volatileProbe = `api_probe_volatile_${suffix}`;

  beforeAll(async () => {
    const url = new URL(env.dbUrl);
    url.username = 'supabase_admin';
    admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await admin.unsafe(`drop function if exists graphql_public.${stableProbe}(); drop function if exists graphql_public.${volatileProbe}();`);
    await admin.end({ timeout: 1 });
    await closeAuthConnection();
  });

  async function call(name: string, init: { method: 'GET' | 'POST'; token?: string }): Promise<Response> {
    return api(`/rest/v1/rpc/${name}`, {
      method: init.method,
      ...(init.token ? { token: init.token } : {}),
      headers: { 'accept-profile': 'graphql_public', 'content-profile': 'graphql_public', 'content-type': 'application/json' },
      ...(init.method === 'POST' ? { body: '{}' } : {}),
    });
  }

  it('a new function is served without a restart or a manual NOTIFY (pgrst_ddl_watch)', async () => {
    expect((await call(stableProbe, { method: 'POST' })).status).toBe(404);
    await admin.unsafe(probeSql(stableProbe, 'stable'));
    await admin.unsafe(probeSql(volatileProbe, 'volatile'));
    const deadline = Date.now() + 10_000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await call(stableProbe, { method: 'POST' })).status;
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
  });

  it('runs as the caller\'s role with that role\'s statement timeout (anon 3 s, authenticated 8 s)', async () => {
    const asAnon = (await (await call(stableProbe, { method: 'POST' })).json()) as Probe;
    expect(asAnon).toMatchObject({ role: 'anon', statement_timeout: '3s', sub: null });
    const user = await as(seed.sam);
    const asUser = (await (await call(stableProbe, { method: 'POST', token: user.accessToken })).json()) as Probe;
    expect(asUser).toMatchObject({ role: 'authenticated', statement_timeout: '8s', sub: user.userId });
    const asService = (await (await call(stableProbe, { method: 'POST', token: env.serviceRoleKey })).json()) as Probe;
    expect(asService.role).toBe('service_role');
  });

  it('STABLE functions run read-only even over POST; VOLATILE ones read-write', async () => {
    const stablePost = (await (await call(stableProbe, { method: 'POST' })).json()) as Probe;
    const stableGet = (await (await call(stableProbe, { method: 'GET' })).json()) as Probe;
    const volatilePost = (await (await call(volatileProbe, { method: 'POST' })).json()) as Probe;
    expect([stablePost.read_only, stableGet.read_only, volatilePost.read_only]).toEqual(['on', 'on', 'off']);
    // and the real ones: search_slots is STABLE, so the read-only rule holds for it too
    const [searchSlots] = await admin<Array<{ volatility: string }>>`
      select provolatile as volatility from pg_catalog.pg_proc where oid = 'public.search_slots'::regproc`;
    expect(searchSlots?.volatility).toBe('s');
  });

  it('the request is visible to SQL: method, path without the gateway prefix, forwarded host', async () => {
    const probe = (await (await call(stableProbe, { method: 'GET' })).json()) as Probe;
    expect(probe).toMatchObject({ method: 'GET', path: `/rpc/${stableProbe}`, forwarded_host: new URL(env.apiUrl).host });
  });

  it('a dropped function disappears again (pgrst_drop_watch)', async () => {
    await admin.unsafe(`drop function graphql_public.${volatileProbe}()`);
    const deadline = Date.now() + 10_000;
    let status = 200;
    while (Date.now() < deadline && status !== 404) {
      status = (await call(volatileProbe, { method: 'POST' })).status;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(404);
  });

  it('/graphql/v1 answers like a project without pg_graphql (the graphql_public placeholder)', async () => {
    const response = await api('/graphql/v1', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ errors: [{ message: 'pg_graphql extension is not enabled.' }] });
    expect((await anon().schema('graphql_public' as never).rpc('graphql' as never)).status).toBe(200);
  });
});
