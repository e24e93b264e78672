// The database side of a payment webhook handler (stripe-webhook, razorpay-webhook) as the handler
// tests fake it: the SQL handler answers `outcome` (or fails with it), the refunds it names are
// "issued" at once, and every call and log line is recorded for the assertions.
import type { EventOutcome } from '../_shared/payment-webhook.ts';
import type { RefundRunSummary } from '../_shared/refunds.ts';

export function fakeWebhookDatabase<Outcome extends EventOutcome, Handled>(outcome: Outcome | Error) {
  const handled: Handled[] = [];
  const issued: string[][] = [];
  const logs: string[] = [];
  return {
    handled,
    issued,
    logs,
    /** What handleEvent answers: `outcome`, after recording what it was given. */
    answer(given: Handled): Promise<Outcome> {
      handled.push(given);
      return outcome instanceof Error ? Promise.reject(outcome) : Promise.resolve(outcome);
    },
    issueRefunds(ids: string[]): Promise<RefundRunSummary> {
      issued.push(ids);
      return Promise.resolve({ claimed: ids.length, succeeded: ids.length, submitted: 0, failed: 0, retried: 0 });
    },
    log(message: string): void {
      logs.push(message);
    },
  };
}
