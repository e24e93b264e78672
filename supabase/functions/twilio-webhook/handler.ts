// POST /functions/v1/twilio-webhook (verify_jwt = false: Twilio signs instead). One URL for both
// things Twilio posts:
//   - status callbacks of our messages (MessageSid + MessageStatus): delivered (and read) →
//     delivered, undelivered/failed → undelivered (public.record_delivery_status; queued, sent and
//     other intermediate statuses are ignored); a failure with ErrorCode 21610 also opts the
//     number out;
//   - inbound messages to our number (Body): STOP-type keywords → public.record_opt_out(sms, From,
//     'sms_stop'); START-type keywords → public.record_opt_in(sms, From). Twilio itself already
//     blocks sends after STOP (error 21610); this keeps our outbox in step so nothing is attempted.
//     Each is recorded with its MessageSid as the event id, so a replayed genuine START after a
//     later STOP changes nothing (Twilio's requests carry no time; the database orders them by
//     arrival);
//   - WhatsApp (From / To with the whatsapp: prefix): STOP and START change the number's WhatsApp
//     opt-out only (channel whatsapp, source whatsapp_stop; Twilio does not filter STOP on
//     WhatsApp, so this list is the only guard); a status callback failed/undelivered with a code
//     saying the recipient cannot get WhatsApp (_shared/messaging/whatsapp.ts) queues the SMS copy
//     (public.fall_back_to_sms, once).
// Every request must carry a valid X-Twilio-Signature for the public URL Twilio called (403
// otherwise, nothing changes). Answers empty TwiML, so Twilio sends no auto-reply of ours.
import { connectionLost, databaseErrorOf, httpStatusOf } from '../_shared/db.ts';
import { databaseUnavailable, payloadTooLarge, problem, readBodyText } from '../_shared/http.ts';
import type { DeliveryStore } from '../_shared/messaging/delivery.ts';
import { verifyTwilioSignature } from '../_shared/messaging/twilio-signature.ts';
import { isWhatsAppRecipientRefusal, phoneOfWhatsappAddress } from '../_shared/messaging/whatsapp.ts';
import { z } from 'zod';

export interface TwilioWebhookDependencies extends DeliveryStore {
  authToken: string;
  /** The public URL configured at Twilio (TWILIO_WEBHOOK_URL); else rebuilt from x-forwarded-* headers. */
  webhookUrl?: string;
  log?: (line: string) => void;
}

// Twilio's default opt-out / opt-in keywords (Advanced Opt-Out may add more; it then also sends OptOutType).
const optOutKeywords = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT', 'REVOKE']);
const optInKeywords = new Set(['START', 'UNSTOP', 'YES']);

/** Twilio's form posts are a few hundred bytes. */
const maxBodyBytes = 64 * 1024;

// What the handler reads, once the signature is good: Twilio SIDs are two letters and 32 hex
// digits; status and error codes are short words and numbers.
const sid = z.string().regex(/^[A-Za-z]{2}[0-9A-Za-z]{1,62}$/, 'must be a Twilio SID');
const callbackParams = z.looseObject({
  MessageSid: sid.optional(),
  SmsSid: sid.optional(),
  MessageStatus: z.string().max(32).optional(),
  SmsStatus: z.string().max(32).optional(),
  ErrorCode: z.string().regex(/^\d{1,10}$/, 'must be a Twilio error code').optional(),
  // SMS bodies are at most 1600 characters, WhatsApp's at most 4096.
  Body: z.string().max(4096).optional(),
});

const twiml = () => new Response('<?xml version="1.0" encoding="UTF-8"?><Response/>', { status: 200, headers: { 'Content-Type': 'text/xml' } });

/**
 * The URL Twilio requested, as it signed it: https://<project>.supabase.co/functions/v1/twilio-webhook?…
 * The function sees only /twilio-webhook (the platform strips /functions/v1) on an internal host.
 */
export function publicUrlOf(request: Request): string {
  const url = new URL(request.url);
  const proto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() || url.protocol.replace(/:$/, '');
  const host = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim() || request.headers.get('host') || url.host;
  const path = url.pathname.startsWith('/functions/v1/') ? url.pathname : `/functions/v1${url.pathname}`;
  return `${proto}://${host}${path}${url.search}`;
}

/** The keyword an inbound body means, Twilio-style: the whole message, case-insensitive, trimmed. */
export function keywordOf(params: URLSearchParams): 'opt_out' | 'opt_in' | null {
  const optOutType = params.get('OptOutType')?.toUpperCase();
  if (optOutType === 'STOP') return 'opt_out';
  if (optOutType === 'START') return 'opt_in';
  const word = (params.get('Body') ?? '').trim().replace(/[.!\s]+$/, '').toUpperCase().replace(/\s+/g, '');
  if (optOutKeywords.has(word)) return 'opt_out';
  if (optInKeywords.has(word)) return 'opt_in';
  return null;
}

