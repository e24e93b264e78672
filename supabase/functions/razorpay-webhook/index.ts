// Wiring only: environment, real dependencies, Deno.serve. The logic lives in handler.ts.
// Env: SUPABASE_DB_URL (platform), RAZORPAY_WEBHOOK_SECRET (the secret entered with the webhook in
// the Razorpay Dashboard), RAZORPAY_KEY_ID and RAZORPAY_KEY_SECRET (for refunds issued right after
// an event; optional: without them the cron job issues them), RAZORPAY_API_BASE (optional, tests).
import { asServiceRole, createSql } from '../_shared/db.ts';
import { parseEnv } from '../_shared/env.ts';
import { createWebhookVerifier, razorpayEnv, razorpayFromEnv, razorpayRefunds } from '../_shared/razorpay.ts';
import { createRefundQueue, runRefunds } from '../_shared/refunds.ts';
import { z } from 'zod';
import { createRazorpayWebhookHandler, type RazorpayEventOutcome } from './handler.ts';

const env = parseEnv(
  z.object({
    SUPABASE_DB_URL: z.url(),
    RAZORPAY_WEBHOOK_SECRET: z.string().regex(/^\S{8,200}$/, 'must be the webhook secret (at least 8 characters, no spaces)'),
  }).extend(razorpayEnv.shape),
);

const sql = createSql(env.SUPABASE_DB_URL, 'slotbase-razorpay-webhook');
const razorpay = razorpayFromEnv(env);
const queue = createRefundQueue(sql);

Deno.serve(
  createRazorpayWebhookHandler({
    verify: createWebhookVerifier(env.RAZORPAY_WEBHOOK_SECRET),
    handleEvent: (eventId, event) =>
      asServiceRole(sql, async (tx) => {
        const [row] = await tx<{ result: RazorpayEventOutcome }[]>`select public.handle_razorpay_event(${eventId}::text, ${tx.json(event as never)}::jsonb) as result`;
        return row!.result;
      }),
    issueRefunds: (refundIds) =>
      razorpay
        ? runRefunds({ queue, senders: { razorpay: razorpayRefunds(razorpay) }, refundIds })
        : Promise.reject(new Error('RAZORPAY_KEY_ID / RAZORPAY_KEY_SECRET are not set')),
  }),
);
