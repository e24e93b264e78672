// A fake of Twilio's Messages API for tests: POST /2010-04-01/Accounts/{sid}/Messages.json
// (form-encoded, Basic auth) answers 201 with a Message resource (`sid` "SM…", status "queued")
// and records the request. Error injection answers like Twilio does: 500, 429 (code 20429),
// 400 code 21610 (unsubscribed recipient), never (hang), or not at all after reading the request
// (closed_connection: it closes the connection). Also signs status callbacks and
// inbound messages the way Twilio does (X-Twilio-Signature), for the webhook tests.
//
// WhatsApp (To with the whatsapp: prefix) as Twilio's Messages API takes it: From must be a
// whatsapp: address too (else 400 code 21910, "'From' and 'To' should be of the same channel"), a
// message is a Content template (ContentSid HX…, ContentVariables a JSON object; 21656 when the
// variables are not JSON) or free text (Body). Twilio accepts both with 201 "queued" and reports
// WhatsApp's refusals afterwards, in the status callback: a number that is not on WhatsApp fails
// with 63003, free text outside the 24-hour window with 63016 (docs: twilio.com/docs/api/errors/63003,
// /63016). `fateOf(message)` says how each message ends; `statusCallbackFor(message)` is the
// callback Twilio would post for it.
import { createHmac, randomBytes } from 'node:crypto';
import { type FakeServer, type Failure, sendJson, startFakeServer } from './http.ts';

export interface TwilioMessage {
  sid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  /** The text (SMS, WhatsApp free text); null for a Content template. */
  body: string | null;
  statusCallback: string | null;
  channel: 'sms' | 'whatsapp';
  contentSid: string | null;
  contentVariables: Record<string, string> | null;
}

export interface FakeTwilio extends FakeServer {
  accountSid: string;
  authToken: string;
  /** Accepted messages, oldest first. */
  messages: TwilioMessage[];
  /** Error injection; with `to`, only messages to that number fail. */
  failNextWith: (kind: keyof typeof twilioFailures, count?: number, to?: string) => void;
  /** E.164 numbers that are not WhatsApp users: messages to them fail with 63003 afterwards. */
  notOnWhatsApp: Set<string>;
  /** E.164 numbers that wrote to the WhatsApp sender in the last 24 hours (free text allowed). */
  whatsAppSessions: Set<string>;
  /** How a message ends: delivered, or failed with Twilio's error code. */
  fateOf: (message: TwilioMessage) => { status: 'delivered' | 'failed'; errorCode: string | null };
  /** The status callback Twilio posts when the message ends (sign it with signTwilioRequest). */
  statusCallbackFor: (message: TwilioMessage) => Record<string, string>;
}

export const twilioFailures: Record<'server_error' | 'rate_limited' | 'unsubscribed' | 'not_on_whatsapp' | 'hang' | 'closed_connection', Failure> = {
  server_error: { status: 500, body: { code: 20500, message: 'Internal Server Error', more_info: 'https://www.twilio.com/docs/errors/20500', status: 500 } },
  rate_limited: { status: 429, body: { code: 20429, message: 'Too Many Requests', more_info: 'https://www.twilio.com/docs/errors/20429', status: 429 } },
  unsubscribed: { status: 400, body: { code: 21610, message: 'Attempt to send to unsubscribed recipient', more_info: 'https://www.twilio.com/docs/errors/21610', status: 400 } },
  // Twilio reports this in the status callback as a rule; some senders get it at once.
  not_on_whatsapp: { status: 400, body: { code: 63003, message: 'Channel could not find To address', more_info: 'https://www.twilio.com/docs/errors/63003', status: 400 } },
  hang: 'hang',
  closed_connection: 'close',
};

