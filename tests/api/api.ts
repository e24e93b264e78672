// What tests/api share: the Data API of `npm test`'s throwaway stack (the gateway in front of real
// PostgREST 12.0.2, started by local/stack/test.ts), supabase-js clients for anon, service_role
// and signed-in users (sessions minted as GoTrue would, local/stack/auth-tool.ts), and the seed's
// cast (supabase/seed.sql).
import { randomBytes, randomUUID } from 'node:crypto';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import type { Database } from '../../types/database.ts';
import { type CreateUserInput, connectAsAuthAdmin, createUser, mintSession, sessionStorage, type UserRef } from '../../local/stack/auth-tool.ts';
import { stackKeys } from '../../local/stack/config.ts';
import { localSigningKeys } from '../../local/stack/signing.ts';

export const env = {
  apiUrl: process.env.SLOTBASE_TEST_API_URL ?? '',
  restUrl: process.env.SLOTBASE_TEST_REST_URL ?? '',
  anonKey: process.env.SLOTBASE_TEST_ANON_KEY ?? '',
  serviceRoleKey: process.env.SLOTBASE_TEST_SERVICE_ROLE_KEY ?? '',
  publishableKey: process.env.SLOTBASE_TEST_PUBLISHABLE_KEY ?? '',
  secretKey: process.env.SLOTBASE_TEST_SECRET_KEY ?? '',
  dbUrl: process.env.SLOTBASE_TEST_DB_URL ?? '',
};

/** tests/api need the Data API that `npm test` starts; `npx vitest` alone skips them (and says why). */
export const apiMissing = !env.apiUrl || !env.dbUrl;
if (apiMissing && process.env.SLOTBASE_TEST_DB_URL) {
  process.stdout.write('tests/api skipped: SLOTBASE_TEST_API_URL is not set (PostgREST is not running for this test database)\n');
}

export const seed = {
  northside: 'b0000000-0000-4000-8000-000000000001',
  harbor: 'b0000000-0000-4000-8000-000000000002',
  camden: 'c0000000-0000-4000-8000-000000000001',
  islington: 'c0000000-0000-4000-8000-000000000002',
  gp: '92000000-0000-4000-8000-000000000001',
  dermatology: '92000000-0000-4000-8000-000000000003',
  staffHealthCheck: '92000000-0000-4000-8000-000000000005',
  priya: 'f0000000-0000-4000-8000-000000000001',
  owen: 'f0000000-0000-4000-8000-000000000002',
  lena: 'f0000000-0000-4000-8000-000000000003',
  samPatient: '90000000-0000-4000-8000-000000000001',
  kwamePatient: '90000000-0000-4000-8000-000000000003',
  amira: 'amira.haddad@northside.test', // owner
  daniel: 'daniel.okafor@northside.test', // admin
  tom: 'tom.reid@northside.test', // centre manager, Camden
  priyaUser: 'priya.nair@northside.test', // clinician
  leo: 'leo.martins@northside.test', // front desk, Camden
  rosa: 'rosa.alvarez@harborfamily.test', // owner of the other tenant
  sam: '+447700900001', // patient with a phone account
} as const;

/** Node 20 has no WebSocket; Realtime is not served locally anyway, and nothing here joins a channel. */
class NoSocket {
  constructor() {
    throw new Error('tests/api do not open WebSockets: Realtime is not available locally');
  }
}

type Client = SupabaseClient<Database>;

/**
 * A client address of its own for every test client, as Cloudflare sets it in front of a hosted
 * project (cf-connecting-ip): the rate limits count per address (docs/rate-limits.md), and test
 * clients are different devices, not one. Addresses from 198.18.0.0/15, the benchmarking range.
 */