export function createTwilioWebhookHandler(deps: TwilioWebhookDependencies): (request: Request) => Promise<Response> {
  const log = deps.log ?? console.log;
  return async (request) => {
    if (request.method !== 'POST') {
      return problem(405, 'method_not_allowed', `twilio-webhook does not accept ${request.method}.`, 'Twilio posts form-encoded requests.', { headers: { Allow: 'POST' } });
    }
    const body = await readBodyText(request, maxBodyBytes);
    if (body === null) return payloadTooLarge(maxBodyBytes);
    const params = new URLSearchParams(body);
    const url = deps.webhookUrl ?? publicUrlOf(request);
    if (!(await verifyTwilioSignature(deps.authToken, url, params, request.headers.get('x-twilio-signature')))) {
      log(`twilio-webhook: rejected a request with a ${request.headers.has('x-twilio-signature') ? 'wrong' : 'missing'} signature for ${url}`);
      return problem(403, 'invalid_signature', 'The X-Twilio-Signature header is missing or does not match.', 'Twilio must call exactly the URL configured in TWILIO_WEBHOOK_URL, signed with TWILIO_AUTH_TOKEN.');
    }
    const checked = callbackParams.safeParse(Object.fromEntries(params));
    if (!checked.success) {
      const reasons = checked.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ');
      log(`twilio-webhook: refused a signed request with unexpected parameters: ${reasons}`);
      return problem(400, 'invalid_request', `The request is not a Twilio message or status callback: ${reasons}.`, 'Point only Twilio messaging webhooks at this URL.');
    }
    try {
      if (params.has('Body')) {
        const rawFrom = params.get('From') ?? '';
        const whatsappFrom = phoneOfWhatsappAddress(rawFrom);
        const channel = whatsappFrom ? 'whatsapp' : 'sms';
        const from = whatsappFrom ?? rawFrom;
        const keyword = keywordOf(params);
        if (keyword && /^\+[1-9][0-9]{6,14}$/.test(from)) {
          const event = { id: params.get('MessageSid') || params.get('SmsSid') || null, occurredAt: null };
          if (keyword === 'opt_out') await deps.recordOptOut(channel, from, channel === 'whatsapp' ? 'whatsapp_stop' : 'sms_stop', event);
          else await deps.recordOptIn(channel, from, event);
          log(`twilio-webhook: ${keyword === 'opt_out' ? 'opt-out' : 'opt-in'} recorded for a ${channel} sender`);
        }
        return twiml();
      }
      const sid = params.get('MessageSid');
      const status = params.get('MessageStatus') ?? params.get('SmsStatus');
      if (sid && status) {
        const mapped = status === 'delivered' || status === 'read' ? 'delivered' : status === 'undelivered' || status === 'failed' ? 'undelivered' : null;
        if (mapped) {
          const errorCode = params.get('ErrorCode');
          const found = await deps.recordDeliveryStatus('twilio', sid, mapped, mapped === 'undelivered' ? `twilio ${status}${errorCode ? ` (error ${errorCode})` : ''}` : null);
          if (!found) log(`twilio-webhook: status ${status} for unknown message ${sid}`);
          // Through a Messaging Service, "unsubscribed recipient" can arrive here instead of at send time.
          const to = params.get('To') ?? '';
          if (mapped === 'undelivered' && errorCode === '21610' && /^\+[1-9][0-9]{6,14}$/.test(to)) {
            await deps.recordOptOut('sms', to, 'sms_stop', { id: `${sid}:${status}`, occurredAt: null });
          }
          if (mapped === 'undelivered' && phoneOfWhatsappAddress(to) && isWhatsAppRecipientRefusal(errorCode)) {
            const queued = await deps.fallBackToSms('twilio', sid, `twilio ${status} (error ${errorCode})`);
            if (queued) log(`twilio-webhook: whatsapp message ${sid} refused (error ${errorCode}): sms copy queued`);
          }
        }
      }
      return twiml();
    } catch (error) {
      log(`twilio-webhook: ${error instanceof Error ? error.message : String(error)}`);
      if (connectionLost(error)) return databaseUnavailable();
      const refusal = databaseErrorOf(error);
      if (refusal && httpStatusOf(refusal.code) < 500) {
        return problem(400, 'invalid_request', `The callback was refused: ${refusal.message}.`, refusal.hint ?? undefined);
      }
      return problem(500, 'webhook_failed', 'The callback could not be recorded.', 'Twilio may retry; see the function log.');
    }
  };
}
