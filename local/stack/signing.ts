// How the local stack signs access tokens and how verifiers learn the keys. Today: the legacy
// HS256 JWT secret, as `supabase start` uses by default. The interface is what asymmetric signing
// keys (ES256/RS256 with a `kid`, public keys published as a JWKS) will implement too: the token
// tool signs through `sign`, PostgREST verifies against `jwks()`.
import { signHs256 } from './keys.ts';

export interface SigningKeys {
  /** `HS256`, later `ES256` / `RS256`. */
  readonly algorithm: string;
  /** A compact JWS of the payload with the current signing key (and its `kid`, when it has one). */
  sign(payload: Record<string, unknown>): string;
  /**
   * The keys a verifier accepts, as a JWK Set. Like the CLI's ResolveJWKS: the public part of
   * every asymmetric key, plus the legacy secret as an `oct` key (which PostgREST uses for HS256).
   */
  jwks(): { keys: Array<Record<string, unknown>> };
}

export function hs256SigningKeys(secret: string): SigningKeys {
  return {
    algorithm: 'HS256',
    sign: (payload) => signHs256(payload, secret),
    jwks: () => ({ keys: [{ kty: 'oct', k: Buffer.from(secret).toString('base64url') }] }),
  };
}

/** PGRST_JWT_SECRET: PostgREST takes a JWKS as its secret. */
export function jwksForPostgrest(keys: SigningKeys): string {
  return JSON.stringify(keys.jwks());
}
