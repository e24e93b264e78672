// Wiring only: environment, real dependencies, Deno.serve. The logic lives in handler.ts.
import { createHookCallLedger, createOtpRateLimit, createRecipientContextLookup } from '../_shared/auth-hooks.ts';
import { createSql } from '../_shared/db.ts';
import { parseEnv } from '../_shared/env.ts';
import { sendersFromEnv } from '../_shared/messaging/senders.ts';
import { createWebhookVerifier, isWebhookSecret } from '../_shared/standard-webhooks.ts';
import { z } from 'zod';
import { createSendEmailHookHandler } from './handler.ts';

// Auth gives an HTTP hook 5 s in all (its retries included) [github.com/supabase/auth
// internal/hooks/v0hooks/v0http]: record the call and look up the clinic (side by side) within
// 0.8 s and give the provider 3.5 s, so a slow provider is answered with a 503 Auth can still
// retry, not with Auth's own timeout.
const lookupTimeoutMs = 800;
const ledgerTimeoutMs = 800;
const providerTimeoutMs = 3500;

const env = parseEnv(z.object({
  SUPABASE_URL: z.url(),
  SUPABASE_DB_URL: z.url(),
  // The secret of [auth.hook.send_email] (dashboard: Authentication → Hooks): v1,whsec_<base64>.
  SEND_EMAIL_HOOK_SECRET: z.string().refine(isWebhookSecret, 'expected v1,whsec_<base64> (several separated by |)'),
}));
// Resend when its variables are set, else the dev outbox (printed to the log, NOT sent).
const senders = sendersFromEnv(Deno.env.toObject(), { timeoutMs: providerTimeoutMs });

const sql = createSql(env.SUPABASE_DB_URL, 'slotbase-send-email-hook');
// Connect now, not on the first code someone waits for.
sql`select 1`.catch(() => {});

Deno.serve(
  createSendEmailHookHandler({
    verifier: createWebhookVerifier(env.SEND_EMAIL_HOOK_SECRET),
    emailSender: senders.email,
    lookupRecipient: createRecipientContextLookup(sql, { timeoutMs: lookupTimeoutMs }),
    recordCall: createHookCallLedger(sql, { timeoutMs: ledgerTimeoutMs }),
    limitCodes: createOtpRateLimit(sql, { timeoutMs: ledgerTimeoutMs }),
    supabaseUrl: env.SUPABASE_URL,
  }),
);