export const newClientIp = (): string => `198.${18 + Math.floor(Math.random() * 2)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;

function client(key: string, auth: Record<string, unknown> = {}, clientIp = newClientIp()): Client {
  return createClient<Database>(env.apiUrl, key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false, ...auth },
    global: { headers: { 'cf-connecting-ip': clientIp } },
    realtime: { transport: NoSocket as never },
  });
}

export const anon = (clientIp?: string): Client => client(env.anonKey, {}, clientIp);
export const serviceRole = (clientIp?: string): Client => client(env.serviceRoleKey, {}, clientIp);

let authAdmin: postgres.Sql | undefined;
function auth(): postgres.Sql {
  authAdmin ??= connectAsAuthAdmin(Number(new URL(env.dbUrl).port));
  return authAdmin;
}

export async function closeAuthConnection(): Promise<void> {
  await authAdmin?.end({ timeout: 1 });
  authAdmin = undefined;
}

/** A user as GoTrue's admin API creates it (confirmed by default). */
export function newUser(input: Partial<CreateUserInput> = {}): Promise<string> {
  return createUser(auth(), {
    email: input.phone ? undefined : `api-${randomBytes(5).toString('hex')}@example.test`,
    emailConfirm: true,
    phoneConfirm: true,
    ...input,
  });
}

/** A fresh E.164 phone number (+44 77009 and six random digits). */
export const newPhone = (): string => `+4477009${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;

/** A supabase-js client holding a session for `who`, as an app of a returning, signed-in user. */
export async function signedIn(who: UserRef, clientIp?: string): Promise<{ supabase: Client; userId: string; accessToken: string }> {
  // As Auth signs it under `supabase start`: ES256 with the local signing key, checked by PostgREST against the JWKS.
  const session = await mintSession(auth(), who, { apiUrl: env.apiUrl, signingKeys: localSigningKeys(stackKeys) });
  const { storage, storageKey } = sessionStorage(session, `sb-test-${session.user.id}`);
  const supabase = client(env.anonKey, { persistSession: true, storage, storageKey }, clientIp);
  return { supabase, userId: session.user.id, accessToken: session.access_token };
}

/** Seed user by e-mail or phone. */
export const as = (who: string) => signedIn(who.startsWith('+') ? { phone: who } : { email: who });

/** A window of whole days starting `fromDays` days from now (UTC midnight), `days` long. */
export function window(fromDays: number, days: number): { from: string; to: string } {
  const start = new Date();
  start.setUTCHours(0, 0, 0, 0);
  start.setUTCDate(start.getUTCDate() + fromDays);
  const end = new Date(start);
  end.setUTCDate(end.getUTCDate() + days);
  return { from: start.toISOString(), to: end.toISOString() };
}

/** A raw fetch to the gateway (status codes and headers as a client sees them). */
export function api(path: string, init: RequestInit & { key?: string; token?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has('apikey')) headers.set('apikey', init.key ?? env.anonKey);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  return fetch(`${env.apiUrl}${path}`, { ...init, headers });
}

/** A clinician of Northside at Camden (London) and a service only they offer, for a test's own slots. */
export interface OwnClinic {
  clinicianId: string;
  serviceId: string;
  remove: () => Promise<void>;
}

/**
 * Creates (as postgres) a public clinician working `hours` at Camden on the dates of `rrule` from
 * `validFrom`, and a public service only they offer; `remove()` deletes both again.
 */
export async function ownClinic(sql: postgres.Sql, options: {
  name: string; service: string; durationMinutes: number; alignmentMinutes: number; horizon: string;
  hours: [string, string]; rrule: string; validFrom: string;
}): Promise<OwnClinic> {
  const clinicianId = randomUUID();
  const serviceId = randomUUID();
  await sql`insert into public.clinicians (tenant_id, id, display_name, is_public, is_active)
            values (${seed.northside}, ${clinicianId}, ${options.name}, true, true)`;
  await sql`insert into public.clinician_centres (tenant_id, clinician_id, centre_id) values (${seed.northside}, ${clinicianId}, ${seed.camden})`;
  await sql`insert into public.services (tenant_id, id, name, duration_minutes, min_booking_notice, max_booking_horizon,
                                         slot_alignment_minutes, price, currency, is_public, is_active)
            values (${seed.northside}, ${serviceId}, ${options.service}, ${options.durationMinutes}, '0', ${options.horizon},
                    ${options.alignmentMinutes}, 20, 'GBP', true, true)`;
  await sql`insert into public.clinician_services (tenant_id, clinician_id, service_id) values (${seed.northside}, ${clinicianId}, ${serviceId})`;
  await sql`insert into public.availability_rules (tenant_id, clinician_id, centre_id, local_start, local_end, rrule, valid_from)
            values (${seed.northside}, ${clinicianId}, ${seed.camden}, ${options.hours[0]}, ${options.hours[1]}, ${options.rrule}, ${options.validFrom})`;
  return {
    clinicianId,
    serviceId,
    remove: async () => {
      await sql`delete from public.availability_rules where clinician_id = ${clinicianId}`;
      await sql`delete from public.clinician_services where service_id = ${serviceId}`;
      await sql`delete from public.services where id = ${serviceId}`;
      await sql`delete from public.clinician_centres where clinician_id = ${clinicianId}`;
      await sql`delete from public.clinicians where id = ${clinicianId}`;
    },
  };
}
