// The refund worker every payment function runs (process-refunds, and the webhooks right after an
// event created refunds): claim (SQL) -> send through the refund's provider -> record (SQL).
// Which refunds are due, how much each gives back and what a result means all live in SQL
// (public.claim_refunds, public.record_refund_result; docs/payments.md); a provider module only
// says how to send one refund (RefundSender: stripeRefunds in stripe.ts, razorpayRefunds in
// razorpay.ts). Only the refunds of providers with a sender are claimed, so a provider without
// keys leaves its refunds waiting instead of failing them.
import { asServiceRole, type Sql } from './db.ts';

export type PaymentProvider = 'stripe' | 'razorpay';

export type Metadata = Record<string, string>;

/** One row of public.claim_refunds (docs/payments.md, Database). */
export interface ClaimedRefund {
  refund_id: string;
  tenant_id: string | null;
  provider: PaymentProvider;
  amount_minor: number;
  currency: string;
  stripe_payment_intent_id: string | null;
  stripe_account_id: string | null;
  razorpay_payment_id: string | null;
  razorpay_account_id: string | null;
  idempotency_key: string;
  metadata: Metadata;
}

export type RefundResultStatus = 'succeeded' | 'pending' | 'failed' | 'retry';

/** What sending one refund came to: record_refund_result's arguments. */
export interface RefundAttempt {
  outcome: RefundResultStatus;
  /** The provider's refund id (re_…, rfnd_…) when it made or accepted one. */
  providerRefundId: string | null;
  error: string | null;
}

/** Sends one claimed refund to its provider; never throws (a failure is an outcome). */
export type RefundSender = (refund: ClaimedRefund) => Promise<RefundAttempt>;

export type RefundSenders = Partial<Record<PaymentProvider, RefundSender>>;

export interface RefundQueue {
  /** Claims due refunds of these providers; with `refundIds` only those (when due). */
  claim(maxCount: number, providers: PaymentProvider[], refundIds?: string[]): Promise<ClaimedRefund[]>;
  record(refundId: string, providerRefundId: string | null, status: RefundResultStatus, error: string | null): Promise<void>;
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
  /** How to send a refund, per provider; refunds of other providers are not claimed. */
  senders: RefundSenders;
  /** Rows per claim. */
  batchSize?: number;
  /** Stop claiming new batches after this long (the request has a wall-clock limit). */
  timeBudgetMs?: number;
  /** Claim only these refunds, once (a webhook's best-effort run for the refunds an event created). */
  refundIds?: string[];
  now?: () => number;
  log?: (message: string) => void;
}

/** The refund's metadata for the provider (Stripe metadata, Razorpay notes): strings, with refund_id and tenant_id. */
export function refundMetadata(refund: ClaimedRefund): Metadata {
  const metadata: Metadata = {};
  for (const [key, value] of Object.entries(refund.metadata ?? {})) {
    if (value !== null && value !== undefined) metadata[key] = String(value);
  }
  metadata.refund_id = refund.refund_id;
  if (refund.tenant_id) metadata.tenant_id ??= refund.tenant_id;
  return metadata;
}

/**
 * Sends claimed refunds until nothing is claimable (or the time budget is spent). Each refund is
 * sent with its own idempotency key, so a crash after the provider answered and before the result
 * was recorded only means the next run gets the same refund back. A refund whose result cannot be
 * recorded stays claimed until its lease ends, then is retried.
 */
export async function runRefunds({
  queue,
  senders,
  batchSize = 10,
  timeBudgetMs = 20_000,
  refundIds,
  now = Date.now,
  log = console.error,
}: RefundRunOptions): Promise<RefundRunSummary> {
  const summary: RefundRunSummary = { claimed: 0, succeeded: 0, submitted: 0, failed: 0, retried: 0 };
  const providers = (Object.keys(senders) as PaymentProvider[]).filter((provider) => senders[provider]);
  if (providers.length === 0) return summary;
  const deadline = now() + timeBudgetMs;
  do {
    const batch = await (refundIds
      ? queue.claim(Math.max(batchSize, refundIds.length), providers, refundIds)
      : queue.claim(batchSize, providers));
    summary.claimed += batch.length;
    for (const refund of batch) {
      const send = senders[refund.provider];
      const attempt: RefundAttempt = send
        ? await send(refund)
        : { outcome: 'retry', providerRefundId: null, error: `no ${refund.provider} keys in this worker` };
      if (attempt.outcome !== 'succeeded' && attempt.outcome !== 'pending' && attempt.error) {
        log(`refunds: refund ${refund.refund_id} (${refund.provider}) ${attempt.outcome === 'retry' ? 'will be retried' : 'failed'}: ${attempt.error}`);
      }
      try {
        await queue.record(refund.refund_id, attempt.providerRefundId, attempt.outcome, attempt.error);
      } catch (caught) {
        // Stays claimed; the lease ends and the next run repeats the (idempotent) provider call.
        log(`refunds: could not record the result of refund ${refund.refund_id}: ${caught instanceof Error ? caught.message : String(caught)}`);
        continue;
      }
      if (attempt.outcome === 'succeeded') summary.succeeded++;
      else if (attempt.outcome === 'pending') summary.submitted++;
      else if (attempt.outcome === 'failed') summary.failed++;
      else summary.retried++;
    }
    if (batch.length < batchSize || refundIds) break;
  } while (now() < deadline);
  return summary;
}

/** public.claim_refunds / public.record_refund_result as service_role. */
export function createRefundQueue(sql: Sql, { leaseSeconds = 120 }: { leaseSeconds?: number } = {}): RefundQueue {
  return {
    claim: (maxCount, providers, refundIds) =>
      asServiceRole(sql, async (tx) => {
        // positional: (max_count, lease, refund_ids, providers)
        const rows = await tx<Record<string, unknown>[]>`
          select * from public.claim_refunds(${maxCount}::int, ${`${leaseSeconds} seconds`}::interval, ${refundIds ?? null}::uuid[],
                                             ${providers}::public.payment_provider[])`;
        return rows.map(claimedRefundOf);
      }),
    record: (refundId, providerRefundId, status, error) =>
      asServiceRole(sql, async (tx) => {
        // positional: (refund_id, provider_refund_id, status, error)
        await tx`select public.record_refund_result(${refundId}::uuid, ${providerRefundId}::text, ${status}::text, ${error}::text)`;
      }),
  };
}

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** A claim_refunds row, tolerant of `id` vs `refund_id` naming. */
export function claimedRefundOf(row: Record<string, unknown>): ClaimedRefund {
  const metadata = (typeof row.metadata === 'string' ? JSON.parse(row.metadata) : row.metadata ?? {}) as Metadata;
  const refundId = String(row.refund_id ?? row.id);
  const provider = (row.provider === 'razorpay' ? 'razorpay' : 'stripe') as PaymentProvider;
  return {
    refund_id: refundId,
    tenant_id: text(row.tenant_id) ?? metadata.tenant_id ?? null,
    provider,
    amount_minor: Number(row.amount_minor),
    currency: String(row.currency ?? ''),
    stripe_payment_intent_id: text(row.stripe_payment_intent_id),
    stripe_account_id: text(row.stripe_account_id),
    razorpay_payment_id: text(row.razorpay_payment_id),
    razorpay_account_id: text(row.razorpay_account_id),
    idempotency_key: String(row.idempotency_key ?? (provider === 'stripe' ? `refund:${refundId}` : `refund_${refundId}`)),
    metadata,
  };
}
