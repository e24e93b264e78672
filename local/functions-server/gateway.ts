// What the platform does in front of a function: route `/functions/v1/<name>/...`, run the
// `verify_jwt` check, and answer failures with the documented error contract: a status, a JSON
// body `{ code, message }` and the same code in an `sb-error-code` header.
// Sources: supabase.com/docs/guides/functions/error-codes, .../auth-headers, .../routing.
import { type JwkSet, verifyAsymmetricJwt, verifyHs256Jwt } from './jwt.ts';

export const functionsPathPrefix = '/functions/v1/';

/** The platform answers other methods with 405 (docs: guides/functions/status-codes). */
export const supportedMethods: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export interface FunctionRoute {
  name: string;
  /** The path the function sees: the platform strips `/functions/v1`, keeping `/<name>/...`. */
  functionPath: string;
}

export function parseFunctionRoute(pathname: string): FunctionRoute | null {
  if (!pathname.startsWith(functionsPathPrefix)) return null;
  const functionPath = pathname.slice(functionsPathPrefix.length - 1);
  const name = functionPath.split('/')[1] ?? '';
  return name === '' ? null : { name, functionPath };
}

export type GatewayErrorCode =
  | 'NOT_FOUND'
  | 'BOOT_ERROR'
  | 'WORKER_ERROR'
  | 'IDLE_TIMEOUT'
  | 'METHOD_NOT_ALLOWED'
  | 'UNAUTHORIZED_NO_AUTH_HEADER'
  | 'UNAUTHORIZED_INVALID_JWT_FORMAT'
  | 'UNAUTHORIZED_LEGACY_JWT'
  | 'UNAUTHORIZED_ASYMMETRIC_JWT'
  | 'UNAUTHORIZED_UNSUPPORTED_TOKEN_ALGORITHM';

export function gatewayError(status: number, code: GatewayErrorCode, message: string, headers: HeadersInit = {}): Response {
  const response = Response.json({ code, message }, { status, headers });
  response.headers.set('sb-error-code', code);
  return response;
}

export const gatewayErrors = {
  notFound: () => gatewayError(404, 'NOT_FOUND', 'Requested function was not found'),
  bootError: () => gatewayError(503, 'BOOT_ERROR', 'Function failed to start (please check logs)'),
  workerError: () => gatewayError(500, 'WORKER_ERROR', 'Function exited due to an error (please check logs)'),
  idleTimeout: (seconds: number) => gatewayError(504, 'IDLE_TIMEOUT', `Request idle timeout limit (${seconds}s) reached`),
  // The status is documented; the platform's body for it is not, so this one is ours.
  methodNotAllowed: (method: string) =>
    gatewayError(405, 'METHOD_NOT_ALLOWED', `Edge Functions do not support the ${method} method`, {
      allow: [...supportedMethods].join(', '),
    }),
};

const unauthorized = (code: GatewayErrorCode, message: string) => gatewayError(401, code, message);

/** What verify_jwt trusts: the legacy JWT secret (HS256) and the project's JWK Set (ES256/RS256). */
export interface VerifyJwtKeys {
  jwtSecret: string;
  jwks: JwkSet | null;
}

/**
 * The `verify_jwt` check on the Authorization header, as the CLI's edge-runtime main does it
 * (verifyHybridJWT): HS256 against the legacy secret, ES256/RS256 against the JWK Set, nothing
 * else. Returns the platform's 401 response, or null when the request may reach the function.
 * OPTIONS never gets here: preflights carry no credentials, so the platform lets them through to
 * the function's own CORS handling.
 */
export async function rejectUnauthorized(authorization: string | null, keys: VerifyJwtKeys, nowSeconds = Date.now() / 1000): Promise<Response | null> {
  if (!authorization) return unauthorized('UNAUTHORIZED_NO_AUTH_HEADER', 'Missing authorization header');
  const parts = authorization.split(' ');
  if (parts.length !== 2 || parts[0] !== 'Bearer' || !parts[1]) {
    return unauthorized('UNAUTHORIZED_INVALID_JWT_FORMAT', "Auth header is not 'Bearer {token}'");
  }
  const legacy = await verifyHs256Jwt(parts[1], keys.jwtSecret, nowSeconds);
  if (legacy.valid) return null;
  if (legacy.reason === 'malformed') return unauthorized('UNAUTHORIZED_INVALID_JWT_FORMAT', 'Invalid JWT');
  if (legacy.reason !== 'unsupported_algorithm') return unauthorized('UNAUTHORIZED_LEGACY_JWT', 'Invalid JWT');
  if (legacy.algorithm === 'ES256' || legacy.algorithm === 'RS256') {
    const asymmetric = keys.jwks ? await verifyAsymmetricJwt(parts[1], keys.jwks, nowSeconds) : null;
    return asymmetric?.valid ? null : unauthorized('UNAUTHORIZED_ASYMMETRIC_JWT', 'Invalid JWT');
  }
  return unauthorized('UNAUTHORIZED_UNSUPPORTED_TOKEN_ALGORITHM', `Unsupported JWT algorithm ${legacy.algorithm ?? '(none)'}`);
}
