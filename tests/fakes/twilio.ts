// A fake of Twilio's Messages API for tests: POST /2010-04-01/Accounts/{sid}/Messages.json
// (form-encoded, Basic auth) answers 201 with a Message resource (`sid` "SM…", status "queued")
// and records the request. Error injection answers like Twilio does: 500, 429 (code 20429),
// 400 code 21610 (unsubscribed recipient), never (hang), or not at all after reading the request
// (closed_connection: it closes the connection). Also signs status callbacks and
// inbound messages the way Twilio does (X-Twilio-Signature), for the webhook tests.
import { createHmac, randomBytes } from 'node:crypto';
import { type FakeServer, type Failure, sendJson, startFakeServer } from './http.ts';

export interface TwilioMessage {
  sid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  statusCallback: string | null;
}

export interface FakeTwilio extends FakeServer {
  accountSid: string;
  authToken: string;
  /** Accepted messages, oldest first. */
  messages: TwilioMessage[];
  /** Error injection; with `to`, only messages to that number fail. */
  failNextWith: (kind: keyof typeof twilioFailures, count?: number, to?: string) => void;
}

export const twilioFailures: Record<'server_error' | 'rate_limited' | 'unsubscribed' | 'hang' | 'closed_connection', Failure> = {
  server_error: { status: 500, body: { code: 20500, message: 'Internal Server Error', more_info: 'https://www.twilio.com/docs/errors/20500', status: 500 } },
  rate_limited: { status: 429, body: { code: 20429, message: 'Too Many Requests', more_info: 'https://www.twilio.com/docs/errors/20429', status: 429 } },
  unsubscribed: { status: 400, body: { code: 21610, message: 'Attempt to send to unsubscribed recipient', more_info: 'https://www.twilio.com/docs/errors/21610', status: 400 } },
  hang: 'hang',
  closed_connection: 'close',
};

export async function startFakeTwilio({ accountSid = `AC${randomBytes(16).toString('hex')}`, authToken = randomBytes(16).toString('hex') } = {}): Promise<FakeTwilio> {
  const messages: TwilioMessage[] = [];
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
    if (!to || !body || (!form.get('From') && !form.get('MessagingServiceSid'))) {
      sendJson(response, 400, { code: 21604, message: "A 'To' phone number, a 'Body' and a 'From' or 'MessagingServiceSid' are required.", status: 400 });
      return;
    }
    const message: TwilioMessage = {
      sid: `SM${randomBytes(16).toString('hex')}`,
      to,
      from: form.get('From'),
      messagingServiceSid: form.get('MessagingServiceSid'),
      body,
      statusCallback: form.get('StatusCallback'),
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
      num_segments: '1',
      price: null,
      price_unit: 'USD',
      sid: message.sid,
      status: 'queued',
      to,
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}.json`,
    });
  });
  return {
    ...server,
    accountSid,
    authToken,
    messages,
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
