// Every Edge Function of the project, under real Deno behind the local gateway, against every kind
// of credential: the project's keys (publishable, secret, legacy anon and service_role), a user's
// session as Auth signs it (ES256 with the local signing key) and as the legacy secret signed it
// (HS256), and forged, expired, wrong-key, wrong-issuer, wrong-audience and alg-none tokens.
// Twice: with the project's verify_jwt settings and with every setting flipped, because each
// function verifies its caller itself and must not depend on the platform's gate.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultJwtSecret, localKeys, signHs256 } from '../../local/stack/keys.ts';
import { localSigningKeys } from '../../local/stack/signing.ts';
import { newHookSecret } from '../auth-hooks/send-hook-helpers.ts';
import { newResendWebhookSecret } from '../fakes/resend.ts';
import { freePort, type FunctionsServer, repoRoot, startServer } from './server.ts';

const keys = localKeys(defaultJwtSecret);
const signer = localSigningKeys(keys);
const functionsDir = join(repoRoot, 'supabase', 'functions');
const projectConfig = join(repoRoot, 'supabase', 'config.toml');
const functionNames = readdirSync(functionsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_') && !entry.name.startsWith('.') && entry.name !== 'tests')
  .map((entry) => entry.name)
  .filter((name) => statSync(join(functionsDir, name, 'index.ts'), { throwIfNoEntry: false })?.isFile());

type Kind = 'user' | 'server' | 'public' | 'webhook';
const kindOf: Record<string, Kind> = {
  'create-payment': 'user',
  'import-file': 'user',
  'verify-razorpay-payment': 'user',
  'process-refunds': 'server',
  'dispatch-notifications': 'server',
  health: 'public',
  'stripe-webhook': 'webhook',
  'razorpay-webhook': 'webhook',
  'twilio-webhook': 'webhook',
  'resend-webhook': 'webhook',
  'send-sms-hook': 'webhook',
  'send-email-hook': 'webhook',
};

const seconds = () => Math.floor(Date.now() / 1000);
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

interface Credential {
  name: string;
  headers: Record<string, string>;
  /** What the caller is when the credential is genuine; `bad` when it must be refused. */
  is: 'user' | 'server' | 'anonymous' | 'bad';
  /** Bad, but validly signed and unexpired: the platform's verify_jwt gate lets it through (it checks no iss/aud). */
  passesTheGate?: true;
}

async function credentials(apiUrl: string): Promise<Credential[]> {
  const issuer = `${apiUrl}/auth/v1`;
  const user = (claims: Record<string, unknown> = {}) => ({ iss: issuer, sub: randomUUID(), aud: 'authenticated', role: 'authenticated', exp: seconds() + 3600, ...claims });
  const session = await signer.sign(user());
  const [header, , signature] = session.split('.');
  const attacker = await generateKeyPair('ES256', { extractable: true });
  await exportJWK(attacker.publicKey); // an ordinary key pair, nothing the project knows
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  return [
    { name: 'no credential', headers: {}, is: 'anonymous' },
    { name: 'publishable key', headers: { apikey: keys.publishableKey }, is: 'anonymous' },
    { name: 'legacy anon key', headers: { apikey: keys.anonKey, ...bearer(keys.anonKey) }, is: 'anonymous' },
    { name: 'secret key', headers: { apikey: keys.secretKey }, is: 'server' },
    { name: 'secret key in both headers (pg_net)', headers: { apikey: keys.secretKey, ...bearer(keys.secretKey) }, is: 'server' },
    { name: 'legacy service_role key', headers: bearer(keys.serviceRoleKey), is: 'server' },
    { name: 'user session (ES256, local signing key)', headers: { apikey: keys.publishableKey, ...bearer(session) }, is: 'user' },
    { name: 'user session (HS256, legacy secret)', headers: bearer(signHs256(user(), keys.jwtSecret)), is: 'user' },
    { name: 'expired session', headers: bearer(await signer.sign(user({ exp: seconds() - 60 }))), is: 'bad' },
    { name: 'session signed by another key with our kid', headers: bearer(await new SignJWT(user()).setProtectedHeader({ alg: 'ES256', kid: String(keys.signingKey.kid), typ: 'JWT' }).sign(attacker.privateKey)), is: 'bad' },
    { name: 'forged payload (service_role) under a real signature', headers: bearer(`${header}.${base64url({ role: 'service_role', exp: seconds() + 60 })}.${signature}`), is: 'bad' },
    { name: 'alg none', headers: bearer(`${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ role: 'service_role', exp: seconds() + 60 })}.`), is: 'bad' },
    { name: 'HS256 under another secret', headers: bearer(signHs256({ role: 'service_role', exp: seconds() + 60 }, 'another-secret-with-at-least-32-characters!!')), is: 'bad' },
    { name: 'session of another issuer', headers: bearer(await signer.sign(user({ iss: 'https://other-ref.supabase.co/auth/v1' }))), is: 'bad', passesTheGate: true },
    { name: 'session for another audience', headers: bearer(await signer.sign(user({ aud: 'another-api' }))), is: 'bad', passesTheGate: true },
    { name: 'unknown secret key', headers: { apikey: 'sb_secret_guessed_guessed' }, is: 'bad' },
  ];
}

/** What a function must answer for a credential: an exact status for the functions that check callers, a refusal for webhooks. */
function expected(kind: Kind, credential: Credential, gateOn: boolean): number | 'refused' {
  if (kind === 'webhook') return 'refused'; // the provider's signature is missing: never served
  // health serves everyone (GET, nothing secret; 503 degraded: no database here); only a verify_jwt
  // gate in front of it refuses
  if (kind === 'public') return gateOn && ((credential.is === 'bad' && !credential.passesTheGate) || credential.name === 'no credential') ? 401 : 503;
  if (credential.is === 'bad') return 401;
  if (kind === 'user') return credential.is === 'user' ? 503 : credential.is === 'server' ? 403 : 401; // 503: past the check, no payment provider or database here
  return credential.is === 'server' ? 503 : credential.is === 'anonymous' && credential.name === 'no credential' ? 401 : 403; // 503: past the check, no database here
}

function flippedConfig(dir: string): string {
  const flipped = readFileSync(projectConfig, 'utf8')
    .replace(/verify_jwt = (true|false)/g, (_, value: string) => `verify_jwt = ${value === 'true' ? 'false' : 'true'}`)
    .replaceAll('import_map = "./functions/deno.json"', `import_map = "${join(functionsDir, 'deno.json')}"`);
  const path = join(dir, 'config.toml');
  writeFileSync(path, flipped);
  return path;
}

for (const setting of ['the project\'s verify_jwt settings', 'every verify_jwt setting flipped'] as const) {
  describe(`every function checks its caller itself (${setting})`, { timeout: 120_000 }, () => {
    let server: FunctionsServer;
    let tempDir: string;
    const flipped = setting === 'every verify_jwt setting flipped';

    beforeAll(async () => {
      tempDir = mkdtempSync(join(tmpdir(), 'slotbase-callers-'));
      const secrets = {
        STRIPE_WEBHOOK_SECRET: 'whsec_slotbase_callers_test',
        RAZORPAY_WEBHOOK_SECRET: 'razorpay_callers_test_secret',
        TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000000',
        TWILIO_AUTH_TOKEN: 'callers-test-twilio-token',
        TWILIO_FROM: '+15005550006',
        TWILIO_API_BASE: `http://127.0.0.1:${await freePort()}`, // never reached: nothing gets past a signature check
        RESEND_WEBHOOK_SECRET: newResendWebhookSecret(),
        SEND_SMS_HOOK_SECRET: newHookSecret(),
        SEND_EMAIL_HOOK_SECRET: newHookSecret(),
      };
      const envFile = join(tempDir, 'functions.env');
      writeFileSync(envFile, Object.entries(secrets).map(([name, value]) => `${name}="${value}"`).join('\n') + '\n');
      // No database and no payment provider: a caller that passes the check gets 503 from the work behind it.
      const closedPort = await freePort();
      server = await startServer({
        functionsDir,
        config: flipped ? flippedConfig(tempDir) : projectConfig,
        envFile,
        args: ['--no-watch'],
        env: { SUPABASE_DB_URL: `postgresql://postgres:postgres@127.0.0.1:${closedPort}/postgres` },
      });
    });

    afterAll(async () => {
      await server?.stop();
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    });

    it('covers every function of supabase/functions', () => {
      expect(functionNames.sort()).toEqual(Object.keys(kindOf).sort());
    });

    it('serves each caller as it is and refuses every bad credential, with verify_jwt on or off', async () => {
      const answers: string[] = [];
      const wanted: string[] = [];
      for (const credential of await credentials(server.url(''))) {
        for (const name of functionNames) {
          const kind = kindOf[name] as Kind;
          const get = kind === 'public';
          const importing = name === 'import-file';
          const response = await fetch(server.url(`/functions/v1/${name}${importing ? `?tenant_id=${randomUUID()}&kind=patients` : ''}`), {
            method: get ? 'GET' : 'POST',
            headers: { ...credential.headers, ...(get ? {} : { 'content-type': importing ? 'text/csv' : 'application/json' }) },
            ...(get ? {} : { body: importing ? 'full_name\nAna Rao\n' : JSON.stringify({ appointment_id: randomUUID(), flow: 'payment_intent' }) }),
          });
          await response.body?.cancel();
          const want = expected(kind, credential, flipped === (kindOf[name] !== 'user'));
          const refused = response.status >= 400 && response.status < 500;
          answers.push(`${name} / ${credential.name}: ${want === 'refused' ? (refused ? 'refused' : response.status) : response.status}`);
          wanted.push(`${name} / ${credential.name}: ${want}`);
        }
      }
      expect(answers).toEqual(wanted);
    });
  });
}
