// Shared by the Send SMS / Send Email hook tests: hook secrets, requests signed the way Supabase
// Auth signs them (Standard Webhooks, reference library), and the functions server's files.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import type { Sql } from 'postgres';
import type { HookCallLedger, HookName } from '../../supabase/functions/_shared/auth-hooks.ts';
import { databaseFaults } from '../fakes/database-faults.ts';
import { repoRoot } from '../functions-server/server.ts';

const projectConfig = join(repoRoot, 'supabase', 'config.toml');

/** public.record_auth_hook_call in memory, for handler units: true the first time a (hook, id) is seen. */
export function memoryLedger(): HookCallLedger & { calls: Array<[string, string]> } {
  const seen = new Set<string>();
  const calls: Array<[string, string]> = [];
  const ledger = (hook: string, webhookId: string) => {
    calls.push([hook, webhookId]);
    const key = `${hook}/${webhookId}`;
    const first = !seen.has(key);
    seen.add(key);
    return Promise.resolve(first);
  };
  return Object.assign(ledger, { calls });
}

/**
 * Sends a hook call while the test holds an uncommitted row for its webhook-id, so the function's
 * recording of the call waits for it, and terminates the function's backend then: the function
 * loses its connection in the middle of a statement. Resolves with the function's answer.
 */
export async function callLosingItsConnection(admin: Sql, hook: HookName, functionName: string, webhookId: string, send: () => Promise<Response>): Promise<Response> {
  let answer: Promise<Response> | undefined;
  await admin.begin(async (tx) => {
    await tx`insert into private.auth_hook_calls (hook, webhook_id) values (${hook}, ${webhookId})`;
    answer = send();
    await databaseFaults(admin).terminateWhileWaiting(functionName);
    throw new RolledBack();
  }).catch((error: unknown) => {
    if (!(error instanceof RolledBack)) throw error;
  });
  return answer!;
}

class RolledBack extends Error {}

/** A hook secret as the dashboard generates it: v1,whsec_<base64 of 32 random bytes>. */
export function newHookSecret(): string {
  return `v1,whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * Headers as Supabase Auth sends them [github.com/supabase/auth internal/hooks/v0hooks/v0http]:
 * Standard Webhooks over the exact body, key = the base64 part of the secret.
 */
export function signHook(secret: string, body: string, { id = randomUUID(), at = new Date() } = {}): Record<string, string> {
  const signature = new Webhook(secret.replace('v1,whsec_', '')).sign(id, at, body);
  return { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature };
}

/**
 * The project's own supabase/config.toml (it must declare the hooks with verify_jwt = false: Auth
 * sends no JWT) and an env file with `secrets` (the functions server hands functions only
 * SUPABASE_* variables of its own environment; everything else comes from the env file, like
 * `supabase secrets set`).
 */
export function hookServerFiles(secrets: Record<string, string>): { config: string; envFile: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'slotbase-hook-'));
  const envFile = join(dir, 'functions.env');
  writeFileSync(envFile, Object.entries(secrets).map(([name, value]) => `${name}="${value}"`).join('\n') + '\n');
  return { config: projectConfig, envFile, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
