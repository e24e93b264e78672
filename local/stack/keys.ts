// The local anon and service_role API keys: HS256 JWTs over the local JWT secret, with the same
// claims as the keys `supabase start` prints (issuer "supabase-demo", expiry 2032-10-19).
import { createHmac } from 'node:crypto';

function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString('base64url');
}

export function signHs256(payload: Record<string, unknown>, secret: string): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = base64url(JSON.stringify(payload));
  const signature = createHmac('sha256', secret).update(`${header}.${body}`).digest();
  return `${header}.${body}.${base64url(signature)}`;
}

const demoKeyExpiry = 1983812996;

export function apiKeys(secret: string): { anonKey: string; serviceRoleKey: string } {
  return {
    anonKey: signHs256({ iss: 'supabase-demo', role: 'anon', exp: demoKeyExpiry }, secret),
    serviceRoleKey: signHs256({ iss: 'supabase-demo', role: 'service_role', exp: demoKeyExpiry }, secret),
  };
}
