// POST /functions/v1/dispatch-notifications (service_role only; pg_cron calls it every minute
// through private.invoke_edge_function when something is due): claims due notifications in
// batches, sends each with its channel's sender, and records every outcome.
//
// Never loses a message: claim_notifications moves rows to 'sending' with a lease; a result is
// recorded per message right after its send. If this process dies in between, the row stays
// 'sending' and becomes claimable again when the lease ends (at-least-once: an SMS may then go out
// twice; email carries an Idempotency-Key per notification, so Resend sends it once).
import { corsHeaders, preflightResponse } from '../_shared/cors.ts';
import { connectionLost } from '../_shared/db.ts';
import { databaseUnavailable, json, problem } from '../_shared/http.ts';
import { type EmailSender, ProviderError, type SendResult, type SmsSender } from '../_shared/messaging/types.ts';

/** A row of public.claim_notifications: rendered and addressed, ready to send. */
export interface ClaimedNotification {
  id: string;
  tenant_id: string;
  kind: string;
  channel: string;
  recipient: string;
  subject: string | null;
  body: string;
  attempts: number;
  dedupe_key: string | null;
}

export type Outcome = 'sent' | 'captured' | 'retry' | 'failed';

export interface NotificationResult {
  id: string;
  outcome: Outcome;
  provider: string | null;
  providerMessageId: string | null;
  error: string | null;
}

export interface DispatchDependencies {
  claim: (maxCount: number, leaseSeconds: number) => Promise<ClaimedNotification[]>;
  record: (result: NotificationResult) => Promise<void>;
  senders: { sms: SmsSender; email: EmailSender };
  /** Twilio StatusCallback (the public twilio-webhook URL); omitted when unknown. */
  statusCallbackUrl?: string;
  /** The verified caller's JWT claims (_shared/caller.ts callerClaims), or null. */
  callerClaims: (request: Request) => { role: string } | null;
  /** Milliseconds, for the time budget. */
  now?: () => number;
  /** Stop claiming new batches after this long (the platform's wall clock is generous; cron runs every minute). */
  budgetMs?: number;
  batchSize?: number;
  leaseSeconds?: number;
  /** How many sends run at once within a batch. */
  concurrency?: number;
  log?: (line: string) => void;
}

export interface DispatchSummary {
  batches: number;
  claimed: number;
  sent: number;
  captured: number;
  retried: number;
  failed: number;
  /** Sends whose result could not be recorded: the lease will make them claimable again. */
  unrecorded: number;
}

const headers = { ...corsHeaders, 'Cache-Control': 'no-store' };

/** What went wrong, short and without the message text (never logged or stored). */
function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}

async function send(notification: ClaimedNotification, deps: DispatchDependencies): Promise<NotificationResult> {
  const base = { id: notification.id, provider: null, providerMessageId: null };
  try {
    let result: SendResult;
    if (notification.channel === 'sms') {
      result = await deps.senders.sms.sendSms({ to: notification.recipient, body: notification.body, statusCallbackUrl: deps.statusCallbackUrl });
    } else if (notification.channel === 'email') {
      result = await deps.senders.email.sendEmail({
        to: notification.recipient,
        subject: notification.subject ?? '',
        text: notification.body,
        // The same key on every attempt: a retry after a lost answer does not send twice.
        idempotencyKey: `notification/${notification.id}`,
      });
    } else {
      return { ...base, outcome: 'failed', error: `unsupported channel ${JSON.stringify(notification.channel)}` };
    }
    return {
      id: notification.id,
      outcome: result.captured ? 'captured' : 'sent',
      provider: result.provider,
      providerMessageId: result.providerMessageId,
      error: null,
    };
  } catch (error) {
    if (error instanceof ProviderError) {
      return { ...base, outcome: error.retryable ? 'retry' : 'failed', error: errorText(error) };
    }
    // A bug or an unexpected failure: keep the message, try again later.
    return { ...base, outcome: 'retry', error: errorText(error) };
  }
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++] as T);
  });
  await Promise.all(workers);
}

export async function dispatch(deps: DispatchDependencies): Promise<DispatchSummary> {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? console.log;
  const budgetMs = deps.budgetMs ?? 20_000;
  const batchSize = deps.batchSize ?? 20;
  const leaseSeconds = deps.leaseSeconds ?? 120;
  const started = now();
  const summary: DispatchSummary = { batches: 0, claimed: 0, sent: 0, captured: 0, retried: 0, failed: 0, unrecorded: 0 };
  while (now() - started < budgetMs) {
    const batch = await deps.claim(batchSize, leaseSeconds);
    if (batch.length === 0) break;
    summary.batches++;
    summary.claimed += batch.length;
    await eachLimited(batch, deps.concurrency ?? 4, async (notification) => {
      const result = await send(notification, deps);
      try {
        await deps.record(result);
      } catch (error) {
        summary.unrecorded++;
        log(`dispatch-notifications: could not record ${result.outcome} for notification ${notification.id}: ${errorText(error)}`);
        return;
      }
      if (result.outcome === 'sent') summary.sent++;
      else if (result.outcome === 'captured') summary.captured++;
      else if (result.outcome === 'retry') summary.retried++;
      else summary.failed++;
      if (result.outcome === 'retry' || result.outcome === 'failed') {
        log(`dispatch-notifications: notification ${notification.id} (${notification.channel}, attempt ${notification.attempts}) ${result.outcome}: ${result.error}`);
      }
    });
    if (batch.length < batchSize) break; // nothing more was due
  }
  return summary;
}

export function createDispatchHandler(deps: DispatchDependencies): (request: Request) => Promise<Response> {
  return async (request) => {
    const preflight = preflightResponse(request);
    if (preflight) return preflight;
    if (request.method !== 'POST') {
      return problem(405, 'method_not_allowed', `dispatch-notifications does not accept ${request.method}.`, 'Use POST.', {
        headers: { ...headers, Allow: 'POST, OPTIONS' },
      });
    }
    const claims = deps.callerClaims(request);
    if (claims?.role !== 'service_role') {
      return problem(403, 'forbidden', 'Only the server may dispatch notifications.', 'Call it with the service_role key (pg_cron does, through private.invoke_edge_function).', { headers });
    }
    try {
      return json(200, await dispatch(deps), { headers });
    } catch (error) {
      (deps.log ?? console.log)(`dispatch-notifications: ${errorText(error)}`);
      if (connectionLost(error)) return databaseUnavailable({ headers });
      return problem(500, 'dispatch_failed', 'Dispatching notifications failed; claimed messages will be retried when their lease ends.', 'See the function log.', { headers });
    }
  };
}
