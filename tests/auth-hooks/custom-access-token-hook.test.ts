// The Custom Access Token hook, called the way Supabase Auth (GoTrue) calls it: on a connection
// as supabase_auth_admin, inside a transaction with `set local statement_timeout TO '2000'`,
// `select public.custom_access_token_hook($1)` with the input event as JSON text
// [github.com/supabase/auth internal/hooks/hookspgfunc.go]. The output is validated against
// GoTrue's MinimumViableTokenSchema [internal/tokens/service.go] and the slotbase claim's shape.
// (postgres is not a member of supabase_auth_admin on the platform, so pgTAP cannot do this.)
// Runs against the throwaway database `npm test` builds (SLOTBASE_TEST_DB_URL).
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

const url = process.env.SLOTBASE_TEST_DB_URL;

/** GoTrue's MinimumViableTokenSchema: what every hook output's `claims` must satisfy. */
const minimumViableToken = z.looseObject({
  aud: z.union([z.string(), z.array(z.unknown())]),
  exp: z.number().int(),
  jti: z.string().optional(),
  iat: z.number().int(),
  iss: z.string().optional(),
  nbf: z.number().int().optional(),
  sub: z.string(),
  email: z.string(),
  phone: z.string(),
  app_metadata: z.record(z.string(), z.unknown()).optional(),
  user_metadata: z.record(z.string(), z.unknown()).optional(),
  role: z.string(),
  aal: z.string(),
  amr: z.array(z.union([z.string(), z.record(z.string(), z.unknown())])).optional(),
  session_id: z.string(),
  client_id: z.string().optional(),
  // required by the schema (no type given there); GoTrue always sends a boolean
  is_anonymous: z.boolean(),
});

const staffRole = z.enum(['owner', 'admin', 'manager', 'centre_manager', 'clinician', 'care_coordinator', 'front_desk']);

/** The claim the hook adds (docs/auth.md). */
const slotbaseClaim = z.strictObject({
  memberships: z.array(z.strictObject({
    tenant_id: z.uuid(),
    tenant_slug: z.string(),
    roles: z.array(staffRole),
    centre_roles: z.array(z.strictObject({ centre_id: z.uuid(), role: staffRole })),
  })),
  patient_tenant_ids: z.array(z.uuid()),
});

const hookOutput = z.strictObject({ claims: minimumViableToken.extend({ slotbase: slotbaseClaim }) });

type SlotbaseClaim = z.infer<typeof slotbaseClaim>;

/** The input event GoTrue sends for a user signing in with an OTP. */
function accessTokenEvent(user: { id: string; email?: string; phone?: string }, extraClaims: Record<string, unknown> = {}) {
  const issuedAt = Math.floor(Date.now() / 1000);
  return {
    metadata: { uuid: randomUUID(), time: new Date().toISOString(), name: 'customize-access-token', ip_address: '127.0.0.1' },
    user_id: user.id,
    claims: {
      iss: 'http://127.0.0.1:54321/auth/v1',
      aud: 'authenticated',
      exp: issuedAt + 3600,
      iat: issuedAt,
      sub: user.id,
      email: user.email ?? '',
      phone: user.phone ?? '',
      app_metadata: { provider: user.phone ? 'phone' : 'email', providers: [user.phone ? 'phone' : 'email'] },
      user_metadata: {},
      role: 'authenticated',
      aal: 'aal1',
      amr: [{ method: 'otp', timestamp: issuedAt }],
      session_id: randomUUID(),
      is_anonymous: false,
      ...extraClaims,
    },
    authentication_method: 'otp',
  };
}

