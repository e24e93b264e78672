// POST /functions/v1/create-payment: start paying for a held (pending) appointment.
//
//   body   { appointment_id, flow: 'payment_intent' | 'checkout', success_url?, cancel_url? }
//   200    { payment_id, flow, amount, amount_minor, currency, hold_expires_at,
//            client_secret (payment_intent) | checkout_url (checkout) }
//
// The database decides everything (public.open_payment, called AS THE CALLER: who may pay, whether
// the hold is still live, the amount, which payment row and idempotency key); this function only
// creates the matching Stripe object with that key and records its ids (public.attach_stripe_payment,
// as service_role). The amount never comes from the client: the body has no amount and unknown keys
// are refused. Errors: `{ code, message, hint }`; database refusals carry the SQLSTATE as `code`
// (PT404, PT409, PT429, …, the same codes PostgREST clients see) with the database's message, hint
// and `details` (the reason code, e.g. hold_expired); a 429 also carries Retry-After.
import type { ClientRequest, Claims } from '../_shared/db.ts';
import { requireUser, type VerifyCaller } from '../_shared/caller.ts';
import { corsHeaders, preflightResponse } from '../_shared/cors.ts';
import { clientRequestOf, connectionLost, databaseErrorOf, httpStatusOf } from '../_shared/db.ts';
import { databaseUnavailable, json, payloadTooLarge, type Problem, problem, readBodyText } from '../_shared/http.ts';
import { type Metadata, type StripeApi, type StripeRequestOptions, stripeFailureOf } from '../_shared/stripe.ts';
import { z } from 'zod';

export type PaymentFlow = 'payment_intent' | 'checkout';

/** What public.open_payment returns (the payments row plus what Stripe needs). */
export interface OpenedPayment {
  id: string;
  flow: PaymentFlow;
  amount: number;
  amount_minor: number;
  currency: string;
  idempotency_key: string;
  stripe_account_id: string | null;
  stripe_payment_intent_id: string | null;
  stripe_checkout_session_id: string | null;
  checkout_url: string | null;
  created_at: Date;
  description: string;
  patient_email: string | null;
  hold_expires_at: Date;
  metadata: Metadata;
}

export interface StripeIds {
  paymentIntentId: string | null;
  checkoutSessionId: string | null;
  checkoutUrl: string | null;
}

export interface CreatePaymentDependencies {
  /** Who called (_shared/caller.ts createCallerVerifier): a signed-in user's verified claims. */
  verifyCaller: VerifyCaller;
  /**
   * public.open_payment as the caller, with the client's request (so the payment rate limits
   * count it, per account and client IP); rejects with the database error.
   */
  openPayment: (claims: Claims, appointmentId: string, flow: PaymentFlow, client?: ClientRequest) => Promise<OpenedPayment>;
  /** public.attach_stripe_payment as service_role (idempotent). */
  attachStripePayment: (paymentId: string, ids: StripeIds) => Promise<void>;
  /** null when STRIPE_SECRET_KEY is not set: the function answers 503 and opens nothing. */
  stripe: StripeApi | null;
  now: () => Date;
  log?: (message: string) => void;
}

const headers = { ...corsHeaders, 'Cache-Control': 'no-store' };

/** The body is four short fields; anything near this size is not a payment request. */
const maxBodyBytes = 16 * 1024;

/** https anywhere; plain http only for local development (localhost, 127.0.0.1). */
function isAllowedReturnUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1');
  } catch {
    return false;
  }
}

const returnUrl = z.string().max(2048).refine(isAllowedReturnUrl, { message: 'must be an https URL (http only for localhost or 127.0.0.1)' });

