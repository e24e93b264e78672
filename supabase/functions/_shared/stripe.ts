// Stripe for the payment functions (create-payment, stripe-webhook, process-refunds): the SDK client,
// the narrow slice of its API the functions use (so handlers can be tested with plain fakes), how a
// Stripe failure is classified, and the refund worker both process-refunds and the webhook run.
// Every rule and state change lives in SQL (docs/payments.md); this file only moves data between
// the database and Stripe.
import Stripe from 'stripe';
import { asServiceRole, type Sql } from './db.ts';
import { sendOnce } from './provider-fetch.ts';

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

export type Metadata = Record<string, string>;

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
// Refunds: claim (SQL) -> create at Stripe -> record (SQL). Used by process-refunds and, right
// after a webhook created refunds, by stripe-webhook.

/** One row of public.claim_refunds (docs/payments.md, Database). */
export interface ClaimedRefund {
  refund_id: string;
  tenant_id: string | null;
  amount_minor: number;
  currency: string;
  stripe_payment_intent_id: string | null;
  stripe_account_id: string | null;
  idempotency_key: string;
  metadata: Metadata;
}

export type RefundResultStatus = 'succeeded' | 'pending' | 'failed' | 'retry';

export interface RefundQueue {
  /** Claims due refunds; with `refundIds` only those (when due). */
  claim(maxCount: number, refundIds?: string[]): Promise<ClaimedRefund[]>;
  record(refundId: string, stripeRefundId: string | null, status: RefundResultStatus, error: string | null): Promise<void>;
}

export interface RefundRunSummary {
  claimed: number;
  succeeded: number;
  submitted: number;
  failed: number;
  retried: number;
}

export interface RefundRunOptions {
  queue: RefundQueue;
  stripe: Pick<StripeApi, 'refunds'>;
  /** Rows per claim. */
  batchSize?: number;
  /** Stop claiming new batches after this long (the request has a wall-clock limit). */
  timeBudgetMs?: number;
  /** Claim only these refunds, once (the webhook's best-effort run for the refunds an event created). */
  refundIds?: string[];
  now?: () => number;
  log?: (message: string) => void;
}

/** Stripe's refund status -> what record_refund_result expects. */
export function refundResultOf(stripeStatus: string | null): RefundResultStatus {
  if (stripeStatus === 'succeeded') return 'succeeded';
  if (stripeStatus === 'failed' || stripeStatus === 'canceled') return 'failed';
  return 'pending'; // pending, requires_action: Stripe reports the end through refund.updated
}

/**
 * Issues claimed refunds until nothing is claimable (or the time budget is spent). Each refund is
 * created with its own idempotency key (`refund:<id>`), so a crash after Stripe answered and
 * before the result was recorded only means the next run gets the same refund back from Stripe.
 * A refund whose result cannot be recorded stays claimed until its lease ends, then is retried.
 */
export async function runRefunds({
  queue,
  stripe,
  batchSize = 10,
  timeBudgetMs = 20_000,
  refundIds,
  now = Date.now,
  log = console.error,
}: RefundRunOptions): Promise<RefundRunSummary> {
  const summary: RefundRunSummary = { claimed: 0, succeeded: 0, submitted: 0, failed: 0, retried: 0 };
  const deadline = now() + timeBudgetMs;
  do {
    const batch = await (refundIds ? queue.claim(Math.max(batchSize, refundIds.length), refundIds) : queue.claim(batchSize));
    summary.claimed += batch.length;
    for (const refund of batch) {
      let outcome: RefundResultStatus;
      let stripeRefundId: string | null = null;
      let error: string | null = null;
      if (!refund.stripe_payment_intent_id) {
        // Nothing to refund against yet (e.g. the PaymentIntent id has not arrived): try later.
        outcome = 'retry';
        error = 'the payment has no Stripe PaymentIntent id yet';
      } else {
        try {
          const created = await stripe.refunds.create(
            { payment_intent: refund.stripe_payment_intent_id, amount: Number(refund.amount_minor), metadata: refundMetadata(refund) },
            { idempotencyKey: refund.idempotency_key, ...(refund.stripe_account_id ? { stripeAccount: refund.stripe_account_id } : {}) },
          );
          stripeRefundId = created.id;
          outcome = refundResultOf(created.status);
          if (outcome === 'failed') error = `Stripe answered refund status ${created.status}`;
        } catch (caught) {
          const failure = stripeFailureOf(caught);
          outcome = failure.retryable ? 'retry' : 'failed';
          error = failure.summary;
          log(`refunds: refund ${refund.refund_id} ${outcome === 'retry' ? 'will be retried' : 'failed'}: ${failure.summary}`);
        }
      }
      try {
        await queue.record(refund.refund_id, stripeRefundId, outcome, error);
      } catch (caught) {
        // Stays claimed; the lease ends and the next run repeats the (idempotent) Stripe call.
        log(`refunds: could not record the result of refund ${refund.refund_id}: ${caught instanceof Error ? caught.message : String(caught)}`);
        continue;
      }
      if (outcome === 'succeeded') summary.succeeded++;
      else if (outcome === 'pending') summary.submitted++;
      else if (outcome === 'failed') summary.failed++;
      else summary.retried++;
    }
    if (batch.length < batchSize || refundIds) break;
  } while (now() < deadline);
  return summary;
}

function refundMetadata(refund: ClaimedRefund): Metadata {
  const metadata: Metadata = {};
  for (const [key, value] of Object.entries(refund.metadata ?? {})) {
    if (value !== null && value !== undefined) metadata[key] = String(value);
  }
  metadata.refund_id = refund.refund_id;
  if (refund.tenant_id) metadata.tenant_id ??= refund.tenant_id;
  return metadata;
}

/** public.claim_refunds / public.record_refund_result as service_role. */
export function createRefundQueue(sql: Sql, { leaseSeconds = 120 }: { leaseSeconds?: number } = {}): RefundQueue {
  return {
    claim: (maxCount, refundIds) =>
      asServiceRole(sql, async (tx) => {
        // positional: (max_count, lease, refund_ids)
        const rows = await tx<Record<string, unknown>[]>`
          select * from public.claim_refunds(${maxCount}::int, ${`${leaseSeconds} seconds`}::interval, ${refundIds ?? null}::uuid[])`;
        return rows.map(claimedRefundOf);
      }),
    record: (refundId, stripeRefundId, status, error) =>
      asServiceRole(sql, async (tx) => {
        // positional: (refund_id, stripe_refund_id, status, error)
        await tx`select public.record_refund_result(${refundId}::uuid, ${stripeRefundId}::text, ${status}::text, ${error}::text)`;
      }),
  };
}

/** A claim_refunds row, tolerant of `id` vs `refund_id` naming. */
export function claimedRefundOf(row: Record<string, unknown>): ClaimedRefund {
  const metadata = (typeof row.metadata === 'string' ? JSON.parse(row.metadata) : row.metadata ?? {}) as Metadata;
  const refundId = String(row.refund_id ?? row.id);
  return {
    refund_id: refundId,
    tenant_id: (row.tenant_id as string | null | undefined) ?? (metadata.tenant_id as string | undefined) ?? null,
    amount_minor: Number(row.amount_minor),
    currency: String(row.currency ?? ''),
    stripe_payment_intent_id: (row.stripe_payment_intent_id as string | null | undefined) ?? null,
    stripe_account_id: (row.stripe_account_id as string | null | undefined) ?? null,
    idempotency_key: String(row.idempotency_key ?? `refund:${refundId}`),
    metadata,
  };
}
