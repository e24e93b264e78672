// Stripe for the payment functions (create-payment, stripe-webhook, process-refunds): the SDK client,
// the narrow slice of its API the functions use (so handlers can be tested with plain fakes), how a
// Stripe failure is classified, and how one refund is sent (the worker is _shared/refunds.ts).
// Every rule and state change lives in SQL (docs/payments.md); this file only moves data between
// the database and Stripe.
import Stripe from 'stripe';
import { z } from 'zod';
import { sendOnce } from './provider-fetch.ts';
import { type Metadata, refundMetadata, type RefundResultStatus, type RefundSender } from './refunds.ts';

export { Stripe };

export interface StripeClientOptions {
  /** `sk_test_…` / `sk_live_…` / restricted `rk_…` (STRIPE_SECRET_KEY). */
  secretKey: string;
  /**
   * Base URL of the Stripe API (STRIPE_API_BASE), e.g. `http://127.0.0.1:12111` for the tests' fake
   * or stripe-mock. Unset: https://api.stripe.com.
   */
  apiBase?: string;
  /** Automatic retries of network errors, 409 and 5xx, with the same idempotency key (SDK default 1). */
  maxNetworkRetries?: number;
  /** Per-request timeout; the SDK's default (80 s) is longer than a function request should wait. */
  timeoutMs?: number;
}

/**
 * A Stripe client that works in Deno and the edge runtime: fetch for HTTP (sendOnce: the runtime
 * never repeats a call; the SDK's own retries reuse the idempotency key), WebCrypto for webhook
 * signatures. With `apiBase` the SDK talks to that host instead of api.stripe.com.
 */
export function createStripe({ secretKey, apiBase, maxNetworkRetries = 1, timeoutMs = 20_000 }: StripeClientOptions): Stripe {
  const config: Stripe.StripeConfig = {
    httpClient: Stripe.createFetchHttpClient(sendOnce as typeof fetch),
    maxNetworkRetries,
    timeout: timeoutMs,
    appInfo: { name: 'slotbase' },
  };
  if (apiBase) {
    const url = new URL(apiBase);
    config.protocol = url.protocol === 'http:' ? 'http' : 'https';
    config.host = url.hostname;
    config.port = url.port || (url.protocol === 'http:' ? '80' : '443');
  }
  return new Stripe(secretKey, config);
}

/**
 * The API key's variables (each optional; functions extend their schema with it): the secret or
 * restricted key, and for tests another API base URL.
 */
export const stripeEnv = z.object({
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_\S+$/).optional(),
  STRIPE_API_BASE: z.url().optional(),
});

/** The client for the key of the environment, seen through StripeApi; null without a key. */
export function stripeFromEnv(env: z.infer<typeof stripeEnv>): StripeApi | null {
  return env.STRIPE_SECRET_KEY ? stripeApiOf(createStripe({ secretKey: env.STRIPE_SECRET_KEY, apiBase: env.STRIPE_API_BASE })) : null;
}

/** The crypto provider `constructEventAsync` needs outside Node (WebCrypto HMAC-SHA256). */
export const webhookCryptoProvider = Stripe.createSubtleCryptoProvider();

// ---------------------------------------------------------------------------------------------
// The part of the Stripe API the functions call. The real client satisfies it (stripeApiOf);
// unit tests pass fakes.

/** Per-request options: the idempotency key and, for Connect, the connected account (`Stripe-Account`). */
export interface StripeRequestOptions {
  idempotencyKey?: string;
  stripeAccount?: string;
}

export interface StripePaymentIntent {
  id: string;
  client_secret: string | null;
  status: string;
}

export interface StripeCheckoutSession {
  id: string;
  url: string | null;
  payment_intent: string | { id: string } | null;
}

export interface StripeRefund {
  id: string;
  status: string | null;
}

export type { Metadata };

export interface PaymentIntentParams {
  amount: number;
  currency: string;
  description?: string;
  metadata: Metadata;
  receipt_email?: string;
  automatic_payment_methods: { enabled: true };
}

export interface CheckoutSessionParams {
  mode: 'payment';
  line_items: Array<{ quantity: 1; price_data: { currency: string; unit_amount: number; product_data: { name: string } } }>;
  client_reference_id: string;
  customer_email?: string;
  metadata: Metadata;
  payment_intent_data: { metadata: Metadata; description?: string; receipt_email?: string };
  success_url: string;
  cancel_url: string;
  expires_at: number;
}

export interface RefundParams {
  payment_intent: string;
  amount: number;
  metadata: Metadata;
}

