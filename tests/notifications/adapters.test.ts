// The Twilio, Resend and dev-outbox adapters of supabase/functions/_shared/messaging, against the
// local fake providers in tests/fakes (real HTTP, no network).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevOutbox, DEV_OUTBOX_BANNER } from '../../supabase/functions/_shared/messaging/dev-outbox.ts';
import { createResendSender } from '../../supabase/functions/_shared/messaging/resend.ts';
import { sendersFromEnv } from '../../supabase/functions/_shared/messaging/senders.ts';
import { createTwilioWhatsAppSender } from '../../supabase/functions/_shared/messaging/twilio.ts';
import { createTwilioSender } from '../../supabase/functions/_shared/messaging/twilio.ts';
import { twilioSignature, verifyTwilioSignature } from '../../supabase/functions/_shared/messaging/twilio-signature.ts';
import { ProviderError } from '../../supabase/functions/_shared/messaging/types.ts';
import { type FakeResend, startFakeResend } from '../fakes/resend.ts';
import { type FakeTwilio, signTwilioRequest, startFakeTwilio } from '../fakes/twilio.ts';

let twilio: FakeTwilio;
let resend: FakeResend;

beforeAll(async () => {
  [twilio, resend] = await Promise.all([startFakeTwilio(), startFakeResend()]);
});
afterAll(async () => {
  await Promise.all([twilio?.close(), resend?.close()]);
});

