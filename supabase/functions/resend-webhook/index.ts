// Wiring only: environment, real dependencies, Deno.serve. The logic lives in handler.ts.
import { createSql } from '../_shared/db.ts';
import { parseEnv } from '../_shared/env.ts';
import { createDeliveryStore } from '../_shared/messaging/store.ts';
import { createWebhookVerifier } from '../_shared/standard-webhooks.ts';
import { z } from 'zod';
import { createResendWebhookHandler } from './handler.ts';

const env = parseEnv(z.object({
  SUPABASE_DB_URL: z.url(),
  RESEND_WEBHOOK_SECRET: z.string().startsWith('whsec_'),
}));
const sql = createSql(env.SUPABASE_DB_URL, 'slotbase-resend-webhook');

Deno.serve(createResendWebhookHandler({ ...createDeliveryStore(sql), verifier: createWebhookVerifier(env.RESEND_WEBHOOK_SECRET) }));