export const createPaymentBody = z
  .strictObject({
    appointment_id: z.uuid({ message: 'must be a UUID' }),
    flow: z.enum(['payment_intent', 'checkout'], { message: "must be 'payment_intent' or 'checkout'" }),
    success_url: returnUrl.optional(),
    cancel_url: returnUrl.optional(),
  })
  .superRefine((body, context) => {
    if (body.flow !== 'checkout') return;
    for (const key of ['success_url', 'cancel_url'] as const) {
      if (!body[key]) context.addIssue({ code: 'custom', path: [key], message: 'is required for flow checkout' });
    }
  });

/** Stripe Checkout sessions live 30 minutes to 24 hours. */
const checkoutMinimumMs = 30 * 60_000;
const checkoutMaximumMs = 24 * 60 * 60_000;

/**
 * The session's expires_at (unix seconds): the hold's end, but at least Stripe's 30-minute minimum.
 * Derived from the payment's created_at, not the clock, so a retry of the same payment sends the
 * same parameters (Stripe rejects an idempotency key reused with different ones); a retry long after
 * the payment was opened has to fall back to the clock to stay above the minimum.
 */
export function checkoutExpiresAt(payment: Pick<OpenedPayment, 'created_at' | 'hold_expires_at'>, now: Date): number {
  const created = payment.created_at.getTime();
  let expires = Math.max(payment.hold_expires_at.getTime(), created + checkoutMinimumMs + 60_000);
  if (expires < now.getTime() + checkoutMinimumMs + 10_000) expires = now.getTime() + checkoutMinimumMs + 60_000;
  expires = Math.min(expires, now.getTime() + checkoutMaximumMs - 60_000);
  return Math.floor(expires / 1000);
}

function issuesOf(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
      return `${issue.path.join('.') || 'body'} ${issue.message}`;
    })
    .join('; ');
}

