// POST /functions/v1/create-payment: start paying for a held (pending) appointment, through the
// clinic's provider.
//
//   body   { appointment_id, flow: 'payment_intent' | 'checkout', success_url?, cancel_url? }
//   200    { payment_id, provider, flow, amount, amount_minor, currency, hold_expires_at, and
//            Stripe:   client_secret (payment_intent) | checkout_url (checkout)
//            Razorpay: razorpay (Checkout options: key_id, order_id, amount, currency, name,
//                      description, prefill, notes, timeout; payment_intent) | checkout_url
//                      (the Payment Link; checkout) }
//
// The database decides everything (public.open_payment, called AS THE CALLER: who may pay, whether
// the hold is still live, the amount, which payment row, which provider); this function only
// creates the matching provider object (create-payment/stripe.ts, create-payment/razorpay.ts) and
// records its ids (public.attach_stripe_payment / attach_razorpay_payment, as service_role). The
// amount never comes from the client: the body has no amount and unknown keys are refused.
// Errors: `{ code, message, hint }`; database refusals carry the SQLSTATE as `code` (PT404, PT409,
// PT429, …, the same codes PostgREST clients see) with the database's message, hint and `details`
// (the reason code, e.g. hold_expired); a 429 also carries Retry-After.
import type { ClientRequest, Claims } from '../_shared/db.ts';
import { requireUser, type VerifyCaller } from '../_shared/caller.ts';
import { corsHeaders, preflightResponse } from '../_shared/cors.ts';
import { clientRequestOf, connectionLost, databaseErrorOf } from '../_shared/db.ts';
import { databaseProblem as sharedDatabaseProblem, json, problem, readJsonRequest } from '../_shared/http.ts';
import { type RazorpayApi, razorpayFailureOf } from '../_shared/razorpay.ts';
import type { Metadata, PaymentProvider } from '../_shared/refunds.ts';
import { type StripeApi, stripeFailureOf } from '../_shared/stripe.ts';
import { z } from 'zod';
import { startRazorpayPayment } from './razorpay.ts';
import { startStripePayment } from './stripe.ts';

export { checkoutExpiresAt } from './stripe.ts';

export type PaymentFlow = 'payment_intent' | 'checkout';

/** What public.open_payment returns (the payments row plus what the provider needs). */
export interface OpenedPayment {
  id: string;
  provider: PaymentProvider;
  flow: PaymentFlow;
  amount: number;
  amount_minor: number;
  currency: string;
  idempotency_key: string;
  stripe_account_id: string | null;
  stripe_payment_intent_id: string | null;
  stripe_checkout_session_id: string | null;
  razorpay_account_id: string | null;
  razorpay_order_id: string | null;
  razorpay_payment_link_id: string | null;
  checkout_url: string | null;
  created_at: Date;
  description: string;
  patient_email: string | null;
  patient_name: string | null;
  patient_phone: string | null;
  merchant_name: string | null;
  hold_expires_at: Date;
  metadata: Metadata;
}

export interface StripeIds {
  paymentIntentId: string | null;
  checkoutSessionId: string | null;
  checkoutUrl: string | null;
}

export interface RazorpayIds {
  orderId: string | null;
  paymentLinkId: string | null;
  paymentLinkUrl: string | null;
}

/** The options the app opens Razorpay Checkout with (its `key` is key_id). */
export interface RazorpayCheckout {
  key_id: string;
  order_id: string;
  amount: number;
  currency: string;
  name: string;
  description: string;
  prefill: { name?: string; email?: string; contact?: string };
  notes: Metadata;
  timeout: number;
}

/** The 200 answer. */
export interface PaymentAnswer {
  payment_id: string;
  provider: PaymentProvider;
  flow: PaymentFlow;
  amount: number;
  amount_minor: number;
  currency: string;
  hold_expires_at: string;
  client_secret?: string | null;
  checkout_url?: string | null;
  razorpay?: RazorpayCheckout;
}

/** open_payment opened (or found) a payment whose provider this deployment has no keys for. */
export class ProviderNotConfigured extends Error {
  override name = 'ProviderNotConfigured';
  constructor(readonly provider: PaymentProvider) {
    super(`no ${provider} keys`);
  }
}

