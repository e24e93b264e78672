// Razorpay for the payment functions (create-payment, razorpay-webhook, verify-razorpay-payment,
// process-refunds): a small HTTP client for the part of Razorpay's REST API they use, how a
// Razorpay failure is classified, the two signature checks, and how one refund is sent (the
// worker is _shared/refunds.ts). Every rule and state change lives in SQL (docs/payments.md).
//
// Plain HTTP, not the `razorpay` npm SDK: the SDK (2.9.x) sends through axios to a fixed
// https://api.razorpay.com (no other base URL for a local fake), passes on only the
// X-Razorpay-Account and Content-Type headers (so no X-Refund-Idempotency), throws a TypeError
// instead of an error when a request gets no answer, and compares signatures with `===`. Here:
// JSON over fetch (sendOnce: the runtime never repeats a call by itself), HTTP Basic auth with
// the key id and secret, Razorpay's error body `{ error: { code, description, source, step,
// reason, field, metadata } }` turned into RazorpayError, and signatures checked in constant time
// by WebCrypto (_shared/crypto.ts).
import { z } from 'zod';
import { fromHex, hmacKey, hmacVerify, toBase64 } from './crypto.ts';
import { EnvError } from './env.ts';
import { type Fetch, sendOnce } from './provider-fetch.ts';
import { type Metadata, refundMetadata, type RefundResultStatus, type RefundSender } from './refunds.ts';

/**
 * The API keys' variables (each optional; functions extend their schema with it): the key id
 * (rzp_test_… / rzp_live_…) and its secret, and for tests another API base URL.
 */
export const razorpayEnv = z.object({
  RAZORPAY_KEY_ID: z.string().regex(/^rzp_(test|live)_[A-Za-z0-9]{1,64}$/, 'must be a Razorpay key id (rzp_test_... or rzp_live_...)').optional(),
  RAZORPAY_KEY_SECRET: z.string().regex(/^\S{8,200}$/, 'must be the key secret (no spaces)').optional(),
  RAZORPAY_API_BASE: z.url().optional(),
});

/** The client for the keys of the environment; null without keys; a key id without its secret (or the reverse) stops the function. */
export function razorpayFromEnv(env: z.infer<typeof razorpayEnv>): RazorpayApi | null {
  if (!env.RAZORPAY_KEY_ID && !env.RAZORPAY_KEY_SECRET) return null;
  if (!env.RAZORPAY_KEY_ID || !env.RAZORPAY_KEY_SECRET) {
    throw new EnvError(`environment: ${env.RAZORPAY_KEY_ID ? 'RAZORPAY_KEY_SECRET' : 'RAZORPAY_KEY_ID'} is not set (Razorpay needs the key id and its secret). Set secrets in supabase/functions/.env locally (see .env.example) and with \`supabase secrets set\` when deployed.`);
  }
  return createRazorpay({ keyId: env.RAZORPAY_KEY_ID, keySecret: env.RAZORPAY_KEY_SECRET, apiBase: env.RAZORPAY_API_BASE });
}

export interface RazorpayClientOptions {
  /** `rzp_test_…` / `rzp_live_…` (RAZORPAY_KEY_ID). */
  keyId: string;
  /** The key secret (RAZORPAY_KEY_SECRET). */
  keySecret: string;
  /** Base URL of the API (RAZORPAY_API_BASE), e.g. the tests' fake; unset: https://api.razorpay.com. */
  apiBase?: string;
  /** Per-request timeout. */
  timeoutMs?: number;
  fetch?: Fetch;
}