export function createCreatePaymentHandler({ verifyCaller, openPayment, attachStripePayment, stripe, now, log = console.error }: CreatePaymentDependencies): (request: Request) => Promise<Response> {
  return async (request) => {
    const preflight = preflightResponse(request);
    if (preflight) return preflight;
    if (request.method !== 'POST') {
      return problem(405, 'method_not_allowed', `create-payment does not accept ${request.method}.`, 'Use POST with a JSON body.', {
        headers: { ...headers, Allow: 'POST, OPTIONS' },
      });
    }
    const user = requireUser(await verifyCaller(request), 'pay for an appointment', { headers });
    if (user instanceof Response) return user;
    const { claims } = user;
    if (!stripe) {
      return problem(503, 'payments_not_configured', 'Online payment is not available right now.',
        'The server has no STRIPE_SECRET_KEY: set it in supabase/functions/.env locally or with `supabase secrets set` (see docs/payments.md).', { headers });
    }

    const text = await readBodyText(request, maxBodyBytes);
    if (text === null) return payloadTooLarge(maxBodyBytes, { headers });
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return problem(400, 'invalid_body', 'The body is not valid JSON.', 'Send a JSON object with appointment_id and flow.', { headers });
    }
    const parsed = createPaymentBody.safeParse(raw);
    if (!parsed.success) {
      return problem(400, 'invalid_request', `The request is not valid: ${issuesOf(parsed.error)}.`,
        'Send { appointment_id, flow } (and success_url, cancel_url for checkout); the amount comes from the clinic\'s prices.', { headers });
    }
    const body = parsed.data;

    let payment: OpenedPayment;
    try {
      payment = await openPayment(claims, body.appointment_id, body.flow, clientRequestOf(request, '/functions/v1/create-payment'));
    } catch (error) {
      return databaseProblem(error, log);
    }

    const options: StripeRequestOptions = {
      idempotencyKey: payment.idempotency_key,
      ...(payment.stripe_account_id ? { stripeAccount: payment.stripe_account_id } : {}),
    };
    const currency = payment.currency.toLowerCase();
    const answer = {
      payment_id: payment.id,
      flow: payment.flow,
      amount: payment.amount,
      amount_minor: payment.amount_minor,
      currency: payment.currency,
      hold_expires_at: payment.hold_expires_at.toISOString(),
    };

    try {
      if (payment.flow === 'checkout') {
        if (payment.stripe_checkout_session_id && payment.checkout_url) {
          return json(200, { ...answer, checkout_url: payment.checkout_url }, { headers });
        }
        const session = await stripe.checkout.sessions.create(
          {
            mode: 'payment',
            line_items: [{ quantity: 1, price_data: { currency, unit_amount: payment.amount_minor, product_data: { name: payment.description || 'Appointment' } } }],
            client_reference_id: payment.id,
            ...(payment.patient_email ? { customer_email: payment.patient_email } : {}),
            metadata: payment.metadata,
            payment_intent_data: {
              metadata: payment.metadata,
              ...(payment.description ? { description: payment.description } : {}),
              ...(payment.patient_email ? { receipt_email: payment.patient_email } : {}),
            },
            success_url: body.success_url as string,
            cancel_url: body.cancel_url as string,
            expires_at: checkoutExpiresAt(payment, now()),
          },
          options,
        );
        const paymentIntentId = typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id ?? null;
        await attachOrFail(attachStripePayment, payment.id, { paymentIntentId, checkoutSessionId: session.id, checkoutUrl: session.url });
        return json(200, { ...answer, checkout_url: session.url }, { headers });
      }

      const intent = payment.stripe_payment_intent_id
        ? await stripe.paymentIntents.retrieve(payment.stripe_payment_intent_id, {}, payment.stripe_account_id ? { stripeAccount: payment.stripe_account_id } : {})
        : await stripe.paymentIntents.create(
          {
            amount: payment.amount_minor,
            currency,
            ...(payment.description ? { description: payment.description } : {}),
            metadata: payment.metadata,
            ...(payment.patient_email ? { receipt_email: payment.patient_email } : {}),
            automatic_payment_methods: { enabled: true },
          },
          options,
        );
      if (!payment.stripe_payment_intent_id) {
        await attachOrFail(attachStripePayment, payment.id, { paymentIntentId: intent.id, checkoutSessionId: null, checkoutUrl: null });
      }
      return json(200, { ...answer, client_secret: intent.client_secret }, { headers });
    } catch (error) {
      if (error instanceof AttachError) return databaseProblem(error.cause, log);
      const failure = stripeFailureOf(error);
      log(`create-payment: Stripe refused or failed for payment ${payment.id}: ${failure.summary}`);
      return problem(502, 'payment_provider_error', 'The payment provider could not start this payment.',
        failure.retryable ? 'Try again in a moment: the same payment is reused.' : 'Try again later or contact the clinic; the appointment stays held until its hold expires.',
        { headers });
    }
  };
}

class AttachError extends Error {
  constructor(override readonly cause: unknown) {
    super('attach_stripe_payment failed');
  }
}

async function attachOrFail(attach: CreatePaymentDependencies['attachStripePayment'], paymentId: string, ids: StripeIds): Promise<void> {
  try {
    await attach(paymentId, ids);
  } catch (error) {
    throw new AttachError(error);
  }
}

function databaseProblem(error: unknown, log: (message: string) => void): Response {
  if (connectionLost(error)) {
    log(`create-payment: database unavailable: ${error instanceof Error ? error.message : String(error)}`);
    return databaseUnavailable({ headers });
  }
  const database = databaseErrorOf(error);
  if (database) {
    const status = database.status ?? httpStatusOf(database.code);
    if (status >= 500) log(`create-payment: database error ${database.code}: ${database.message}`);
    // The same body PostgREST answers for the same refusal, so clients branch on `details` alike;
    // the 429 of the rate limits also carries its Retry-After.
    return json(status, { code: database.code, message: database.message, hint: database.hint, details: database.details } satisfies Problem,
      { headers: { ...headers, ...database.headers } });
  }
  log(`create-payment: ${error instanceof Error ? error.message : String(error)}`);
  return problem(500, 'internal_error', 'The payment could not be started.', 'Try again in a moment.', { headers });
}
