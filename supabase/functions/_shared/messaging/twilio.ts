// SmsSender over Twilio's Programmable Messaging REST API with plain fetch (no SDK):
// POST {apiBase}/2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded, HTTP Basic auth
// (AccountSid:AuthToken, or an API key SID:secret). Twilio answers 201 with the Message resource
// (`sid` "SM…", `status` "queued"); errors are JSON `{ code, message, more_info, status }`.
import { toBase64 } from '../crypto.ts';
import { sendOnce } from '../provider-fetch.ts';
import { defaultProviderTimeoutMs, type Fetch, jsonOrNull, providerFetch, retryableStatus } from './http-call.ts';
import { ProviderError, type SendResult, type SmsMessage, type SmsSender, type WhatsAppMessage, type WhatsAppSender } from './types.ts';
import { whatsappAddress } from './whatsapp.ts';

export interface TwilioOptions {
  accountSid: string;
  /** The account's Auth Token; or give apiKey instead. */
  authToken?: string;
  /** An API key (SK…) and its secret, instead of the Auth Token. */
  apiKey?: { sid: string; secret: string };
  /** The sending number (E.164) or alphanumeric sender; or give messagingServiceSid. */
  from?: string;
  /** A Messaging Service (MG…): Twilio picks the sender from its pool. */
  messagingServiceSid?: string;
  /** Default https://api.twilio.com; tests point it at tests/fakes/twilio.ts. */
  apiBase?: string;
  /** StatusCallback for messages that do not name their own. */
  statusCallbackUrl?: string;
  timeoutMs?: number;
  fetch?: Fetch;
}

/** Twilio error 21610: the recipient replied STOP to this sender; Twilio refuses until START. */
export const TWILIO_UNSUBSCRIBED_RECIPIENT = '21610';

/** One POST to the Messages resource: the Message sid, or a ProviderError like Twilio's answer. */
function twilioMessagesPoster(options: Omit<TwilioOptions, 'from' | 'messagingServiceSid'>) {
  const { accountSid } = options;
  if (!accountSid) throw new Error('createTwilioSender: accountSid is required');
  if (!options.authToken && !options.apiKey) throw new Error('createTwilioSender: authToken or apiKey is required');
  const user = options.apiKey ? options.apiKey.sid : accountSid;
  const password = options.apiKey ? options.apiKey.secret : (options.authToken as string);
  const authorization = `Basic ${toBase64(`${user}:${password}`)}`;
  const url = `${(options.apiBase ?? 'https://api.twilio.com').replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`;
  const fetchImpl = options.fetch ?? sendOnce;
  const timeoutMs = options.timeoutMs ?? defaultProviderTimeoutMs;

  return async (form: URLSearchParams): Promise<SendResult> => {
    const response = await providerFetch('twilio', fetchImpl, url, {
      method: 'POST',
      headers: { Authorization: authorization, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: form.toString(),
    }, timeoutMs);
    const body = await jsonOrNull(response);
    if (response.ok && typeof body?.sid === 'string') {
      return { provider: 'twilio', providerMessageId: body.sid, captured: false };
    }
    if (response.ok) throw new ProviderError(`twilio: HTTP ${response.status} without a message sid`, true, response.status);
    const code = body?.code === undefined || body?.code === null ? null : String(body.code);
    const text = typeof body?.message === 'string' ? body.message : `HTTP ${response.status}`;
    // 21610 (unsubscribed recipient) is a 400 like other permanent errors; named for callers.
    const retryable = code !== TWILIO_UNSUBSCRIBED_RECIPIENT && retryableStatus(response.status);
    throw new ProviderError(`twilio ${code ?? response.status}: ${text}`, retryable, response.status, code);
  };
}

export function createTwilioSender(options: TwilioOptions): SmsSender {
  const { from, messagingServiceSid } = options;
  if (!from && !messagingServiceSid) throw new Error('createTwilioSender: from or messagingServiceSid is required');
  const post = twilioMessagesPoster(options);
  return {
    sendSms(message: SmsMessage): Promise<SendResult> {
      const form = new URLSearchParams({ To: message.to, Body: message.body });
      if (messagingServiceSid) form.set('MessagingServiceSid', messagingServiceSid);
      else form.set('From', from as string);
      const statusCallback = message.statusCallbackUrl ?? options.statusCallbackUrl;
      if (statusCallback) form.set('StatusCallback', statusCallback);
      return post(form);
    },
  };
}

export interface TwilioWhatsAppOptions extends Omit<TwilioOptions, 'from' | 'messagingServiceSid'> {
  /** The WhatsApp sender's number (E.164, registered with WhatsApp in Twilio); sent as whatsapp:+…; or give messagingServiceSid. */
  from?: string;
  /** A Messaging Service whose sender pool holds the WhatsApp sender. */
  messagingServiceSid?: string;
}

/**
 * WhatsApp through the same Messages resource [docs: twilio.com/docs/content/send-templates-created-with-the-content-template-builder]:
 * To and From with the whatsapp: prefix (both of the same channel, else Twilio answers 21910),
 * ContentSid of an approved template and ContentVariables as a JSON string; no Body, so a
 * business-initiated message is always a template (free text outside the 24-hour window fails with 63016).
 */
export function createTwilioWhatsAppSender(options: TwilioWhatsAppOptions): WhatsAppSender {
  const { from, messagingServiceSid } = options;
  if (!from && !messagingServiceSid) throw new Error('createTwilioWhatsAppSender: from or messagingServiceSid is required');
  const post = twilioMessagesPoster(options);
  return {
    sendWhatsApp(message: WhatsAppMessage): Promise<SendResult> {
      const form = new URLSearchParams({
        To: whatsappAddress(message.to),
        ContentSid: message.contentSid,
        ContentVariables: JSON.stringify(message.contentVariables),
      });
      if (messagingServiceSid) form.set('MessagingServiceSid', messagingServiceSid);
      else form.set('From', whatsappAddress(from as string));
      const statusCallback = message.statusCallbackUrl ?? options.statusCallbackUrl;
      if (statusCallback) form.set('StatusCallback', statusCallback);
      return post(form);
    },
  };
}