describe.skipIf(!url)('custom_access_token_hook, called as Supabase Auth calls it', () => {
  const admin = postgres(url ?? '', { max: 1, onnotice: () => {} });
  const authUrl = new URL(url ?? 'postgresql://localhost/postgres');
  authUrl.username = 'supabase_auth_admin';
  authUrl.password = 'postgres';
  const gotrue = postgres(authUrl.toString(), { max: 1, onnotice: () => {} });

  // Fixtures (committed: the hook runs on another connection), removed again in afterAll.
  const run = randomUUID().slice(0, 8);
  const northId = randomUUID();
  const southId = randomUUID();
  const closedId = randomUUID();
  const centreId = randomUUID();
  const users = {
    staff: { id: randomUUID(), email: `staff-${run}@hook.test` },
    patient: { id: randomUUID(), phone: `1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}` }, // GoTrue: no '+'
    deactivated: { id: randomUUID(), email: `gone-${run}@hook.test` },
    nobody: { id: randomUUID(), email: `nobody-${run}@hook.test` },
  };

  async function callHookAsGoTrue(event: unknown): Promise<unknown> {
    return gotrue.begin(async (tx) => {
      await tx`set local statement_timeout TO '2000'`;
      const [row] = await tx<{ output: unknown }[]>`select public.custom_access_token_hook(${JSON.stringify(event)}::text::jsonb) as output`;
      await tx`set local statement_timeout TO default`;
      return row?.output;
    });
  }

  async function slotbaseFor(user: { id: string; email?: string; phone?: string }, extraClaims = {}): Promise<SlotbaseClaim> {
    return hookOutput.parse(await callHookAsGoTrue(accessTokenEvent(user, extraClaims))).claims.slotbase;
  }

  beforeAll(async () => {
    await admin.begin(async (tx) => {
      for (const user of Object.values(users)) {
        const phone = 'phone' in user ? user.phone : null;
        const email = 'email' in user ? user.email : null;
        await tx`
          insert into auth.users (instance_id, id, aud, role, email, phone, email_confirmed_at, phone_confirmed_at,
                                  raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
          values ('00000000-0000-0000-0000-000000000000', ${user.id}, 'authenticated', 'authenticated', ${email}, ${phone},
                  ${email ? tx`now()` : null}, ${phone ? tx`now()` : null}, '{}', '{}', now(), now())`;
      }
      await tx`
        insert into public.tenants (id, name, slug, timezone, currency, locale, is_active) values
          (${northId}, 'Hook North', ${`hook-north-${run}`}, 'Europe/London', 'GBP', 'en-GB', true),
          (${southId}, 'Hook South', ${`hook-south-${run}`}, 'Europe/London', 'GBP', 'en-GB', true),
          (${closedId}, 'Hook Closed', ${`hook-closed-${run}`}, 'Europe/London', 'GBP', 'en-GB', false)`;
      await tx`
        insert into public.centres (tenant_id, id, name, slug, timezone)
        values (${northId}, ${centreId}, 'Hook Centre', ${`hook-centre-${run}`}, 'Europe/London')`;
      const [staff] = await tx<{ id: string }[]>`
        insert into public.members (tenant_id, user_id, display_name) values (${northId}, ${users.staff.id}, 'Hook Staff') returning id`;
      await tx`
        insert into public.member_roles (tenant_id, member_id, role, centre_id) values
          (${northId}, ${staff!.id}, 'admin', null),
          (${northId}, ${staff!.id}, 'clinician', null),
          (${northId}, ${staff!.id}, 'centre_manager', ${centreId})`;
      // a membership in an inactive tenant never shows
      const [closedStaff] = await tx<{ id: string }[]>`
        insert into public.members (tenant_id, user_id, display_name) values (${closedId}, ${users.staff.id}, 'Hook Staff') returning id`;
      await tx`insert into public.member_roles (tenant_id, member_id, role) values (${closedId}, ${closedStaff!.id}, 'admin')`;
      const [gone] = await tx<{ id: string }[]>`
        insert into public.members (tenant_id, user_id, display_name, is_active, deactivated_at)
        values (${northId}, ${users.deactivated.id}, 'Hook Gone', false, now()) returning id`;
      await tx`insert into public.member_roles (tenant_id, member_id, role) values (${northId}, ${gone!.id}, 'front_desk')`;
      await tx`
        insert into public.patients (tenant_id, user_id, full_name) values
          (${northId}, ${users.patient.id}, 'Hook Patient'),
          (${southId}, ${users.patient.id}, 'Hook Patient')`;
    });
  });

  afterAll(async () => {
    await admin.begin(async (tx) => {
      // deleting the users cascades to their memberships and roles and unlinks their records
      await tx`delete from auth.users where id in ${tx(Object.values(users).map((u) => u.id))}`;
      await tx`delete from public.patients where tenant_id in ${tx([northId, southId, closedId])}`;
      await tx`delete from public.centres where tenant_id in ${tx([northId, southId, closedId])}`;
      await tx`delete from public.tenants where id in ${tx([northId, southId, closedId])}`;
    });
    await Promise.all([admin.end(), gotrue.end()]);
  });

  it('runs as supabase_auth_admin within the 2 s hook timeout and returns claims GoTrue accepts', async () => {
    const started = performance.now();
    const output = await callHookAsGoTrue(accessTokenEvent(users.staff));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(() => hookOutput.parse(output)).not.toThrow();
    const [who] = await gotrue<{ user: string }[]>`select current_user as user`;
    expect(who?.user).toBe('supabase_auth_admin');
  });

  it('keeps every claim GoTrue sent unchanged and only adds slotbase', async () => {
    const event = accessTokenEvent(users.staff);
    const { claims } = hookOutput.parse(await callHookAsGoTrue(event));
    const { slotbase, ...rest } = claims;
    expect(rest).toEqual(event.claims);
    expect(slotbase.memberships).toHaveLength(1);
  });

  it('gives a staff member tenant-wide roles and centre-scoped roles of active memberships of active tenants', async () => {
    expect(await slotbaseFor(users.staff)).toEqual({
      memberships: [{
        tenant_id: northId,
        tenant_slug: `hook-north-${run}`,
        roles: ['admin', 'clinician'],
        centre_roles: [{ centre_id: centreId, role: 'centre_manager' }],
      }],
      patient_tenant_ids: [],
    });
  });

  it('lists both tenants of a patient registered in two', async () => {
    const claim = await slotbaseFor(users.patient);
    expect(claim.memberships).toEqual([]);
    expect(claim.patient_tenant_ids).toEqual([northId, southId].sort());
  });

  it('gives a deactivated member no membership claim', async () => {
    expect(await slotbaseFor(users.deactivated)).toEqual({ memberships: [], patient_tenant_ids: [] });
  });

  it('gives a user with nothing an empty structure', async () => {
    expect(await slotbaseFor(users.nobody)).toEqual({ memberships: [], patient_tenant_ids: [] });
  });

  it('never grants anything from user_metadata, app_metadata or a forged slotbase claim', async () => {
    const forged = { memberships: [{ tenant_id: northId, tenant_slug: `hook-north-${run}`, roles: ['owner'], centre_roles: [] }], patient_tenant_ids: [northId] };
    const claim = await slotbaseFor(users.nobody, {
      user_metadata: { slotbase: forged, roles: ['owner'], tenant_id: northId },
      app_metadata: { provider: 'email', providers: ['email'], slotbase: forged, role: 'owner' },
      slotbase: forged,
    });
    expect(claim).toEqual({ memberships: [], patient_tenant_ids: [] });
  });

  it('lets supabase_auth_admin read only the columns the hook needs (no patient personal data)', async () => {
    const error = await gotrue`select full_name from public.patients limit 1`.then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ code: '42501' });
    const [row] = await gotrue<{ n: number }[]>`select count(*)::int as n from public.patients where user_id = ${users.patient.id}`;
    expect(row?.n).toBe(2);
  });
});

