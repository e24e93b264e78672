// Wiring only: environment, real dependencies, Deno.serve. The logic lives in handler.ts.
// Env: SUPABASE_DB_URL (platform), STRIPE_WEBHOOK_SECRET (the endpoint's whsec_… signing secret),
// STRIPE_SECRET_KEY (for refunds issued right after an event; optional: without it the cron job
// issues them), STRIPE_API_BASE (optional, tests).
import { asServiceRole, createSql } from '../_shared/db.ts';
import { parseEnv } from '../_shared/env.ts';
import { createRefundQueue, runRefunds } from '../_shared/refunds.ts';
import { Stripe, stripeEnv, stripeFromEnv, stripeRefunds, webhookCryptoProvider } from '../_shared/stripe.ts';
import { z } from 'zod';
import { createStripeWebhookHandler, type StripeEventOutcome } from './handler.ts';

const env = parseEnv(
  z.object({
    SUPABASE_DB_URL: z.url(),
    STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_\S+$/),
  }).extend(stripeEnv.shape),
);

const sql = createSql(env.SUPABASE_DB_URL, 'slotbase-stripe-webhook');
const stripe = stripeFromEnv(env);
const queue = createRefundQueue(sql);

Deno.serve(
  createStripeWebhookHandler({
    verify: (payload, signature) => Stripe.webhooks.constructEventAsync(payload, signature, env.STRIPE_WEBHOOK_SECRET, undefined, webhookCryptoProvider),
    handleEvent: (event) =>
      asServiceRole(sql, async (tx) => {
        const [row] = await tx<{ result: StripeEventOutcome }[]>`select public.handle_stripe_event(${tx.json(event as never)}::jsonb) as result`;
        return row!.result;
      }),
    issueRefunds: (refundIds) =>
      stripe
        ? runRefunds({ queue, senders: { stripe: stripeRefunds(stripe) }, refundIds })
        : Promise.reject(new Error('STRIPE_SECRET_KEY is not set')),
  }),
);
