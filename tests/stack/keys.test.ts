import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiKeys, signHs256 } from '../../local/stack/keys.ts';

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