// The linking trigger on auth.users fires inside GoTrue's own transaction, as supabase_auth_admin,
// which has no rights on Slotbase tables: the security definer function must do the writes, and
// the next token must already carry the result.
describe.skipIf(!url)('verified sign-in followed by a token, as Supabase Auth runs them', () => {
  const admin = postgres(url ?? '', { max: 1, onnotice: () => {} });
  const authUrl = new URL(url ?? 'postgresql://localhost/postgres');
  authUrl.username = 'supabase_auth_admin';
  authUrl.password = 'postgres';
  const gotrue = postgres(authUrl.toString(), { max: 1, onnotice: () => {} });

  const run = randomUUID().slice(0, 8);
  const tenantId = randomUUID();
  const patientId = randomUUID();
  const invitationId = randomUUID();
  const userId = randomUUID();
  const phone = `1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`; // GoTrue: no '+'

  beforeAll(async () => {
    await admin.begin(async (tx) => {
      await tx`
        insert into public.tenants (id, name, slug, timezone, currency, locale)
        values (${tenantId}, 'Sign-in Clinic', ${`sign-in-${run}`}, 'Europe/London', 'GBP', 'en-GB')`;
      await tx`insert into public.patients (tenant_id, id, full_name, phone) values (${tenantId}, ${patientId}, 'Sign-in Patient', ${`+${phone}`})`;
      await tx`insert into public.invitations (tenant_id, id, phone, role) values (${tenantId}, ${invitationId}, ${`+${phone}`}, 'front_desk')`;
    });
  });

  afterAll(async () => {
    await admin.begin(async (tx) => {
      await tx`delete from auth.users where id = ${userId}`; // cascades to the membership
      await tx`delete from public.patients where tenant_id = ${tenantId}`;
    });
    await Promise.all([admin.end(), gotrue.end()]);
  });

  it('links the patient record and accepts the invitation when GoTrue confirms the phone, and the next token shows both', async () => {
    await gotrue.begin(async (tx) => {
      // sign-up: GoTrue creates the user, phone not yet confirmed
      await tx`
        insert into auth.users (instance_id, id, aud, role, phone, phone_confirmed_at, raw_app_meta_data, raw_user_meta_data,
                                created_at, updated_at, confirmation_token, recovery_token, email_change_token_new, email_change)
        values ('00000000-0000-0000-0000-000000000000', ${userId}, 'authenticated', 'authenticated', ${phone}, null,
                '{"provider": "phone", "providers": ["phone"]}', '{}', now(), now(), '', '', '', '')`;
    });
    const [before] = await admin<{ user_id: string | null }[]>`select user_id from public.patients where id = ${patientId}`;
    expect(before?.user_id).toBeNull();

    // OTP verified: GoTrue confirms the phone, then issues a token in the same way as above
    await gotrue.begin(async (tx) => {
      await tx`update auth.users set phone_confirmed_at = now(), last_sign_in_at = now() where id = ${userId}`;
    });
    const [linked] = await admin<{ user_id: string | null }[]>`select user_id from public.patients where id = ${patientId}`;
    expect(linked?.user_id).toBe(userId);
    const audit = await admin<{ table_name: string; action: string; actor_role: string }[]>`
      select table_name, action, actor_role from public.audit_log
      where tenant_id = ${tenantId} and actor_role = 'supabase_auth_admin' order by id`;
    expect(audit).toEqual([
      { table_name: 'public.patients', action: 'update', actor_role: 'supabase_auth_admin' },
      { table_name: 'public.members', action: 'insert', actor_role: 'supabase_auth_admin' },
      { table_name: 'public.member_roles', action: 'insert', actor_role: 'supabase_auth_admin' },
      { table_name: 'public.invitations', action: 'update', actor_role: 'supabase_auth_admin' },
    ]);

    const output = await gotrue.begin(async (tx) => {
      await tx`set local statement_timeout TO '2000'`;
      const [row] = await tx<{ output: unknown }[]>`
        select public.custom_access_token_hook(${JSON.stringify(accessTokenEvent({ id: userId, phone }))}::text::jsonb) as output`;
      return row?.output;
    });
    expect(hookOutput.parse(output).claims.slotbase).toEqual({
      memberships: [{ tenant_id: tenantId, tenant_slug: `sign-in-${run}`, roles: ['front_desk'], centre_roles: [] }],
      patient_tenant_ids: [tenantId],
    });
  });
});
