import { createHmac } from 'node:crypto';
import { createLocalJWKSet, decodeProtectedHeader, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { apiKeys, localKeys, platformEnvironment, signHs256 } from '../../local/stack/keys.ts';
import { jwksForPostgrest, localSigningKeys } from '../../local/stack/signing.ts';

const localSecret = 'super-secret-jwt-token-with-at-least-32-characters-long';

describe('local API keys', () => {
  it('are the well-known keys that `supabase start` prints for the local JWT secret', () => {
    // Published in Supabase's local development docs and printed by every `supabase start`.
    expect(apiKeys(localSecret)).toEqual({
      anonKey:
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0',
      serviceRoleKey:
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU',
    });
  });

  it('change with the secret, so a custom SUPABASE_JWT_SECRET yields keys that verify against it', () => {
    const { anonKey } = apiKeys('another-secret-that-is-at-least-32-characters');
    expect(anonKey).not.toBe(apiKeys(localSecret).anonKey);
    const [header, payload, signature] = anonKey.split('.');
    const expected = createHmac('sha256', 'another-secret-that-is-at-least-32-characters').update(`${header}.${payload}`).digest('base64url');
    expect(signature).toBe(expected);
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toEqual({ iss: 'supabase-demo', role: 'anon', exp: 1983812996 });
  });

  it('encode the header and payload as unpadded base64url JSON', () => {
    const token = signHs256({ sub: 'ü?>' }, localSecret);
    expect(token).not.toMatch(/[=+/]/);
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
  });
});

describe('today\'s keys of the local stack (as the pinned CLI\'s `supabase start` has them)', () => {
  const keys = localKeys(localSecret);

  it('the CLI\'s publishable and secret keys, and its ES256 signing key with kid b81269f1-…', () => {
    expect(keys.publishableKey).toBe('sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH');
    expect(keys.secretKey).toBe('sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz');
    expect(keys.signingKey).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', kid: 'b81269f1-21d8-4f2e-b719-c2240a840d90' });
  });

  it('Auth publishes only the public half; verifiers also trust the legacy secret as an `oct` key', () => {
    expect(keys.publicJwks.keys).toHaveLength(1);
    expect(keys.publicJwks.keys[0]).not.toHaveProperty('d');
    expect(keys.publicJwks.keys[0]).toMatchObject({ kid: keys.signingKey.kid, use: 'sig', key_ops: ['verify'], x: keys.signingKey.x, y: keys.signingKey.y });
    expect(keys.jwks.keys).toEqual([keys.publicJwks.keys[0], { kty: 'oct', k: Buffer.from(localSecret).toString('base64url') }]);
    expect(JSON.parse(jwksForPostgrest(localSigningKeys(keys)))).toEqual(keys.jwks);
  });

  it('tokens are signed as GoTrue signs them (ES256, kid, typ) and verify against the published keys only', async () => {
    const token = await localSigningKeys(keys).sign({ role: 'authenticated', sub: 'u', exp: Math.floor(Date.now() / 1000) + 60 });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES256', kid: keys.signingKey.kid, typ: 'JWT' });
    const { payload } = await jwtVerify(token, createLocalJWKSet(keys.publicJwks as never));
    expect(payload.sub).toBe('u');
    const other = await generateKeyPair('ES256', { extractable: true });
    const otherProject = { keys: [{ ...(await exportJWK(other.publicKey)), kid: keys.signingKey.kid, alg: 'ES256' }] };
    await expect(jwtVerify(token, createLocalJWKSet(otherProject as never))).rejects.toThrow('signature verification failed');
  });

  it('the platform\'s variables for the gateway and the functions', () => {
    expect(platformEnvironment(keys)).toEqual({
      SUPABASE_ANON_KEY: keys.anonKey,
      SUPABASE_SERVICE_ROLE_KEY: keys.serviceRoleKey,
      SUPABASE_PUBLISHABLE_KEYS: '{"default":"sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH"}',
      SUPABASE_SECRET_KEYS: '{"default":"sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz"}',
      SUPABASE_JWKS: JSON.stringify(keys.jwks),
      SUPABASE_JWT_SECRET: localSecret,
    });
  });
});