/** Razorpay's answer to a request it refused or could not finish (or no answer: status null). */
export class RazorpayError extends Error {
  override name = 'RazorpayError';
  constructor(
    message: string,
    readonly status: number | null,
    readonly code: string | null = null,
    readonly reason: string | null = null,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

export interface RazorpayOrder {
  id: string;
  entity: 'order';
  amount: number;
  amount_paid: number;
  amount_due: number;
  currency: string;
  receipt: string | null;
  status: string;
  notes: Metadata | unknown[];
}

export interface RazorpayPaymentLink {
  id: string;
  short_url: string;
  status: string;
  reference_id: string | null;
  amount: number;
  currency: string;
  order_id?: string | null;
}

export interface RazorpayPayment {
  id: string;
  entity: 'payment';
  amount: number;
  currency: string;
  status: string;
  order_id: string | null;
  captured?: boolean;
  notes?: Metadata | unknown[];
  error_code?: string | null;
  error_description?: string | null;
  error_reason?: string | null;
  [key: string]: unknown;
}

export interface RazorpayRefund {
  id: string;
  entity: 'refund';
  amount: number;
  currency: string;
  payment_id: string;
  status: string;
}

/** A Route transfer of (part of) the amount to a linked account. */
export interface RazorpayTransfer {
  account: string;
  amount: number;
  currency: string;
  notes?: Metadata;
  on_hold: boolean;
}

export interface OrderParams {
  amount: number;
  currency: string;
  /** At most 40 characters: the payment id, so a lost answer can be found again (findByReceipt). */
  receipt: string;
  notes: Metadata;
  transfers?: RazorpayTransfer[];
}

export interface PaymentLinkParams {
  amount: number;
  currency: string;
  accept_partial: false;
  /** At most 40 characters, unique per link: the payment id (findByReference). */
  reference_id: string;
  description: string;
  customer?: { name?: string; email?: string; contact?: string };
  /** false: Slotbase sends the link itself (the payment_link message of the outbox). */
  notify: { sms: false; email: false };
  reminder_enable: false;
  notes: Metadata;
  callback_url: string;
  callback_method: 'get';
  /** Unix seconds, at least 15 minutes ahead. */
  expire_by: number;
  options?: { order: { transfers: RazorpayTransfer[] } };
}

export interface RefundParams {
  amount: number;
  speed: 'normal';
  notes: Metadata;
  receipt: string;
  /** Route: recover the amount from the linked account the payment was transferred to. */
  reverse_all?: boolean;
}

/** The part of the Razorpay API the functions use; createRazorpay gives the real one, tests pass fakes. */
export interface RazorpayApi {
  /** The key id (public: Razorpay Checkout needs it as `key`). */
  keyId: string;
  orders: {
    create(params: OrderParams): Promise<RazorpayOrder>;
    findByReceipt(receipt: string): Promise<RazorpayOrder | null>;
  };
  paymentLinks: {
    create(params: PaymentLinkParams): Promise<RazorpayPaymentLink>;
    findByReference(referenceId: string): Promise<RazorpayPaymentLink | null>;
  };
  payments: {
    fetch(id: string): Promise<RazorpayPayment>;
    refund(paymentId: string, params: RefundParams, options: { idempotencyKey: string }): Promise<RazorpayRefund>;
  };
}

const idPattern = (prefix: string) => new RegExp(`^${prefix}_[A-Za-z0-9]{1,64}$`);
export const razorpayIds = {
  order: idPattern('order'),
  payment: idPattern('pay'),
  paymentLink: idPattern('plink'),
  refund: idPattern('rfnd'),
  account: idPattern('acc'),
};

/** A client for the Razorpay REST API (v1) at `apiBase` (default https://api.razorpay.com). */
export function createRazorpay({ keyId, keySecret, apiBase = 'https://api.razorpay.com', timeoutMs = 20_000, fetch = sendOnce }: RazorpayClientOptions): RazorpayApi {
  const base = apiBase.replace(/\/+$/, '');
  const authorization = `Basic ${toBase64(`${keyId}:${keySecret}`)}`;

  async function request<T>(method: 'GET' | 'POST', path: string, options: { body?: unknown; query?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<T> {
    const url = new URL(`${base}/v1${path}`);
    for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.set(name, value);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { Authorization: authorization, Accept: 'application/json', ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...options.headers },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new RazorpayError(`no answer from Razorpay (${error instanceof Error ? error.name : 'error'})`, null);
    }
    const text = await response.text().catch(() => '');
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: reported below
    }
    if (response.ok && body && typeof body === 'object') return body as T;
    const error = (body as { error?: Record<string, unknown> } | null)?.error ?? {};
    const str = (value: unknown) => (typeof value === 'string' && value !== '' && value !== 'NA' ? value : null);
    throw new RazorpayError(
      str(error.description) ?? `Razorpay answered HTTP ${response.status}${response.ok ? ' without a JSON object' : ''}`,
      response.ok ? 502 : response.status,
      str(error.code),
      str(error.reason),
      str(error.field),
    );
  }

  return {
    keyId,
    orders: {
      create: (params) => request<RazorpayOrder>('POST', '/orders', { body: params }),
      findByReceipt: async (receipt) => {
        const list = await request<{ items?: RazorpayOrder[] }>('GET', '/orders', { query: { receipt, count: '10' } });
        return (list.items ?? []).find((order) => order.receipt === receipt) ?? null;
      },
    },
    paymentLinks: {
      create: (params) => request<RazorpayPaymentLink>('POST', '/payment_links', { body: params }),
      findByReference: async (referenceId) => {
        const list = await request<{ payment_links?: RazorpayPaymentLink[]; items?: RazorpayPaymentLink[] }>('GET', '/payment_links', { query: { reference_id: referenceId } });
        return (list.payment_links ?? list.items ?? []).find((link) => link.reference_id === referenceId) ?? null;
      },
    },
    payments: {
      fetch: (id) => request<RazorpayPayment>('GET', `/payments/${encodeURIComponent(id)}`),
      refund: (paymentId, params, { idempotencyKey }) =>
        request<RazorpayRefund>('POST', `/payments/${encodeURIComponent(paymentId)}/refund`, { body: params, headers: { 'X-Refund-Idempotency': idempotencyKey } }),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Failures

/**
 * What a failed Razorpay call means for the caller:
 * - `retryable`: no answer, a timeout, 409 (the same idempotent request is still being processed),
 *   429 or 5xx (SERVER_ERROR, GATEWAY_ERROR): the same request may succeed later;
 * - otherwise Razorpay refused it (BAD_REQUEST_ERROR, 4xx): repeating it will not help.
 * `summary` is safe to log and to store (code, reason, field, status, Razorpay's description;
 * never a key).
 */
export interface RazorpayFailure {
  retryable: boolean;
  status: number | null;
  code: string | null;
  summary: string;
}

export function razorpayFailureOf(error: unknown): RazorpayFailure {
  if (error instanceof RazorpayError) {
    const retryable = error.status === null || error.status === 409 || error.status === 429 || error.status >= 500;
    const summary = ['RazorpayError', error.code, error.reason, error.field && `field ${error.field}`, error.status === null ? null : `HTTP ${error.status}`, error.message.slice(0, 300)]
      .filter(Boolean).join(': ');
    return { retryable, status: error.status, code: error.code, summary };
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { retryable: true, status: null, code: null, summary: message.slice(0, 300) };
}

// ---------------------------------------------------------------------------------------------
// Signatures

/**
 * Checks Razorpay Checkout's `razorpay_signature`: hex HMAC-SHA256 of `<order_id>|<payment_id>`
 * with the key secret, where order_id is the one the server stored for the payment (never the
 * one the client sends back). Constant time (crypto.subtle.verify).
 */
export function createCheckoutVerifier(keySecret: string): (orderId: string, paymentId: string, signature: string) => Promise<boolean> {
  const key = hmacKey('SHA-256', keySecret);
  return async (orderId, paymentId, signature) => {
    const bytes = fromHex(signature);
    if (!bytes || bytes.length !== 32) return false;
    return hmacVerify(await key, bytes, `${orderId}|${paymentId}`);
  };
}

/**
 * Checks a webhook's `X-Razorpay-Signature`: hex HMAC-SHA256 of the raw request body with the
 * webhook secret. Constant time (crypto.subtle.verify).
 */
export function createWebhookVerifier(webhookSecret: string): (rawBody: string, signature: string) => Promise<boolean> {
  const key = hmacKey('SHA-256', webhookSecret);
  return async (rawBody, signature) => {
    const bytes = fromHex(signature);
    if (!bytes || bytes.length !== 32) return false;
    return hmacVerify(await key, bytes, rawBody);
  };
}

// ---------------------------------------------------------------------------------------------
// Refunds: how the refund worker (_shared/refunds.ts runRefunds) sends one Razorpay refund.

/** Razorpay's refund status -> what record_refund_result expects. */
export function razorpayRefundResultOf(status: string | null): RefundResultStatus {
  if (status === 'processed') return 'succeeded';
  if (status === 'failed') return 'failed';
  return 'pending'; // pending: refund.processed / refund.failed finish it
}

/**
 * Sends a claimed refund to Razorpay: `POST /v1/payments/:id/refund { amount, speed: normal,
 * notes, receipt, reverse_all }` with `X-Refund-Idempotency: refund_<id>`; reverse_all when the
 * payment was transferred to a Route linked account (the clinic gives the money back, not the
 * platform). A refusal (4xx) is `failed`; no answer, 409, 429 or 5xx is `retry`; a payment
 * without its Razorpay Payment id yet is `retry`.
 */
export function razorpayRefunds(razorpay: Pick<RazorpayApi, 'payments'>): RefundSender {
  return async (refund) => {
    if (!refund.razorpay_payment_id) {
      return { outcome: 'retry', providerRefundId: null, error: 'the payment has no Razorpay Payment id yet' };
    }
    try {
      const created = await razorpay.payments.refund(
        refund.razorpay_payment_id,
        {
          amount: Number(refund.amount_minor),
          speed: 'normal',
          notes: refundMetadata(refund),
          receipt: refund.refund_id,
          ...(refund.razorpay_account_id ? { reverse_all: true } : {}),
        },
        { idempotencyKey: refund.idempotency_key },
      );
      const outcome = razorpayRefundResultOf(created.status);
      return { outcome, providerRefundId: created.id, error: outcome === 'failed' ? `Razorpay answered refund status ${created.status}` : null };
    } catch (caught) {
      const failure = razorpayFailureOf(caught);
      return { outcome: failure.retryable ? 'retry' : 'failed', providerRefundId: null, error: failure.summary };
    }
  };
}