export interface CreatePaymentDependencies {
  /** Who called (_shared/caller.ts createCallerVerifier): a signed-in user's verified claims. */
  verifyCaller: VerifyCaller;
  /**
   * public.open_payment as the caller, with the client's request (so the payment rate limits
   * count it, per account and client IP); rejects with the database error, or with
   * ProviderNotConfigured (and opens nothing) when the payment's provider is not in `providers`.
   */
  openPayment: (claims: Claims, appointmentId: string, flow: PaymentFlow, providers: PaymentProvider[], client?: ClientRequest) => Promise<OpenedPayment>;
  /** public.attach_stripe_payment as service_role (idempotent). */
  attachStripePayment: (paymentId: string, ids: StripeIds) => Promise<void>;
  /** public.attach_razorpay_payment as service_role (idempotent). */
  attachRazorpayPayment: (paymentId: string, ids: RazorpayIds) => Promise<void>;
  /** null when STRIPE_SECRET_KEY is not set. */
  stripe: StripeApi | null;
  /** null when RAZORPAY_KEY_ID / RAZORPAY_KEY_SECRET are not set. */
  razorpay?: RazorpayApi | null;
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

export type CreatePaymentBody = z.infer<typeof createPaymentBody>;

const providerKeys: Record<PaymentProvider, string> = {
  stripe: 'STRIPE_SECRET_KEY',
  razorpay: 'RAZORPAY_KEY_ID and RAZORPAY_KEY_SECRET',
};

const providerNames: Record<PaymentProvider, string> = { stripe: 'Stripe', razorpay: 'Razorpay' };

export function createCreatePaymentHandler({
  verifyCaller,
  openPayment,
  attachStripePayment,
  attachRazorpayPayment,
  stripe,
  razorpay = null,
  now,
  log = console.error,
}: CreatePaymentDependencies): (request: Request) => Promise<Response> {
  const configured: PaymentProvider[] = [...(stripe ? ['stripe' as const] : []), ...(razorpay ? ['razorpay' as const] : [])];

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
    if (configured.length === 0) {
      return problem(503, 'payments_not_configured', 'Online payment is not available right now.',
        'The server has no payment provider keys (STRIPE_SECRET_KEY, or RAZORPAY_KEY_ID and RAZORPAY_KEY_SECRET): set them in supabase/functions/.env locally or with `supabase secrets set` (see docs/payments.md).', { headers });
    }

    const body = await readJsonRequest(request, createPaymentBody, {
      maxBytes: maxBodyBytes,
      headers,
      jsonHint: 'Send a JSON object with appointment_id and flow.',
      requestHint: 'Send { appointment_id, flow } (and success_url, cancel_url for checkout); the amount comes from the clinic\'s prices.',
    });
    if (body instanceof Response) return body;

    const open = () => openPayment(claims, body.appointment_id, body.flow, configured, clientRequestOf(request, '/functions/v1/create-payment'));
    let payment: OpenedPayment;
    try {
      payment = await open();
    } catch (error) {
      if (error instanceof ProviderNotConfigured) return notConfigured(error.provider);
      return databaseProblem(error, log);
    }

    const start = (opened: OpenedPayment): Promise<Partial<PaymentAnswer>> =>
      opened.provider === 'razorpay'
        ? startRazorpayPayment(razorpay!, opened, body, (id, ids) => attachOrFail(() => attachRazorpayPayment(id, ids)), now())
        : startStripePayment(stripe!, opened, body, (id, ids) => attachOrFail(() => attachStripePayment(id, ids)), now());

    try {
      let started: Partial<PaymentAnswer>;
      try {
        started = await start(payment);
      } catch (error) {
        // A concurrent request for the same payment recorded its Razorpay object first: use that one.
        if (!(error instanceof AttachError) || payment.provider !== 'razorpay' || databaseErrorOf(error.cause)?.details !== 'provider_object_conflict') throw error;
        try {
          payment = await open();
        } catch (reopened) {
          return reopened instanceof ProviderNotConfigured ? notConfigured(reopened.provider) : databaseProblem(reopened, log);
        }
        started = await start(payment);
      }
      return json(200, { ...answerOf(payment), ...started } satisfies PaymentAnswer, { headers });
    } catch (error) {
      if (error instanceof AttachError) return databaseProblem(error.cause, log);
      const failure = payment.provider === 'razorpay' ? razorpayFailureOf(error) : stripeFailureOf(error);
      log(`create-payment: ${providerNames[payment.provider]} refused or failed for payment ${payment.id}: ${failure.summary}`);
      return problem(502, 'payment_provider_error', 'The payment provider could not start this payment.',
        failure.retryable ? 'Try again in a moment: the same payment is reused.' : 'Try again later or contact the clinic; the appointment stays held until its hold expires.',
        { headers });
    }
  };
}

function answerOf(payment: OpenedPayment): PaymentAnswer {
  return {
    payment_id: payment.id,
    provider: payment.provider,
    flow: payment.flow,
    amount: payment.amount,
    amount_minor: payment.amount_minor,
    currency: payment.currency,
    hold_expires_at: payment.hold_expires_at.toISOString(),
  };
}

function notConfigured(provider: PaymentProvider): Response {
  return problem(503, 'payments_not_configured', 'Online payment is not available right now.',
    `This clinic takes payments with ${providerNames[provider]}, and the server has no ${providerKeys[provider]}: set them in supabase/functions/.env locally or with \`supabase secrets set\` (see docs/payments.md).`,
    { headers });
}

class AttachError extends Error {
  constructor(override readonly cause: unknown) {
    super('recording the provider object failed');
  }
}

async function attachOrFail(attach: () => Promise<void>): Promise<void> {
  try {
    await attach();
  } catch (error) {
    throw new AttachError(error);
  }
}

function databaseProblem(error: unknown, log: (message: string) => void): Response {
  if (!connectionLost(error) && !databaseErrorOf(error)) {
    log(`create-payment: ${error instanceof Error ? error.message : String(error)}`);
    return problem(500, 'internal_error', 'The payment could not be started.', 'Try again in a moment.', { headers });
  }
  return sharedDatabaseProblem(error, 'create-payment', log, { headers });
}
