// Wiring only: environment, real dependencies, Deno.serve. The logic lives in handler.ts and
// runRefunds (_shared/stripe.ts).
// Env: SUPABASE_DB_URL (platform), the caller check's variables (_shared/caller.ts),
// STRIPE_SECRET_KEY (optional: without it 503 and nothing is claimed), STRIPE_API_BASE (optional, tests).
import { callerEnv, createCallerVerifier } from '../_shared/caller.ts';
import { createSql } from '../_shared/db.ts';
import { parseEnv } from '../_shared/env.ts';
import { createRefundQueue, createStripe, runRefunds, stripeApiOf } from '../_shared/stripe.ts';
import { z } from 'zod';
import { createProcessRefundsHandler } from './handler.ts';

const env = parseEnv(
  callerEnv.extend({
    SUPABASE_DB_URL: z.url(),
    STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_\S+$/).optional(),
    STRIPE_API_BASE: z.url().optional(),
  }),
);

const queue = createRefundQueue(createSql(env.SUPABASE_DB_URL, 'slotbase-process-refunds'));
const stripe = env.STRIPE_SECRET_KEY ? stripeApiOf(createStripe({ secretKey: env.STRIPE_SECRET_KEY, apiBase: env.STRIPE_API_BASE })) : null;

Deno.serve(
  createProcessRefundsHandler({
    verifyCaller: createCallerVerifier(env),
    configured: stripe !== null,
    run: () => runRefunds({ queue, stripe: stripe!, batchSize: 10, timeBudgetMs: 20_000 }),
  }),
);
