// POST /functions/v1/dispatch-notifications (the server only, _shared/caller.ts; pg_cron calls it every minute
// through private.invoke_edge_function when something is due): claims due notifications in
// batches, sends each with its channel's sender, and records every outcome.
//
// Never loses a message: claim_notifications moves rows to 'sending' with a lease; a result is
// recorded per message right after its send. If this process dies in between, the row stays
// 'sending' and becomes claimable again when the lease ends (at-least-once: an SMS may then go out
// twice; email carries an Idempotency-Key per notification, so Resend sends it once).
//
// WhatsApp: the claim returns whatsapp rows (an approved Content template and its variables) only
// when this function can send WhatsApp (claim(..., whatsapp)); Twilio refusing the recipient (not
// on WhatsApp, outside the 24-hour window: _shared/messaging/whatsapp.ts) is recorded as
// 'fallback', and the database queues the SMS copy.
//
// One bad row never fails the run: the claim parks a row it cannot prepare (invalid payload, no
// template, rendering failed) and returns it with parked_reason, which is counted as `parked` and
// logged; a claimed row without a recipient or text is recorded as failed; a sender's exception
// is a retry of that row only.
import { requireService, type VerifyCaller } from '../_shared/caller.ts';
import { corsHeaders, preflightResponse } from '../_shared/cors.ts';
import { connectionLost } from '../_shared/db.ts';
import { databaseUnavailable, json, problem } from '../_shared/http.ts';
import { type EmailSender, ProviderError, type SendResult, type SmsSender, type WhatsAppSender } from '../_shared/messaging/types.ts';
import { isWhatsAppRecipientRefusal } from '../_shared/messaging/whatsapp.ts';
import { z } from 'zod';

/**
 * A row of public.claim_notifications: rendered and addressed, ready to send; or, with
 * parked_reason, a bad row the claim parked (nothing to send).
 */
export interface ClaimedNotification {
  id: string;
  tenant_id: string;
  kind: string;
  channel: string | null;
  recipient: string | null;
  subject: string | null;
  body: string | null;
  attempts: number;
  dedupe_key: string | null;
  parked_reason?: string | null;
  /** whatsapp rows: the approved Content template and its numbered variables. */
  content_sid?: string | null;
  content_variables?: Record<string, string> | null;
}

/** What a row to send must carry; anything else is recorded as failed, not sent. */
const sendable = z.object({
  channel: z.enum(['sms', 'email', 'whatsapp']),
  recipient: z.string().trim().min(1).max(320),
  body: z.string().trim().min(1),
  subject: z.string().nullable(),
  content_sid: z.string().regex(/^HX[0-9a-f]{32}$/).nullish(),
  content_variables: z.record(z.string(), z.string().trim().min(1)).nullish(),
}).refine((row) => row.channel !== 'whatsapp' || (row.content_sid && row.content_variables), {
  message: 'a whatsapp row needs content_sid and content_variables',
  path: ['content_sid'],
});

export type Outcome = 'sent' | 'captured' | 'retry' | 'failed' | 'fallback';

export interface NotificationResult {
  id: string;
  outcome: Outcome;
  provider: string | null;
  providerMessageId: string | null;
  error: string | null;
}

export interface DispatchDependencies {
  /** whatsapp: this function sends WhatsApp (senders.whatsapp is set). */
  claim: (maxCount: number, leaseSeconds: number, whatsapp: boolean) => Promise<ClaimedNotification[]>;
  record: (result: NotificationResult) => Promise<void>;
  senders: { sms: SmsSender; email: EmailSender; whatsapp?: WhatsAppSender | null };
  /** Twilio StatusCallback (the public twilio-webhook URL); omitted when unknown. */
  statusCallbackUrl?: string;
  /** Who called (_shared/caller.ts createCallerVerifier). */
  verifyCaller: VerifyCaller;
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
  /** Rows claimed to send. */
  claimed: number;
  /** Bad rows the claim parked instead (invalid payload, no template, rendering failed). */
  parked: number;
  sent: number;
  captured: number;
  retried: number;
  failed: number;
  /** WhatsApp messages Twilio refused for the recipient: their SMS copies are queued. */
  fellBack: number;
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
  const checked = sendable.safeParse(notification);
  if (!checked.success) {
    const problem = checked.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ');
    return { ...base, outcome: 'failed', error: `not sendable: ${problem}` };
  }
  const { channel, recipient, body, subject } = checked.data;
  try {
    let result: SendResult;
    if (channel === 'whatsapp') {
      if (!deps.senders.whatsapp) return { ...base, outcome: 'retry', error: 'whatsapp row claimed but this function has no WhatsApp sender' };
      result = await deps.senders.whatsapp.sendWhatsApp({
        to: recipient,
        contentSid: checked.data.content_sid as string,
        contentVariables: checked.data.content_variables as Record<string, string>,
        preview: body,
        statusCallbackUrl: deps.statusCallbackUrl,
      });
    } else if (channel === 'sms') {
      result = await deps.senders.sms.sendSms({ to: recipient, body, statusCallbackUrl: deps.statusCallbackUrl });
    } else {
      result = await deps.senders.email.sendEmail({
        to: recipient,
        subject: subject ?? '',
        text: body,
        // The same key on every attempt: a retry after a lost answer does not send twice.
        idempotencyKey: `notification/${notification.id}`,
      });
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
      if (channel === 'whatsapp' && isWhatsAppRecipientRefusal(error.providerCode)) {
        return { ...base, outcome: 'fallback', error: errorText(error) };
      }
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
  const summary: DispatchSummary = { batches: 0, claimed: 0, parked: 0, sent: 0, captured: 0, retried: 0, failed: 0, fellBack: 0, unrecorded: 0 };
  const whatsapp = Boolean(deps.senders.whatsapp);
  while (now() - started < budgetMs) {
    const batch = await deps.claim(batchSize, leaseSeconds, whatsapp);
    if (batch.length === 0) break;
    summary.batches++;
    const parked = batch.filter((notification) => notification.parked_reason);
    const toSend = batch.filter((notification) => !notification.parked_reason);
    summary.parked += parked.length;
    summary.claimed += toSend.length;
    for (const notification of parked) {
      log(`dispatch-notifications: notification ${notification.id} (${notification.kind}, tenant ${notification.tenant_id}) parked: ${errorText(notification.parked_reason)}`);
    }
    await eachLimited(toSend, deps.concurrency ?? 4, async (notification) => {
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
      else if (result.outcome === 'fallback') summary.fellBack++;
      else summary.failed++;
      if (result.outcome === 'retry' || result.outcome === 'failed' || result.outcome === 'fallback') {
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
    const refused = requireService(await deps.verifyCaller(request), 'dispatch notifications', { headers });
    if (refused) return refused;
    try {
      return json(200, await dispatch(deps), { headers });
    } catch (error) {
      (deps.log ?? console.log)(`dispatch-notifications: ${errorText(error)}`);
      if (connectionLost(error)) return databaseUnavailable({ headers });
      return problem(500, 'dispatch_failed', 'Dispatching notifications failed; claimed messages will be retried when their lease ends.', 'See the function log.', { headers });
    }
  };
}