async function providerErrorOf(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('createTwilioSender', () => {
  const sender = () => createTwilioSender({ accountSid: twilio.accountSid, authToken: twilio.authToken, from: '+15005550006', apiBase: twilio.url, timeoutMs: 500 });

  it('posts a form-encoded message with Basic auth and the status callback, and returns the SM sid', async () => {
    const result = await sender().sendSms({ to: '+447700900123', body: 'Reminder: Mon 3 Mar, 09:30', statusCallbackUrl: 'https://example.test/functions/v1/twilio-webhook' });
    expect(result).toEqual({ provider: 'twilio', providerMessageId: expect.stringMatching(/^SM[0-9a-f]{32}$/), captured: false });
    const request = twilio.requests.at(-1)!;
    expect(request.path).toBe(`/2010-04-01/Accounts/${twilio.accountSid}/Messages.json`);
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
      To: '+447700900123',
      Body: 'Reminder: Mon 3 Mar, 09:30',
      From: '+15005550006',
      StatusCallback: 'https://example.test/functions/v1/twilio-webhook',
    });
  });

  it('uses MessagingServiceSid instead of From when configured', async () => {
    await createTwilioSender({ accountSid: twilio.accountSid, authToken: twilio.authToken, messagingServiceSid: 'MG0123', apiBase: twilio.url }).sendSms({ to: '+447700900123', body: 'x' });
    const form = new URLSearchParams(twilio.requests.at(-1)!.body);
    expect(form.get('MessagingServiceSid')).toBe('MG0123');
    expect(form.has('From')).toBe(false);
  });

  it('21610 (recipient replied STOP) is permanent and names the code', async () => {
    twilio.failNextWith('unsubscribed');
    const error = await providerErrorOf(sender().sendSms({ to: '+447700900123', body: 'x' }));
    expect(error).toMatchObject({ retryable: false, status: 400, providerCode: '21610' });
  });

  it('500 and 429 are retryable', async () => {
    twilio.failNextWith('server_error');
    expect(await providerErrorOf(sender().sendSms({ to: '+447700900123', body: 'x' }))).toMatchObject({ retryable: true, status: 500 });
    twilio.failNextWith('rate_limited');
    expect(await providerErrorOf(sender().sendSms({ to: '+447700900123', body: 'x' }))).toMatchObject({ retryable: true, status: 429, providerCode: '20429' });
  });

  it('a hanging provider becomes a retryable timeout', async () => {
    twilio.failNextWith('hang');
    const started = Date.now();
    expect(await providerErrorOf(sender().sendSms({ to: '+447700900123', body: 'x' }))).toMatchObject({ retryable: true, status: null, providerCode: 'timeout' });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('a refused connection is retryable; a wrong token is retryable (configuration, not the message)', async () => {
    const closed = createTwilioSender({ accountSid: 'AC1', authToken: 't', from: '+1', apiBase: 'http://127.0.0.1:9' });
    expect(await providerErrorOf(closed.sendSms({ to: '+447700900123', body: 'x' }))).toMatchObject({ retryable: true, providerCode: 'network' });
    const wrong = createTwilioSender({ accountSid: twilio.accountSid, authToken: 'wrong', from: '+1', apiBase: twilio.url });
    expect(await providerErrorOf(wrong.sendSms({ to: '+447700900123', body: 'x' }))).toMatchObject({ retryable: true, status: 401, providerCode: '20003' });
  });
});

describe('twilio signatures', () => {
  it('match an independent HMAC-SHA1 implementation and reject tampering', async () => {
    const url = 'https://abc.supabase.co/functions/v1/twilio-webhook?x=1';
    const params = { MessageStatus: 'delivered', MessageSid: 'SM1', AccountSid: 'AC1', Body: 'a b+c' };
    const expected = signTwilioRequest('token', url, params);
    expect(await twilioSignature('token', url, params)).toBe(expected);
    expect(await verifyTwilioSignature('token', url, new URLSearchParams(params), expected)).toBe(true);
    expect(await verifyTwilioSignature('token', url, { ...params, MessageStatus: 'failed' }, expected)).toBe(false);
    expect(await verifyTwilioSignature('other', url, params, expected)).toBe(false);
    expect(await verifyTwilioSignature('token', url.replace('https', 'http'), params, expected)).toBe(false);
    expect(await verifyTwilioSignature('token', url, params, null)).toBe(false);
    expect(await verifyTwilioSignature('token', url, params, '')).toBe(false);
  });
});

describe('createResendSender', () => {
  const sender = () => createResendSender({ apiKey: resend.apiKey, from: 'Clinic <bookings@example.test>', apiBase: resend.url, timeoutMs: 500 });

  it('posts JSON with the key and Idempotency-Key, returns the id; a replayed key sends nothing new', async () => {
    const before = resend.emails.length;
    const message = { to: 'ana@example.test', subject: 'Booked', text: 'See you', idempotencyKey: 'notification/1' };
    const first = await sender().sendEmail(message);
    expect(first).toEqual({ provider: 'resend', providerMessageId: expect.any(String), captured: false });
    const request = resend.requests.at(-1)!;
    expect(request.headers['idempotency-key']).toBe('notification/1');
    expect(JSON.parse(request.body)).toEqual({ from: 'Clinic <bookings@example.test>', to: ['ana@example.test'], subject: 'Booked', text: 'See you' });
    expect((await sender().sendEmail(message)).providerMessageId).toBe(first.providerMessageId);
    expect(resend.emails.length).toBe(before + 1);
  });

  it('maps 500/429/timeouts to retryable and 422 to permanent', async () => {
    const message = { to: 'ana@example.test', subject: 's', text: 't' };
    resend.failNextWith('server_error');
    expect(await providerErrorOf(sender().sendEmail(message))).toMatchObject({ retryable: true, status: 500 });
    resend.failNextWith('rate_limited');
    expect(await providerErrorOf(sender().sendEmail(message))).toMatchObject({ retryable: true, status: 429, providerCode: 'rate_limit_exceeded' });
    resend.failNextWith('invalid');
    expect(await providerErrorOf(sender().sendEmail(message))).toMatchObject({ retryable: false, status: 422, providerCode: 'validation_error' });
    resend.failNextWith('hang');
    expect(await providerErrorOf(sender().sendEmail(message))).toMatchObject({ retryable: true, providerCode: 'timeout' });
  });
});

describe('the fake Twilio answers WhatsApp like Twilio', () => {
  it('refuses a WhatsApp To with an SMS From (21910) and reports refusals in the status callback', async () => {
    const wa = createTwilioWhatsAppSender({ accountSid: twilio.accountSid, authToken: twilio.authToken, from: '+14155238886', apiBase: twilio.url });
    const mixed = await fetch(`${twilio.url}/2010-04-01/Accounts/${twilio.accountSid}/Messages.json`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ To: 'whatsapp:+447700900123', From: '+15005550006', Body: 'hi' }).toString(),
    });
    expect(mixed.status).toBe(400);
    expect((await mixed.json()).code).toBe(21910);
    twilio.notOnWhatsApp.add('+447700900999');
    await wa.sendWhatsApp({ to: '+447700900999', contentSid: `HX${'a'.repeat(32)}`, contentVariables: { 1: 'x' } });
    expect(twilio.statusCallbackFor(twilio.messages.at(-1)!)).toMatchObject({ MessageStatus: 'failed', ErrorCode: '63003', To: 'whatsapp:+447700900999' });
    await wa.sendWhatsApp({ to: '+447700900123', contentSid: `HX${'a'.repeat(32)}`, contentVariables: { 1: 'x' } });
    expect(twilio.statusCallbackFor(twilio.messages.at(-1)!)).toMatchObject({ MessageStatus: 'delivered' });
    twilio.failNextWith('not_on_whatsapp', 1, 'whatsapp:+447700900998');
    const refused = await wa.sendWhatsApp({ to: '+447700900998', contentSid: `HX${'a'.repeat(32)}`, contentVariables: { 1: 'x' } }).catch((error) => error);
    expect(refused).toBeInstanceOf(ProviderError);
    expect(refused).toMatchObject({ retryable: false, providerCode: '63003' });
  });
});

describe('createDevOutbox', () => {
  it('captures instead of sending and prints one labelled block', async () => {
    const lines: string[] = [];
    const outbox = createDevOutbox({ log: (text) => lines.push(text) });
    const sms = await outbox.sendSms({ to: '+447700900123', body: 'Your code is 123456' });
    const email = await outbox.sendEmail({ to: 'ana@example.test', subject: 'Booked', text: 'Line 1\nLine 2' });
    expect(sms).toEqual({ provider: 'dev_outbox', providerMessageId: expect.stringMatching(/^dev_/), captured: true });
    expect(email.captured).toBe(true);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(DEV_OUTBOX_BANNER);
    expect(lines[0]).toContain('+447700900123');
    expect(lines[1]).toContain('subject: Booked');
    expect(lines[1]).toContain('│ Line 2');
    expect(outbox.messages.map((m) => m.channel)).toEqual(['sms', 'email']);
  });
});

