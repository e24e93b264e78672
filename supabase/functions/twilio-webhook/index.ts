// Wiring only: environment, real dependencies, Deno.serve. The logic lives in handler.ts.
import { createSql } from '../_shared/db.ts';
import { parseEnv } from '../_shared/env.ts';
import { createDeliveryStore } from '../_shared/messaging/store.ts';
import { z } from 'zod';
import { createTwilioWebhookHandler } from './handler.ts';

const env = parseEnv(z.object({
  SUPABASE_DB_URL: z.url(),
  TWILIO_AUTH_TOKEN: z.string().min(1),
  TWILIO_WEBHOOK_URL: z.url().optional(),
}));
const sql = createSql(env.SUPABASE_DB_URL, 'slotbase-twilio-webhook');

Deno.serve(createTwilioWebhookHandler({ ...createDeliveryStore(sql), authToken: env.TWILIO_AUTH_TOKEN, webhookUrl: env.TWILIO_WEBHOOK_URL }));
