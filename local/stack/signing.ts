// How the local stack signs access tokens, and which keys verifiers learn. By default as the pinned
// CLI's `supabase start` runs GoTrue: ES256 with the local signing key, its `kid` in the header
// (GoTrue's SignJWT: alg, kid, typ). The legacy HS256 signer stays for tests that need a token of
// the legacy JWT secret (still trusted: it is in every verifier's JWK Set).
import { importJWK, type JWTPayload, SignJWT } from 'jose';
import { type JwkSet, type LocalKeys, secretJwk, signHs256 } from './keys.ts';

export interface SigningKeys {
  /** `ES256` (the local signing key) or `HS256` (the legacy JWT secret). */
  readonly algorithm: string;
  /** A compact JWS of the payload with the current signing key (and its `kid`, when it has one). */
  sign(payload: Record<string, unknown>): Promise<string>;
  /** The keys a verifier accepts, as a JWK Set (like the CLI's ResolveJWKS). */
  jwks(): JwkSet;
}

/** GoTrue's signer under `supabase start`: the local ES256 key; verifiers trust it and the legacy secret. */
export function localSigningKeys(keys: LocalKeys): SigningKeys {
  const kid = String(keys.signingKey.kid);
  const alg = String(keys.signingKey.alg);
  // WebCrypto imports a private key for signing only (the JWK's key_ops also name verify).
  let privateKey: Promise<CryptoKey | Uint8Array> | undefined;
  return {
    algorithm: alg,
    sign: async (payload) => {
      privateKey ??= importJWK({ ...keys.signingKey, key_ops: ['sign'] }, alg);
      return new SignJWT(payload as JWTPayload).setProtectedHeader({ alg, kid, typ: 'JWT' }).sign(await privateKey);
    },
    jwks: () => keys.jwks,
  };
}

/** Tokens of the legacy JWT secret (what projects issued before signing keys). */
export function hs256SigningKeys(secret: string): SigningKeys {
  return {
    algorithm: 'HS256',
    sign: (payload) => Promise.resolve(signHs256(payload, secret)),
    jwks: () => ({ keys: [secretJwk(secret)] }),
  };
}

/** PGRST_JWT_SECRET: PostgREST takes a JWK Set as its secret. */
export function jwksForPostgrest(keys: SigningKeys): string {
  return JSON.stringify(keys.jwks());
}
