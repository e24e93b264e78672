// Wiring only: environment, real dependencies, Deno.serve. The logic lives in handler.ts.
// Env: SUPABASE_DB_URL (platform), the caller check's variables (_shared/caller.ts),
// RAZORPAY_KEY_ID and RAZORPAY_KEY_SECRET (optional: without them 503 payments_not_configured),
// RAZORPAY_API_BASE (optional, tests).
import { callerEnv, createCallerVerifier } from '../_shared/caller.ts';
import { asCaller, asServiceRole, createSql } from '../_shared/db.ts';
import { parseEnv } from '../_shared/env.ts';
import { createCheckoutVerifier, razorpayEnv, razorpayFromEnv } from '../_shared/razorpay.ts';
import { z } from 'zod';
import { type ConfirmOutcome, createVerifyRazorpayPaymentHandler, type VisiblePayment } from './handler.ts';

const env = parseEnv(callerEnv.extend({ SUPABASE_DB_URL: z.url() }).extend(razorpayEnv.shape));

const sql = createSql(env.SUPABASE_DB_URL, 'slotbase-verify-razorpay-payment');
const razorpay = razorpayFromEnv(env);
const verifySignature = env.RAZORPAY_KEY_SECRET ? createCheckoutVerifier(env.RAZORPAY_KEY_SECRET) : () => Promise.resolve(false);

if (!razorpay) console.error('verify-razorpay-payment: RAZORPAY_KEY_ID / RAZORPAY_KEY_SECRET are not set: answering 503 payments_not_configured (see docs/payments.md).');

Deno.serve(
  createVerifyRazorpayPaymentHandler({
    verifyCaller: createCallerVerifier(env),
    readPayment: (claims, paymentId) =>
      asCaller(sql, claims, async (tx) => {
        const [row] = await tx<VisiblePayment[]>`
          select p.id, p.provider::text as provider, p.flow::text as flow, p.razorpay_order_id from public.payments as p where p.id = ${paymentId}::uuid`;
        return row ?? null;
      }),
    confirm: (paymentId, payment) =>
      asServiceRole(sql, async (tx) => {
        const [row] = await tx<{ result: ConfirmOutcome }[]>`select public.confirm_razorpay_payment(${paymentId}::uuid, ${tx.json(payment as never)}::jsonb) as result`;
        return row!.result;
      }),
    verifySignature,
    razorpay,
  }),
);