export async function startFakeTwilio({ accountSid = `AC${randomBytes(16).toString('hex')}`, authToken = randomBytes(16).toString('hex') } = {}): Promise<FakeTwilio> {
  const messages: TwilioMessage[] = [];
  const notOnWhatsApp = new Set<string>();
  const whatsAppSessions = new Set<string>();
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const server = await startFakeServer((request, response) => {
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(request.path);
    if (request.method !== 'POST' || !match) {
      sendJson(response, 404, { code: 20404, message: 'The requested resource was not found', status: 404 });
      return;
    }
    if (match[1] !== accountSid || request.headers.authorization !== expectedAuth) {
      sendJson(response, 401, { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });
      return;
    }
    const form = new URLSearchParams(request.body);
    const to = form.get('To');
    const body = form.get('Body');
    const contentSid = form.get('ContentSid');
    if (!to || (!body && !contentSid) || (!form.get('From') && !form.get('MessagingServiceSid'))) {
      sendJson(response, 400, { code: 21604, message: "A 'To' phone number, a 'Body' or 'ContentSid' and a 'From' or 'MessagingServiceSid' are required.", status: 400 });
      return;
    }
    const channel = to.startsWith('whatsapp:') ? 'whatsapp' : 'sms';
    const from = form.get('From');
    if (from && from.startsWith('whatsapp:') !== (channel === 'whatsapp')) {
      sendJson(response, 400, { code: 21910, message: "Invalid 'From' and 'To' pair. 'From' and 'To' should be of the same channel", more_info: 'https://www.twilio.com/docs/errors/21910', status: 400 });
      return;
    }
    let contentVariables: Record<string, string> | null = null;
    if (contentSid) {
      try {
        const parsed = JSON.parse(form.get('ContentVariables') ?? '{}') as unknown;
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
        contentVariables = parsed as Record<string, string>;
      } catch {
        sendJson(response, 400, { code: 21656, message: 'The ContentVariables Parameter is invalid.', more_info: 'https://www.twilio.com/docs/errors/21656', status: 400 });
        return;
      }
    }
    const message: TwilioMessage = {
      sid: `SM${randomBytes(16).toString('hex')}`,
      to,
      from,
      messagingServiceSid: form.get('MessagingServiceSid'),
      body: contentSid ? null : body,
      statusCallback: form.get('StatusCallback'),
      channel,
      contentSid,
      contentVariables,
    };
    messages.push(message);
    const now = new Date().toUTCString();
    sendJson(response, 201, {
      account_sid: accountSid,
      api_version: '2010-04-01',
      body,
      date_created: now,
      date_updated: now,
      date_sent: null,
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from: message.from,
      messaging_service_sid: message.messagingServiceSid,
      num_media: '0',
      num_segments: channel === 'whatsapp' ? '0' : '1',
      price: null,
      price_unit: 'USD',
      sid: message.sid,
      status: 'queued',
      to,
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}.json`,
    });
  });
  const fateOf = (message: TwilioMessage): { status: 'delivered' | 'failed'; errorCode: string | null } => {
    if (message.channel !== 'whatsapp') return { status: 'delivered', errorCode: null };
    const number = message.to.slice('whatsapp:'.length);
    if (notOnWhatsApp.has(number)) return { status: 'failed', errorCode: '63003' };
    if (message.contentSid === null && !whatsAppSessions.has(number)) return { status: 'failed', errorCode: '63016' };
    return { status: 'delivered', errorCode: null };
  };
  return {
    ...server,
    accountSid,
    authToken,
    messages,
    notOnWhatsApp,
    whatsAppSessions,
    fateOf,
    statusCallbackFor: (message) => {
      const fate = fateOf(message);
      return statusCallbackParams(accountSid, message.sid, fate.status, {
        From: message.from ?? '+15005550006',
        To: message.to,
        ...(fate.errorCode ? { ErrorCode: fate.errorCode } : {}),
        ...(message.channel === 'whatsapp' ? { ChannelPrefix: 'whatsapp' } : {}),
      });
    },
    failNextWith: (kind, count = 1, to) =>
      server.failNext(twilioFailures[kind], count, to === undefined ? undefined : (request) => new URLSearchParams(request.body).get('To') === to),
  };
}

/** X-Twilio-Signature for a form POST to `url` (node:crypto; independent of the code under test). */
export function signTwilioRequest(authToken: string, url: string, params: Record<string, string>): string {
  const data = url + Object.keys(params).sort().map((name) => name + params[name]).join('');
  return createHmac('sha1', authToken).update(data).digest('base64');
}

/** A status callback as Twilio posts it for an outbound message. */
export function statusCallbackParams(accountSid: string, messageSid: string, status: string, extra: Record<string, string> = {}): Record<string, string> {
  return { AccountSid: accountSid, ApiVersion: '2010-04-01', From: '+15005550006', MessageSid: messageSid, MessageStatus: status, SmsSid: messageSid, SmsStatus: status, To: '+447700900123', ...extra };
}

/** An inbound SMS as Twilio posts it to the number's webhook. */
export function inboundMessageParams(accountSid: string, from: string, body: string, extra: Record<string, string> = {}): Record<string, string> {
  const sid = `SM${randomBytes(16).toString('hex')}`;
  return { AccountSid: accountSid, ApiVersion: '2010-04-01', Body: body, From: from, MessageSid: sid, NumMedia: '0', NumSegments: '1', SmsMessageSid: sid, SmsSid: sid, SmsStatus: 'received', To: '+15005550006', ...extra };
}