describe('sendersFromEnv', () => {
  const quiet = { log: () => {} };

  it('uses the dev outbox for both channels without keys, and says so', () => {
    const lines: string[] = [];
    const senders = sendersFromEnv({}, { log: (line) => lines.push(line) });
    expect(senders.providers).toEqual({ sms: 'dev_outbox', email: 'dev_outbox', whatsapp: 'dev_outbox' });
    expect(senders.sms).toBe(senders.email);
    expect(senders.whatsapp).toBe(senders.sms);
    expect(lines).toEqual([expect.stringContaining('NOT SENT')]);
  });

  it('picks each provider per channel when its keys are set', async () => {
    const senders = sendersFromEnv({ TWILIO_ACCOUNT_SID: twilio.accountSid, TWILIO_AUTH_TOKEN: twilio.authToken, TWILIO_FROM: '+15005550006', TWILIO_API_BASE: twilio.url, TWILIO_WEBHOOK_URL: 'https://hooks.example.test/twilio' }, quiet);
    expect(senders.providers).toEqual({ sms: 'twilio', email: 'dev_outbox', whatsapp: 'none' });
    expect(senders.whatsapp).toBeNull();
    await senders.sms.sendSms({ to: '+447700900123', body: 'x' });
    expect(new URLSearchParams(twilio.requests.at(-1)!.body).get('StatusCallback')).toBe('https://hooks.example.test/twilio');
    const email = sendersFromEnv({ RESEND_API_KEY: resend.apiKey, RESEND_FROM: 'a@example.test', RESEND_API_BASE: resend.url }, quiet);
    expect(email.providers).toEqual({ sms: 'dev_outbox', email: 'resend', whatsapp: 'dev_outbox' });
  });

  it('sends WhatsApp through Twilio when a WhatsApp sender is set, and reads the OTP templates', async () => {
    const senders = sendersFromEnv({
      TWILIO_ACCOUNT_SID: twilio.accountSid, TWILIO_AUTH_TOKEN: twilio.authToken, TWILIO_FROM: '+15005550006', TWILIO_API_BASE: twilio.url,
      TWILIO_WHATSAPP_FROM: '+14155238886', TWILIO_WHATSAPP_OTP_CONTENT_SID: `en=HX${'1'.repeat(32)}, es=HX${'2'.repeat(32)}`,
      TWILIO_WEBHOOK_URL: 'https://hooks.example.test/twilio',
    }, quiet);
    expect(senders.providers.whatsapp).toBe('twilio');
    expect(senders.whatsappOtpContentSids).toEqual({ en: `HX${'1'.repeat(32)}`, es: `HX${'2'.repeat(32)}` });
    const result = await senders.whatsapp!.sendWhatsApp({ to: '+447700900123', contentSid: `HX${'a'.repeat(32)}`, contentVariables: { 1: 'Ana', 2: 'Tue' } });
    expect(result).toEqual({ provider: 'twilio', providerMessageId: expect.stringMatching(/^SM/), captured: false });
    const form = new URLSearchParams(twilio.requests.at(-1)!.body);
    expect(Object.fromEntries(form)).toEqual({
      To: 'whatsapp:+447700900123', From: 'whatsapp:+14155238886', ContentSid: `HX${'a'.repeat(32)}`,
      ContentVariables: '{"1":"Ana","2":"Tue"}', StatusCallback: 'https://hooks.example.test/twilio',
    });
    expect(twilio.messages.at(-1)).toMatchObject({ channel: 'whatsapp', body: null, contentVariables: { 1: 'Ana', 2: 'Tue' } });
    expect(() => sendersFromEnv({ TWILIO_WHATSAPP_FROM: '+14155238886' }, quiet)).toThrow(/Twilio is partly configured/);
    expect(() => sendersFromEnv({ TWILIO_WHATSAPP_OTP_CONTENT_SID: 'nope' }, quiet)).toThrow(/TWILIO_WHATSAPP_OTP_CONTENT_SID/);
  });

  it('refuses a half-configured provider, naming what is missing and no values', () => {
    expect(() => sendersFromEnv({ TWILIO_ACCOUNT_SID: 'AC-secret-sid' }, quiet)).toThrow(/TWILIO_AUTH_TOKEN, TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID are not set/);
    expect(() => sendersFromEnv({ RESEND_API_KEY: 're_secret' }, quiet)).toThrow(/RESEND_FROM is not set/);
    try {
      sendersFromEnv({ RESEND_API_KEY: 're_secret' }, quiet);
    } catch (error) {
      expect(String(error)).not.toContain('re_secret');
    }
  });
});
