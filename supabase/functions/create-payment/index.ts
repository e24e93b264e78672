// Wiring only: environment, real dependencies, Deno.serve. The logic lives in handler.ts.
// Env: SUPABASE_DB_URL (platform), the caller check's variables (_shared/caller.ts), and the keys
// of the providers this project uses (each optional; a clinic whose provider has no keys gets 503
// payments_not_configured, and nothing is opened): STRIPE_SECRET_KEY (+ STRIPE_API_BASE for
// tests), RAZORPAY_KEY_ID and RAZORPAY_KEY_SECRET (+ RAZORPAY_API_BASE for tests).
import { callerEnv, createCallerVerifier } from '../_shared/caller.ts';
import { createSql } from '../_shared/db.ts';
import { parseEnv } from '../_shared/env.ts';
import { razorpayEnv, razorpayFromEnv } from '../_shared/razorpay.ts';
import { stripeEnv, stripeFromEnv } from '../_shared/stripe.ts';
import { z } from 'zod';
import { createPaymentDatabase } from './database.ts';
import { createCreatePaymentHandler } from './handler.ts';

const env = parseEnv(callerEnv.extend({ SUPABASE_DB_URL: z.url() }).extend(stripeEnv.shape).extend(razorpayEnv.shape));

if (!env.STRIPE_SECRET_KEY && !env.RAZORPAY_KEY_ID) {
  console.error('create-payment: neither STRIPE_SECRET_KEY nor RAZORPAY_KEY_ID is set: answering 503 payments_not_configured (see docs/payments.md).');
}

Deno.serve(
  createCreatePaymentHandler({
    verifyCaller: createCallerVerifier(env),
    ...createPaymentDatabase(createSql(env.SUPABASE_DB_URL, 'slotbase-create-payment')),
    stripe: stripeFromEnv(env),
    razorpay: razorpayFromEnv(env),
    now: () => new Date(),
  }),
);
