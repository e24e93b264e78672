// Wiring only: environment, real dependencies, Deno.serve. The logic lives in handler.ts.
// Env: SUPABASE_DB_URL (platform), the caller check's variables (_shared/caller.ts),
// STRIPE_SECRET_KEY (optional: without it every request answers 503 payments_not_configured),
// STRIPE_API_BASE (optional: another Stripe API host, for tests).
import { callerEnv, createCallerVerifier } from '../_shared/caller.ts';
import { createSql } from '../_shared/db.ts';
import { parseEnv } from '../_shared/env.ts';
import { createStripe, stripeApiOf } from '../_shared/stripe.ts';
import { z } from 'zod';
import { createPaymentDatabase } from './database.ts';
import { createCreatePaymentHandler } from './handler.ts';

const env = parseEnv(
  callerEnv.extend({
    SUPABASE_DB_URL: z.url(),
    STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_\S+$/).optional(),
    STRIPE_API_BASE: z.url().optional(),
  }),
);

if (!env.STRIPE_SECRET_KEY) console.error('create-payment: STRIPE_SECRET_KEY is not set: answering 503 payments_not_configured (see docs/payments.md).');

Deno.serve(
  createCreatePaymentHandler({
    verifyCaller: createCallerVerifier(env),
    ...createPaymentDatabase(createSql(env.SUPABASE_DB_URL, 'slotbase-create-payment')),
    stripe: env.STRIPE_SECRET_KEY ? stripeApiOf(createStripe({ secretKey: env.STRIPE_SECRET_KEY, apiBase: env.STRIPE_API_BASE })) : null,
    now: () => new Date(),
  }),
);
