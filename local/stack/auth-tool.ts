// A DEV/TEST TOOL, not an auth server: GoTrue does not run without Docker, so tests and local
// development get users and sessions the way GoTrue would write and issue them, straight in the
// database, connected as GoTrue's own role `supabase_auth_admin`:
//
// - createUser(): what GoTrue's admin API (POST /auth/v1/admin/users) stores: the user, one
//   identity per e-mail/phone, role and app_metadata, then the confirmation(s), in one transaction
//   (so the auth.users triggers of our migrations see the same inserts and updates).
// - mintSession(): what a successful one-time-code sign-in returns: the address is confirmed (as
//   verifying the code does), an auth.sessions row, GoTrue's access-token claims, the Custom
//   Access Token hook of config.toml run as supabase_auth_admin with GoTrue's 2 s statement
//   timeout, its output checked against GoTrue's minimum claim schema, signed as GoTrue signs under
//   `supabase start`: ES256 with the local signing key and its kid (local/stack/signing.ts).
//
// Sources: supabase/auth internal/api/admin.go (adminUserCreate), internal/models/user.go,
// identity.go, sessions.go (NewSession, CalculateAALAndAMR), internal/tokens/service.go
// (GenerateAccessToken, validateTokenClaims, SignJWT), internal/hooks/v0hooks (claims and hook
// input), internal/hooks/hookspgfunc (the pg-functions call).
//
// What it cannot do: refresh tokens (there is no auth.refresh_tokens and no /token endpoint; the
// refresh_token in a session is a placeholder), passwords (nothing here could check one), MFA.
import { randomBytes, randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { readConfigToml, tomlTable } from './config-toml.ts';
import { StackError } from './log.ts';
import type { SigningKeys } from './signing.ts';

type Sql = postgres.Sql;
type Json = Record<string, unknown>;

/** GoTrue's AMR entry. */
export interface AmrEntry {
  method: string;
  timestamp: number;
}

/** The user object GoTrue returns with a session (and supabase-js keeps in it). */
export interface AuthUser {
  id: string;
  aud: string;
  role: string;
  email: string;
  phone: string;
  email_confirmed_at?: string;
  phone_confirmed_at?: string;
  confirmed_at?: string;
  last_sign_in_at?: string;
  app_metadata: Json;
  user_metadata: Json;
  identities: Json[];
  created_at: string;
  updated_at: string;
  is_anonymous: boolean;
}

/** GoTrue's AccessTokenResponse, the shape supabase-js stores as its session. */
export interface AuthSession {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  expires_at: number;
  refresh_token: string;
  user: AuthUser;
}

export type UserRef = { email: string } | { phone: string } | { id: string };

/** GoTrue stores e-mail lowercased and phone as E.164 digits without '+'. */
function normalisePhone(phone: string): string {
  const digits = phone.replace(/[\s()-]/g, '').replace(/^\+/, '');
  if (!/^[1-9][0-9]{1,14}$/.test(digits)) throw new StackError(`Invalid phone number format (E.164 required): ${phone}`);
  return digits;
}

/** A postgres.js connection as GoTrue's role (LOGIN, password `postgres` in the local stack). */
export function connectAsAuthAdmin(dbPort: number): Sql {
  return postgres(`postgresql://supabase_auth_admin:postgres@127.0.0.1:${dbPort}/postgres`, { max: 2, onnotice: () => {} });
}

export interface CreateUserInput {
  email?: string;
  phone?: string;
  id?: string;
  emailConfirm?: boolean;
  phoneConfirm?: boolean;
  userMetadata?: Json;
  appMetadata?: Json;
  /** default `authenticated` (GoTrue's JWT default group) */
  role?: string;
}

/** As GoTrue's admin API creates a user; returns its id. Errors as GoTrue words them. */
export async function createUser(authAdmin: Sql, input: CreateUserInput): Promise<string> {
  const email = input.email?.trim().toLowerCase() || null;
  const phone = input.phone ? normalisePhone(input.phone) : null;
  if (!email && !phone) throw new StackError('Cannot create a user without either an email or phone');
  const id = input.id ?? randomUUID();
  const providers = [...(email ? ['email'] : []), ...(phone ? ['phone'] : [])];
  return authAdmin.begin(async (tx) => {
    if (email) {
      const [taken] = await tx`select 1 from auth.users where lower(email) = ${email} and is_sso_user = false and aud = 'authenticated'`;
      if (taken) throw new StackError('A user with this email address has already been registered');
    }
    if (phone) {
      const [taken] = await tx`select 1 from auth.users where phone = ${phone} and aud = 'authenticated'`;
      if (taken) throw new StackError('Phone number already registered by another user');
    }
    const userMetadata = input.userMetadata ?? {};
    // tx.Create(user): every column of GoTrue's model, role still empty
    await tx`
      insert into auth.users (instance_id, id, aud, role, email, encrypted_password, phone,
        confirmation_token, recovery_token, email_change_token_new, email_change, phone_change, phone_change_token,
        email_change_token_current, reauthentication_token, raw_app_meta_data, raw_user_meta_data,
        is_sso_user, is_anonymous, created_at, updated_at)
      values ('00000000-0000-0000-0000-000000000000', ${id}, 'authenticated', '', ${email}, '', ${phone},
        '', '', '', '', '', '', '', '',
        ${tx.json({ provider: providers[0]!, providers })}, ${tx.json(userMetadata as postgres.JSONValue)},
        false, false, now(), now())`;
    for (const provider of providers) {
      const data = provider === 'email'
        ? { sub: id, email, email_verified: false, phone_verified: false }
        : { sub: id, phone, email_verified: false, phone_verified: false };
      await tx`
        insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
        values (${id}, ${id}, ${tx.json(data as postgres.JSONValue)}, ${provider}, now(), now(), now())`;
    }
    await tx`update auth.users set role = ${input.role ?? 'authenticated'}, updated_at = now() where id = ${id}`;
    if (input.appMetadata) {
      await tx`update auth.users set raw_app_meta_data = raw_app_meta_data || ${tx.json(input.appMetadata as postgres.JSONValue)}, updated_at = now() where id = ${id}`;
    }
    if (input.emailConfirm && email) await confirm(tx, id, 'email');
    if (input.phoneConfirm && phone) await confirm(tx, id, 'phone');
    return id;
  });
}

/** user.Confirm / user.ConfirmPhone (the Confirm of an e-mail also marks it verified in user_metadata). */
async function confirm(tx: postgres.TransactionSql, id: string, what: 'email' | 'phone'): Promise<void> {
  if (what === 'email') {
    await tx`update auth.users set confirmation_token = '', email_confirmed_at = now(), updated_at = now() where id = ${id}`;
    await tx`update auth.users set raw_user_meta_data = coalesce(raw_user_meta_data, '{}') || '{"email_verified": true}', updated_at = now() where id = ${id}`;
  } else {
    await tx`update auth.users set confirmation_token = '', phone_confirmed_at = now(), updated_at = now() where id = ${id}`;
  }
}

export interface MintOptions {
  /** The project URL; GoTrue's issuer is `<API_EXTERNAL_URL>/auth/v1`. */
  apiUrl: string;
  signingKeys: SigningKeys;
  /** seconds, default [auth] jwt_expiry of config.toml (3600) */
  expiresIn?: number;
  /** `otp` (default: the project's sign-in) or `password` */
  authenticationMethod?: 'otp' | 'password';
  userAgent?: string;
}

interface UserRow {
  id: string;
  aud: string | null;
  role: string | null;
  email: string | null;
  phone: string | null;
  email_confirmed_at: Date | null;
  phone_confirmed_at: Date | null;
  confirmed_at: Date | null;
  last_sign_in_at: Date | null;
  raw_app_meta_data: Json | null;
  raw_user_meta_data: Json | null;
  created_at: Date | null;
  updated_at: Date | null;
  is_anonymous: boolean;
  banned_until: Date | null;
  deleted_at: Date | null;
}

/** The Custom Access Token hook of config.toml: `public.custom_access_token_hook`, or null when disabled. */
export function customAccessTokenHook(configToml = readConfigToml()): string | null {
  const hook = tomlTable(configToml, 'auth.hook.custom_access_token');
  if (hook.enabled !== true || typeof hook.uri !== 'string') return null;
  const match = /^pg-functions:\/\/[^/]+\/([a-z_][a-z0-9_]*)\/([a-z_][a-z0-9_]*)$/.exec(hook.uri);
  if (!match) throw new StackError(`[auth.hook.custom_access_token] uri must be pg-functions://postgres/<schema>/<function>, got ${hook.uri}`);
  return `${match[1]}.${match[2]}`;
}

function jwtExpiry(configToml = readConfigToml()): number {
  const value = tomlTable(configToml, 'auth').jwt_expiry;
  return typeof value === 'number' ? value : 3600;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : undefined);

/** Required claims of GoTrue's MinimumViableTokenSchema, with their JSON types. */
function checkHookClaims(claims: unknown): asserts claims is Json {
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw new StackError('the access token hook returned no claims object');
  const c = claims as Json;
  const problems: string[] = [];
  for (const key of ['aud', 'exp', 'iat', 'sub', 'email', 'phone', 'role', 'aal', 'session_id', 'is_anonymous']) {
    if (!(key in c)) problems.push(`${key} is required`);
  }
  const typed: Record<string, (v: unknown) => boolean> = {
    aud: (v) => typeof v === 'string' || Array.isArray(v),
    exp: Number.isInteger, iat: Number.isInteger, nbf: Number.isInteger,
    jti: (v) => typeof v === 'string', iss: (v) => typeof v === 'string', sub: (v) => typeof v === 'string',
    email: (v) => typeof v === 'string', phone: (v) => typeof v === 'string', role: (v) => typeof v === 'string',
    aal: (v) => typeof v === 'string', session_id: (v) => typeof v === 'string', client_id: (v) => typeof v === 'string',
    app_metadata: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
    user_metadata: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
    amr: Array.isArray,
  };
  for (const [key, ok] of Object.entries(typed)) if (key in c && !ok(c[key])) problems.push(`${key} has the wrong type`);
  if (problems.length > 0) throw new StackError(`output claims do not conform to the expected schema:\n- ${problems.join('\n- ')}`);
}

/**
 * Signs `who` in as a one-time-code sign-in through GoTrue would, and returns the session. The
 * user must exist (createUser, the seed); a banned or deleted user is refused like GoTrue does.
 */
export async function mintSession(authAdmin: Sql, who: UserRef, options: MintOptions): Promise<AuthSession> {
  const configToml = readConfigToml();
  const hook = customAccessTokenHook(configToml);
  const expiresIn = options.expiresIn ?? jwtExpiry(configToml);
  const method = options.authenticationMethod ?? 'otp';
  return authAdmin.begin(async (tx) => {
    const [found] = 'id' in who
      ? await tx<UserRow[]>`select * from auth.users where id = ${who.id}`
      : 'email' in who
        ? await tx<UserRow[]>`select * from auth.users where lower(email) = ${who.email.trim().toLowerCase()} and is_sso_user = false`
        : await tx<UserRow[]>`select * from auth.users where phone = ${normalisePhone(who.phone)}`;
    if (!found || found.deleted_at) throw new StackError(`no user ${JSON.stringify(who)} in auth.users (create one with createUser, or use a seed user)`);
    if (found.banned_until && found.banned_until > new Date()) throw new StackError('User is banned');
    // Verifying a one-time code confirms the address it was sent to.
    if (method === 'otp' && 'email' in who && !found.email_confirmed_at) await confirm(tx, found.id, 'email');
    if (method === 'otp' && 'phone' in who && !found.phone_confirmed_at) await confirm(tx, found.id, 'phone');
    const sessionId = randomUUID();
    await tx`
      insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, refreshed_at)
      values (${sessionId}, ${found.id}, now(), now(), 'aal1', ${options.userAgent ?? 'slotbase-token-tool'}, now() at time zone 'utc')`;
    await tx`update auth.users set last_sign_in_at = now(), updated_at = now() where id = ${found.id}`;
    const [user] = await tx<UserRow[]>`select * from auth.users where id = ${found.id}`;
    const identities = await tx<Json[]>`
      select id as identity_id, provider_id as id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at, email
      from auth.identities where user_id = ${found.id} order by created_at`;
    const u = user!;
    const now = Math.floor(Date.now() / 1000);
    const expiresAt = now + expiresIn;
    let claims: Json = {
      iss: `${options.apiUrl.replace(/\/$/, '')}/auth/v1`,
      sub: u.id,
      aud: u.aud ?? '',
      exp: expiresAt,
      iat: now,
      email: u.email ?? '',
      phone: u.phone ?? '',
      app_metadata: u.raw_app_meta_data,
      user_metadata: u.raw_user_meta_data,
      role: u.role ?? '',
      aal: 'aal1',
      amr: [{ method, timestamp: now }] satisfies AmrEntry[],
      session_id: sessionId,
      is_anonymous: u.is_anonymous,
    };
    if (hook) {
      const input = {
        metadata: { uuid: randomUUID(), time: new Date().toISOString(), name: 'customize-access-token' },
        user_id: u.id,
        claims,
        authentication_method: method,
      };
      // hookspgfunc: statement_timeout 2 s around `select <hook>(input)`, in GoTrue's transaction
      await tx.unsafe(`set local statement_timeout to '2000'`);
      const [row] = await tx.unsafe<Array<{ output: Json | null }>>(`select ${hook}($1) as output`, [tx.json(input as postgres.JSONValue)]);
      await tx.unsafe('set local statement_timeout to default');
      const output = row?.output ?? null;
      const error = output?.error as { message?: string; http_code?: number } | undefined;
      if (error?.message) throw new StackError(`the access token hook refused the sign-in (${error.http_code ?? 400}): ${error.message}`);
      if (!output || !('claims' in output)) throw new StackError('the access token hook output has no "claims" field');
      checkHookClaims(output.claims);
      claims = output.claims;
    }
    return {
      access_token: await options.signingKeys.sign(claims),
      token_type: 'bearer' as const,
      expires_in: expiresIn,
      expires_at: expiresAt,
      refresh_token: randomBytes(9).toString('base64url'),
      user: {
        id: u.id,
        aud: u.aud ?? '',
        role: u.role ?? '',
        email: u.email ?? '',
        phone: u.phone ?? '',
        ...(u.email_confirmed_at ? { email_confirmed_at: iso(u.email_confirmed_at) } : {}),
        ...(u.phone_confirmed_at ? { phone_confirmed_at: iso(u.phone_confirmed_at) } : {}),
        ...(u.confirmed_at ? { confirmed_at: iso(u.confirmed_at) } : {}),
        ...(u.last_sign_in_at ? { last_sign_in_at: iso(u.last_sign_in_at) } : {}),
        app_metadata: u.raw_app_meta_data ?? {},
        user_metadata: u.raw_user_meta_data ?? {},
        identities,
        created_at: iso(u.created_at) ?? '',
        updated_at: iso(u.updated_at) ?? '',
        is_anonymous: u.is_anonymous,
      },
    };
  });
}

/**
 * supabase-js `auth.storage` holding `session`, as a returning user's app has it: the client
 * signs its requests with the access token and getSession() returns it, without calling GoTrue.
 * Use with `{ auth: { storage, storageKey, autoRefreshToken: false, detectSessionInUrl: false } }`.
 */
export function sessionStorage(session: AuthSession, storageKey: string): {
  storageKey: string;
  storage: { getItem(key: string): string | null; setItem(key: string, value: string): void; removeItem(key: string): void };
} {
  const items = new Map<string, string>([[storageKey, JSON.stringify(session)]]);
  return {
    storageKey,
    storage: {
      getItem: (key) => items.get(key) ?? null,
      setItem: (key, value) => void items.set(key, value),
      removeItem: (key) => void items.delete(key),
    },
  };
}
