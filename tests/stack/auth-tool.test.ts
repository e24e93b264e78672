// The dev/test tool that stands in for GoTrue's writes (local/stack/auth-tool.ts): users as the
// admin API stores them, sessions as a one-time-code sign-in issues them, with the project's
// Custom Access Token hook run as supabase_auth_admin. Against the throwaway test database.
import { createHmac, randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { connectAsAuthAdmin, createUser, customAccessTokenHook, mintSession, sessionStorage } from '../../local/stack/auth-tool.ts';
import { hs256SigningKeys, localSigningKeys } from '../../local/stack/signing.ts';
import { localKeys } from '../../local/stack/keys.ts';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';

const url = process.env.SLOTBASE_TEST_DB_URL;
const secret = 'super-secret-jwt-token-with-at-least-32-characters-long';
const apiUrl = 'http://127.0.0.1:54321';

const decode = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

describe('the Custom Access Token hook of config.toml', () => {
  it('is public.custom_access_token_hook, called as a pg-functions hook', () => {
    expect(customAccessTokenHook()).toBe('public.custom_access_token_hook');
    expect(customAccessTokenHook('[auth.hook.custom_access_token]\nenabled = false\nuri = "pg-functions://postgres/public/x"\n')).toBeNull();
    expect(() => customAccessTokenHook('[auth.hook.custom_access_token]\nenabled = true\nuri = "https://x"\n')).toThrow(/pg-functions/);
  });
});

describe.skipIf(!url)('users and sessions as GoTrue writes them', () => {
  const authAdmin = connectAsAuthAdmin(Number(new URL(url ?? 'postgresql://x:1/x').port));
  const sql = postgres(url ?? '', { max: 1, onnotice: () => {} });
  const email = `Tool-${randomBytes(4).toString('hex')}@Example.test`;
  afterAll(async () => {
    await authAdmin.end({ timeout: 1 });
    await sql.end({ timeout: 1 });
  });

  it('createUser stores the user, its identity, role, provider metadata and the confirmation like the admin API', async () => {
    const id = await createUser(authAdmin, { email, emailConfirm: true, userMetadata: { full_name: 'Tool User' } });
    const [user] = await sql`select aud, role, email, phone, email_confirmed_at is not null as confirmed, raw_app_meta_data, raw_user_meta_data, encrypted_password
                             from auth.users where id = ${id}`;
    expect(user).toEqual({
      aud: 'authenticated', role: 'authenticated', email: email.toLowerCase(), phone: null, confirmed: true,
      raw_app_meta_data: { provider: 'email', providers: ['email'] },
      raw_user_meta_data: { full_name: 'Tool User', email_verified: true },
      encrypted_password: '',
    });
    const identities = await sql`select provider, provider_id, identity_data, email from auth.identities where user_id = ${id}`;
    expect(identities).toEqual([{ provider: 'email', provider_id: id, email: email.toLowerCase(), identity_data: { sub: id, email: email.toLowerCase(), email_verified: false, phone_verified: false } }]);
    await expect(createUser(authAdmin, { email })).rejects.toThrow('A user with this email address has already been registered');
    await expect(createUser(authAdmin, {})).rejects.toThrow('Cannot create a user without either an email or phone');
    await expect(createUser(authAdmin, { phone: '+0123' })).rejects.toThrow(/E\.164/);
  });

  it('mintSession issues GoTrue\'s claims through the hook, signed HS256, with an auth.sessions row', async () => {
    const session = await mintSession(authAdmin, { email }, { apiUrl, signingKeys: hs256SigningKeys(secret) });
    const [header, payload, signature] = session.access_token.split('.');
    expect(createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url')).toBe(signature);
    const claims = decode(session.access_token);
    expect(Object.keys(claims).sort()).toEqual(
      ['aal', 'amr', 'app_metadata', 'aud', 'email', 'exp', 'iat', 'is_anonymous', 'iss', 'phone', 'role', 'session_id', 'slotbase', 'sub', 'user_metadata'],
    );
    expect(claims).toMatchObject({
      iss: `${apiUrl}/auth/v1`, aud: 'authenticated', role: 'authenticated', email: email.toLowerCase(), phone: '', aal: 'aal1',
      sub: session.user.id, is_anonymous: false, slotbase: { memberships: [], patient_tenant_ids: [] },
    });
    expect(claims.exp).toBe(session.expires_at);
    expect(session.expires_in).toBe(3600);
    expect((claims.amr as Array<{ method: string }>)[0]!.method).toBe('otp');
    const [row] = await sql`select user_id, aal::text, user_agent from auth.sessions where id = ${claims.session_id as string}`;
    expect(row).toEqual({ user_id: session.user.id, aal: 'aal1', user_agent: 'slotbase-token-tool' });
    const [signIn] = await sql`select last_sign_in_at is not null as signed_in from auth.users where id = ${session.user.id}`;
    expect(signIn?.signed_in).toBe(true);
    // a supabase-js storage holding it, under the given key
    const { storage } = sessionStorage(session, 'k');
    expect(JSON.parse(storage.getItem('k')!).access_token).toBe(session.access_token);
  });

  it('mintSession signs with the local signing key by default as `npm run token` does: ES256 with its kid, verifiable with the published JWKS', async () => {
    const keys = localKeys(secret);
    const session = await mintSession(authAdmin, { email }, { apiUrl, signingKeys: localSigningKeys(keys) });
    expect(decodeProtectedHeader(session.access_token)).toEqual({ alg: 'ES256', kid: keys.signingKey.kid, typ: 'JWT' });
    const { payload } = await jwtVerify(session.access_token, createLocalJWKSet(keys.publicJwks as never), { issuer: `${apiUrl}/auth/v1`, audience: 'authenticated' });
    expect(payload.sub).toBe(session.user.id);
  });

  it('a one-time-code sign-in confirms the phone it was sent to; banned users are refused', async () => {
    const phone = `+4477009${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
    const id = await createUser(authAdmin, { phone });
    const [before] = await sql`select phone_confirmed_at from auth.users where id = ${id}`;
    expect(before!.phone_confirmed_at).toBeNull();
    const session = await mintSession(authAdmin, { phone }, { apiUrl, signingKeys: hs256SigningKeys(secret) });
    expect(decode(session.access_token).phone).toBe(phone.slice(1));
    const [after] = await sql`select phone_confirmed_at from auth.users where id = ${id}`;
    expect(after!.phone_confirmed_at).not.toBeNull();
    await authAdmin`update auth.users set banned_until = now() + interval '1 hour' where id = ${id}`;
    await expect(mintSession(authAdmin, { id }, { apiUrl, signingKeys: hs256SigningKeys(secret) })).rejects.toThrow('User is banned');
    await expect(mintSession(authAdmin, { email: 'nobody@nowhere.test' }, { apiUrl, signingKeys: hs256SigningKeys(secret) })).rejects.toThrow(/no user/);
  });
});
