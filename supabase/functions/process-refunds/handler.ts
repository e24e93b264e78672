// POST /functions/v1/process-refunds: send due refunds to their payment's provider. Only the server
// may call it (a secret key, the service_role key, or a verified service_role token:
// _shared/caller.ts): the pg_cron job `process-refunds` calls it every minute when something is
// claimable, and the cancellation trigger calls it right away.
//
// Loops public.claim_refunds for the providers this deployment has keys for (requested and due,
// or claimed by a run that died: `for update skip locked` plus a lease, so concurrent runs never
// take the same refund) -> the provider: Stripe `POST /v1/refunds` with `Idempotency-Key:
// refund:<id>` (and `Stripe-Account` for connected accounts), Razorpay `POST
// /v1/payments/:id/refund` with `X-Refund-Idempotency: refund_<id>` (reverse_all for Route) ->
// public.record_refund_result: made -> 'succeeded', pending -> 'pending' (the webhook finishes
// it), refused (4xx) -> 'failed', network/timeout/409/429/5xx -> 'retry' (backoff in SQL).
// Answers 200 { claimed, succeeded, submitted, failed, retried }.
import { requireService, type VerifyCaller } from '../_shared/caller.ts';
import { connectionLost } from '../_shared/db.ts';
import { databaseUnavailable, json, problem } from '../_shared/http.ts';
import type { RefundRunSummary } from '../_shared/refunds.ts';

export interface ProcessRefundsDependencies {
  /** Who called (_shared/caller.ts createCallerVerifier). */
  verifyCaller: VerifyCaller;
  /** Runs the refund worker (runRefunds from _shared/refunds.ts with the real queue and the configured providers). */
  run: () => Promise<RefundRunSummary>;
  /** false when no provider has keys (STRIPE_SECRET_KEY, RAZORPAY_KEY_ID + RAZORPAY_KEY_SECRET): 503, nothing is claimed. */
  configured: boolean;
  log?: (message: string) => void;
}

const noStore = { 'Cache-Control': 'no-store' };

export function createProcessRefundsHandler({ verifyCaller, run, configured, log = console.error }: ProcessRefundsDependencies): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'POST') {
      return problem(405, 'method_not_allowed', `process-refunds does not accept ${request.method}.`, 'Use POST.', { headers: { ...noStore, Allow: 'POST' } });
    }
    const refused = requireService(await verifyCaller(request), 'process refunds', { headers: noStore });
    if (refused) return refused;
    if (!configured) {
      return problem(503, 'payments_not_configured', 'Refunds cannot be sent: no payment provider is configured.',
        'Set STRIPE_SECRET_KEY, or RAZORPAY_KEY_ID and RAZORPAY_KEY_SECRET (see docs/payments.md); refunds wait until then.', { headers: noStore });
    }
    try {
      return json(200, await run(), { headers: noStore });
    } catch (error) {
      log(`process-refunds: ${error instanceof Error ? error.message : String(error)}`);
      if (connectionLost(error)) return databaseUnavailable({ headers: noStore });
      return problem(500, 'refunds_not_processed', 'Refunds could not be processed now.', 'The next scheduled run retries.', { headers: noStore });
    }
  };
}
