// Who called a function. With verify_jwt = true the gateway (hosted, and local/functions-server)
// has already verified the token's signature and expiry before the function runs, so the function
// only reads the claims. Functions with verify_jwt = false must not use this: they verify their
// provider's signature instead.
import { fromBase64Url } from './crypto.ts';
import type { Claims } from './db.ts';

/** The verified caller's claims from `Authorization: Bearer <jwt>`, or null when absent/unreadable. */
export function callerClaims(request: Request): Claims | null {
  const match = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(request.headers.get('authorization') ?? '');
  if (!match) return null;
  try {
    const payload = fromBase64Url(match[2] as string);
    if (!payload) return null;
    const claims = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
    return typeof claims.role === 'string' ? (claims as Claims) : null;
  } catch {
    return null;
  }
}

/** True when the caller used the service_role key (scheduled jobs, other server code). */
export function isServiceRole(claims: Claims | null): boolean {
  return claims?.role === 'service_role';
}