export interface StripeApi {
  paymentIntents: {
    create(params: PaymentIntentParams, options?: StripeRequestOptions): Promise<StripePaymentIntent>;
    retrieve(id: string, params?: Record<string, never>, options?: StripeRequestOptions): Promise<StripePaymentIntent>;
  };
  checkout: { sessions: { create(params: CheckoutSessionParams, options?: StripeRequestOptions): Promise<StripeCheckoutSession> } };
  refunds: { create(params: RefundParams, options?: StripeRequestOptions): Promise<StripeRefund> };
}

/** The real client, seen through the slice above. */
export function stripeApiOf(stripe: Stripe): StripeApi {
  return stripe as unknown as StripeApi;
}

// ---------------------------------------------------------------------------------------------
// Failures

/**
 * What a failed Stripe call means for the caller:
 * - `retryable`: nothing reached Stripe or Stripe could not finish (network error, timeout, 409
 *   lock conflict, 429 rate limit, 5xx): the same request with the same idempotency key may succeed later;
 * - otherwise Stripe refused the request (4xx: card declined, invalid request, permission,
 *   idempotency key reused with other parameters): repeating it will not help.
 * `summary` is safe to log and to store (type, code, status, Stripe's message; never the key).
 */
export interface StripeFailure {
  retryable: boolean;
  status: number | null;
  type: string;
  code: string | null;
  summary: string;
}

const transportErrorTypes = new Set(['StripeConnectionError', 'StripeAPIError', 'StripeRateLimitError']);

export function stripeFailureOf(error: unknown): StripeFailure {
  const e = (error ?? {}) as { type?: unknown; statusCode?: unknown; code?: unknown; message?: unknown; name?: unknown };
  const type = typeof e.type === 'string' ? e.type : typeof e.name === 'string' ? e.name : 'Error';
  const status = typeof e.statusCode === 'number' ? e.statusCode : null;
  const code = typeof e.code === 'string' ? e.code : null;
  const message = typeof e.message === 'string' ? e.message : String(error);
  // No HTTP status: the request did not complete (connection error, timeout, or not a Stripe error
  // at all, e.g. a fetch TypeError). With a status: Stripe answered; only 409/429/5xx are transient.
  const retryable = status === null ? transportErrorTypes.has(type) || !type.startsWith('Stripe') : status === 409 || status === 429 || status >= 500;
  const summary = [type, code, status === null ? null : `HTTP ${status}`, message.slice(0, 300)].filter(Boolean).join(': ');
  return { retryable, status, type, code, summary };
}

// ---------------------------------------------------------------------------------------------
// Refunds: how the refund worker (_shared/refunds.ts runRefunds) sends one Stripe refund.

/** Stripe's refund status -> what record_refund_result expects. */
export function refundResultOf(stripeStatus: string | null): RefundResultStatus {
  if (stripeStatus === 'succeeded') return 'succeeded';
  if (stripeStatus === 'failed' || stripeStatus === 'canceled') return 'failed';
  return 'pending'; // pending, requires_action: Stripe reports the end through refund.updated
}

/**
 * Sends a claimed refund to Stripe: `POST /v1/refunds { payment_intent, amount, metadata }` with
 * its idempotency key (`refund:<id>`) and `Stripe-Account` for connected accounts. A refusal
 * (4xx) is `failed`; no usable answer (network, timeout, 409, 429, 5xx after the SDK's one
 * retry) is `retry`; a payment without its PaymentIntent id yet is `retry`.
 */
export function stripeRefunds(stripe: Pick<StripeApi, 'refunds'>): RefundSender {
  return async (refund) => {
    if (!refund.stripe_payment_intent_id) {
      // Nothing to refund against yet (e.g. the PaymentIntent id has not arrived): try later.
      return { outcome: 'retry', providerRefundId: null, error: 'the payment has no Stripe PaymentIntent id yet' };
    }
    try {
      const created = await stripe.refunds.create(
        { payment_intent: refund.stripe_payment_intent_id, amount: Number(refund.amount_minor), metadata: refundMetadata(refund) },
        { idempotencyKey: refund.idempotency_key, ...(refund.stripe_account_id ? { stripeAccount: refund.stripe_account_id } : {}) },
      );
      const outcome = refundResultOf(created.status);
      return { outcome, providerRefundId: created.id, error: outcome === 'failed' ? `Stripe answered refund status ${created.status}` : null };
    } catch (caught) {
      const failure = stripeFailureOf(caught);
      return { outcome: failure.retryable ? 'retry' : 'failed', providerRefundId: null, error: failure.summary };
    }
  };
}
