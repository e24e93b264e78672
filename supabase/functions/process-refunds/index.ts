// Wiring only: environment, real dependencies, Deno.serve. The logic lives in handler.ts and
// runRefunds (_shared/refunds.ts).
// Env: SUPABASE_DB_URL (platform), the caller check's variables (_shared/caller.ts), and the keys
// of the providers this project uses (without any: 503 and nothing is claimed; refunds of a
// provider without keys wait): STRIPE_SECRET_KEY (+ STRIPE_API_BASE for tests), RAZORPAY_KEY_ID
// and RAZORPAY_KEY_SECRET (+ RAZORPAY_API_BASE for tests).
import { callerEnv, createCallerVerifier } from '../_shared/caller.ts';
import { createSql } from '../_shared/db.ts';
import { parseEnv } from '../_shared/env.ts';
import { razorpayEnv, razorpayFromEnv, razorpayRefunds } from '../_shared/razorpay.ts';
import { createRefundQueue, type RefundSenders, runRefunds } from '../_shared/refunds.ts';
import { stripeEnv, stripeFromEnv, stripeRefunds } from '../_shared/stripe.ts';
import { z } from 'zod';
import { createProcessRefundsHandler } from './handler.ts';

const env = parseEnv(callerEnv.extend({ SUPABASE_DB_URL: z.url() }).extend(stripeEnv.shape).extend(razorpayEnv.shape));

const queue = createRefundQueue(createSql(env.SUPABASE_DB_URL, 'slotbase-process-refunds'));
const stripe = stripeFromEnv(env);
const razorpay = razorpayFromEnv(env);
const senders: RefundSenders = {
  ...(stripe ? { stripe: stripeRefunds(stripe) } : {}),
  ...(razorpay ? { razorpay: razorpayRefunds(razorpay) } : {}),
};

Deno.serve(
  createProcessRefundsHandler({
    verifyCaller: createCallerVerifier(env),
    configured: Object.keys(senders).length > 0,
    run: () => runRefunds({ queue, senders, batchSize: 10, timeBudgetMs: 20_000 }),
  }),
);
