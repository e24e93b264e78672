// What app developers write first, for every role: `from(table).select('*')` on every table and
// view the role sees in the API, and `upsert()` where a role may insert and update (PostgREST's
// upsert sends every column, keys included). A column-level grant or an UPDATE grant narrower
// than the INSERT grant breaks these calls for real clients even when SQL tests pass.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anon, api, apiMissing, as, closeAuthConnection, env, seed, serviceRole } from './api.ts';

type Client = ReturnType<typeof anon>;

/** Tables and views (not RPCs) the role sees in PostgREST's OpenAPI output. */
async function relationsVisibleTo(token?: string): Promise<string[]> {
  const response = await api('/rest/v1/', { ...(token ? { token } : {}), headers: { accept: 'application/openapi+json' } });
  expect(response.status).toBe(200);
  const spec = (await response.json()) as { paths: Record<string, unknown> };
  return Object.keys(spec.paths).filter((p) => p !== '/' && !p.startsWith('/rpc/')).map((p) => p.slice(1)).sort();
}

describe.skipIf(apiMissing)("select('*') and upsert() through the Data API, for every role", () => {
  const signedInCast = {
    patient: seed.sam,
    owner: seed.amira,
    admin: seed.daniel,
    'centre manager': seed.tom,
    clinician: seed.priyaUser,
    'front desk': seed.leo,
    'other tenant': seed.rosa,
  } as const;
  const clients = new Map<string, { client: Client; token?: string }>();

  beforeAll(async () => {
    clients.set('anon', { client: anon() });
    clients.set('service_role', { client: serviceRole(), token: env.serviceRoleKey });
    for (const [name, who] of Object.entries(signedInCast)) {
      const session = await as(who);
      clients.set(name, { client: session.supabase, token: session.accessToken });
    }
  });
  afterAll(closeAuthConnection);

  it("every role reads every table and view it sees with select('*')", async () => {
    const failures: string[] = [];
    let calls = 0;
    for (const [role, { client, token }] of clients) {
      const relations = await relationsVisibleTo(token);
      expect(relations.length, role).toBeGreaterThan(0);
      for (const relation of relations) {
        const { error, status } = await client.from(relation as 'centres').select('*').limit(1);
        calls++;
        if (error || status !== 200) failures.push(`${role} ${relation}: ${status} ${error?.code} ${error?.message}`);
      }
    }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(100);
  });

  it('anonymous visitors read the public directory with select(*), without internal ids', async () => {
    const { data, error } = await anon().from('clinicians').select('*').eq('id', seed.priya);
    expect(error).toBeNull();
    expect(data).toHaveLength(1);
    expect(data![0]).toMatchObject({ id: seed.priya, display_name: 'Dr Priya Nair' });
    expect(data![0]).not.toHaveProperty('member_id');
    // the account link is internal: a visitor cannot read it at all
    const { error: linkError, status } = await anon().from('clinician_members').select('*');
    expect(status).toBe(401);
    expect(linkError?.code).toBe('42501');
  });

  it('another tenant’s staff read no account links of this tenant', async () => {
    const { data, error } = await clients.get('other tenant')!.client.from('clinician_members').select('*').eq('tenant_id', seed.northside);
    expect(error).toBeNull();
    expect(data).toEqual([]);
  });

  it('the owner upserts a clinician’s price for a service (every column sent, keys unchanged)', async () => {
    const owner = clients.get('owner')!.client;
    const row = { tenant_id: seed.northside, clinician_id: seed.priya, service_id: seed.gp, duration_minutes_override: null, price_override: 65 };
    const { data, error, status } = await owner.from('clinician_services').upsert(row).select().single();
    expect(error).toBeNull();
    expect([200, 201]).toContain(status);
    expect(data).toMatchObject({ clinician_id: seed.priya, service_id: seed.gp, price_override: 65 });
    const { error: restoreError } = await owner.from('clinician_services').upsert({ ...row, price_override: null });
    expect(restoreError).toBeNull();
  });

  it('changing a key column is refused with 422 and changes nothing', async () => {
    const owner = clients.get('owner')!.client;
    const { error, status } = await owner.from('clinician_services')
      .update({ service_id: seed.staffHealthCheck })
      .eq('tenant_id', seed.northside).eq('clinician_id', seed.priya).eq('service_id', seed.gp);
    expect(status).toBe(422);
    expect(error?.code).toBe('PT422');
    expect(error?.message).toBeTruthy();
    const { data } = await owner.from('clinician_services').select('service_id')
      .eq('tenant_id', seed.northside).eq('clinician_id', seed.priya).eq('service_id', seed.gp);
    expect(data).toHaveLength(1);
  });

  it('the front desk upserts a patient record it registered (every inserted column sent again)', async () => {
    const desk = clients.get('front desk')!.client;
    const id = crypto.randomUUID();
    const row = { tenant_id: seed.northside, id, full_name: 'Upsert Patient', phone: '+447700900777', registered_centre_id: seed.camden };
    const { error: insertError } = await desk.from('patients').insert(row);
    expect(insertError).toBeNull();
    const { data, error } = await desk.from('patients').upsert({ ...row, full_name: 'Upsert Patient-Renamed' }).select('id, full_name').single();
    expect(error).toBeNull();
    expect(data).toEqual({ id, full_name: 'Upsert Patient-Renamed' });
  });
});
