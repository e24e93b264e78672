// twilio-webhook and resend-webhook handlers with an injected store (no database).
import { describe, expect, it } from 'vitest';
import type { DeliveryStore } from '../../supabase/functions/_shared/messaging/delivery.ts';
import { createResendWebhookHandler } from '../../supabase/functions/resend-webhook/handler.ts';
import { createWebhookVerifier } from '../../supabase/functions/_shared/standard-webhooks.ts';
import { createTwilioWebhookHandler, publicUrlOf } from '../../supabase/functions/twilio-webhook/handler.ts';
import { newResendWebhookSecret, resendEvent, signResendEvent } from '../fakes/resend.ts';
import { inboundMessageParams, signTwilioRequest, statusCallbackParams } from '../fakes/twilio.ts';

function recordingStore(found = true) {
  const calls: unknown[][] = [];
  const store: DeliveryStore = {
    recordDeliveryStatus: (...args) => (calls.push(['status', ...args]), Promise.resolve(found)),
    recordOptOut: (...args) => (calls.push(['opt_out', ...args]), Promise.resolve()),
    recordOptIn: (...args) => (calls.push(['opt_in', ...args]), Promise.resolve()),
    fallBackToSms: (...args) => (calls.push(['fallback', ...args]), Promise.resolve(true)),
  };
  return { store, calls };
}

describe('twilio-webhook handler', () => {
  const authToken = 'twilio-auth-token';
  const publicUrl = 'https://abc.supabase.co/functions/v1/twilio-webhook';
  const setup = (webhookUrl?: string) => {
    const { store, calls } = recordingStore();
    return { handler: createTwilioWebhookHandler({ ...store, authToken, webhookUrl, log: () => {} }), calls };
  };
  // What the function sees behind the gateway: its own path on an internal host, plus x-forwarded-*.
  const request = (params: Record<string, string>, signature: string | null, headers: Record<string, string> = {}) =>
    new Request('http://127.0.0.1:40001/twilio-webhook', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'abc.supabase.co',
        ...(signature === null ? {} : { 'x-twilio-signature': signature }),
        ...headers,
      },
      body: new URLSearchParams(params).toString(),
    });

  it('rebuilds the public URL Twilio signed from x-forwarded-* and the function path', () => {
    expect(publicUrlOf(request({}, null))).toBe(publicUrl);
    expect(publicUrlOf(new Request('http://127.0.0.1:1/twilio-webhook?a=1', { headers: { host: 'localhost:54321' } }))).toBe('http://localhost:54321/functions/v1/twilio-webhook?a=1');
  });

  it('STOP and START on WhatsApp change the WhatsApp opt-out only; a refused WhatsApp message falls back to SMS', async () => {
    const { handler, calls } = setup();
    for (const body of ['STOP', 'start']) {
      const params = inboundMessageParams('AC1', 'whatsapp:+447700900123', body, { To: 'whatsapp:+14155238886' });
      expect((await handler(request(params, signTwilioRequest(authToken, publicUrl, params)))).status).toBe(200);
    }
    expect(calls).toEqual([
      ['opt_out', 'whatsapp', '+447700900123', 'whatsapp_stop', { id: expect.stringMatching(/^SM/), occurredAt: null }],
      ['opt_in', 'whatsapp', '+447700900123', { id: expect.stringMatching(/^SM/), occurredAt: null }],
    ]);
    calls.length = 0;
    for (const [to, code] of [['whatsapp:+447700900123', '63003'], ['whatsapp:+447700900123', '63016'], ['whatsapp:+447700900123', '63018'], ['+447700900123', '63003']]) {
      const params = statusCallbackParams('AC1', 'SMwa1', 'failed', { To: to as string, ErrorCode: code as string });
      await handler(request(params, signTwilioRequest(authToken, publicUrl, params)));
    }
    expect(calls.filter((call) => call[0] === 'fallback')).toEqual([
      ['fallback', 'twilio', 'SMwa1', 'twilio failed (error 63003)'],
      ['fallback', 'twilio', 'SMwa1', 'twilio failed (error 63016)'],
    ]);
  });

  it('records delivered and undelivered status callbacks; ignores sent', async () => {
    const { handler, calls } = setup();
    for (const [status, extra] of [['delivered', {}], ['undelivered', { ErrorCode: '30003' }], ['failed', {}], ['sent', {}]] as const) {
      const params = statusCallbackParams('AC1', 'SM123', status, extra);
      const response = await handler(request(params, signTwilioRequest(authToken, publicUrl, params)));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/xml');
      expect(await response.text()).toContain('<Response/>');
    }
    expect(calls).toEqual([
      ['status', 'twilio', 'SM123', 'delivered', null],
      ['status', 'twilio', 'SM123', 'undelivered', 'twilio undelivered (error 30003)'],
      ['status', 'twilio', 'SM123', 'undelivered', 'twilio failed'],
    ]);
  });

  it('a failed callback with error 21610 also opts the recipient out', async () => {
    const { handler, calls } = setup();
    const params = statusCallbackParams('AC1', 'SM9', 'failed', { ErrorCode: '21610', To: '+447700900999' });
    expect((await handler(request(params, signTwilioRequest(authToken, publicUrl, params)))).status).toBe(200);
    expect(calls).toEqual([
      ['status', 'twilio', 'SM9', 'undelivered', 'twilio failed (error 21610)'],
      ['opt_out', 'sms', '+447700900999', 'sms_stop', { id: 'SM9:failed', occurredAt: null }],
    ]);
  });

  it('STOP-type keywords opt the sender out, START-type opt in, other texts change nothing; each names its MessageSid', async () => {
    const { handler, calls } = setup(publicUrl);
    const sids: string[] = [];
    for (const body of ['STOP', ' stop ', 'Unsubscribe', 'start', 'hello, can I move my appointment?']) {
      const params = inboundMessageParams('AC1', '+447700900123', body);
      sids.push(params.MessageSid!);
      expect((await handler(request(params, signTwilioRequest(authToken, publicUrl, params)))).status).toBe(200);
    }
    expect(calls).toEqual([
      ['opt_out', 'sms', '+447700900123', 'sms_stop', { id: sids[0], occurredAt: null }],
      ['opt_out', 'sms', '+447700900123', 'sms_stop', { id: sids[1], occurredAt: null }],
      ['opt_out', 'sms', '+447700900123', 'sms_stop', { id: sids[2], occurredAt: null }],
      ['opt_in', 'sms', '+447700900123', { id: sids[3], occurredAt: null }],
    ]);
  });

  it('rejects missing, wrong and tampered signatures with 403 and changes nothing', async () => {
    const { handler, calls } = setup();
    const params = statusCallbackParams('AC1', 'SM123', 'delivered');
    const good = signTwilioRequest(authToken, publicUrl, params);
    const responses = [
      await handler(request(params, null)),
      await handler(request(params, signTwilioRequest('other-token', publicUrl, params))),
      await handler(request({ ...params, MessageStatus: 'undelivered' }, good)),
      // signed for another URL (e.g. a different project)
      await handler(request(params, good, { 'x-forwarded-host': 'evil.example' })),
    ];
    for (const response of responses) {
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: 'invalid_signature' });
    }
    expect(calls).toEqual([]);
  });
});

describe('resend-webhook handler', () => {
  const secret = newResendWebhookSecret();
  const setup = (found = true) => {
    const { store, calls } = recordingStore(found);
    return { handler: createResendWebhookHandler({ ...store, verifier: createWebhookVerifier(secret), log: () => {} }), calls };
  };
  const request = (payload: string, headers: Record<string, string>) =>
    new Request('http://127.0.0.1:40002/resend-webhook', { method: 'POST', headers, body: payload });
  const signed = (event: unknown, options?: Parameters<typeof signResendEvent>[2]) => {
    const payload = JSON.stringify(event);
    return request(payload, signResendEvent(payload, secret, options));
  };

  it('maps delivered, bounced, failed and complained; ignores other events', async () => {
    const { handler, calls } = setup();
    const answers = [];
    const complaint = { svixId: '', createdAt: '' };
    for (const [type, extra] of [
      ['email.delivered', {}],
      ['email.bounced', { bounce: { message: 'mailbox does not exist', type: 'Permanent' } }],
      ['email.failed', { failed: { reason: 'reached_daily_quota' } }],
      ['email.complained', {}],
      ['email.opened', {}],
    ] as const) {
      const event = resendEvent(type, 'em-1', 'Ana@Example.test', extra);
      const svixId = `msg_${type}`;
      if (type === 'email.complained') Object.assign(complaint, { svixId, createdAt: event.created_at });
      const response = await handler(signed(event, { id: svixId }));
      expect(response.status).toBe(200);
      answers.push(((await response.json()) as { outcome: string }).outcome);
    }
    expect(answers).toEqual(['processed', 'processed', 'processed', 'processed', 'ignored']);
    expect(calls).toEqual([
      ['status', 'resend', 'em-1', 'delivered', null],
      ['status', 'resend', 'em-1', 'undelivered', 'resend email.bounced: mailbox does not exist'],
      ['status', 'resend', 'em-1', 'undelivered', 'resend email.failed: reached_daily_quota'],
      ['opt_out', 'email', 'ana@example.test', 'email_complaint', { id: complaint.svixId, occurredAt: new Date(complaint.createdAt) }],
      ['status', 'resend', 'em-1', 'undelivered', 'resend email.complained'],
    ]);
  });

  it('answers unmatched (200) for an email it does not know', async () => {
    const { handler } = setup(false);
    expect(await (await handler(signed(resendEvent('email.delivered', 'em-x', 'a@example.test')))).json()).toEqual({ received: true, outcome: 'unmatched' });
  });

  it('rejects missing, wrong, tampered and stale signatures with 400 and changes nothing', async () => {
    const { handler, calls } = setup();
    const payload = JSON.stringify(resendEvent('email.delivered', 'em-1', 'a@example.test'));
    const headers = signResendEvent(payload, secret);
    const responses = [
      await handler(request(payload, { 'content-type': 'application/json' })),
      await handler(request(payload, signResendEvent(payload, newResendWebhookSecret()))),
      await handler(request(payload.replace('email.delivered', 'email.bounced'), headers)),
      await handler(signed(resendEvent('email.delivered', 'em-1', 'a@example.test'), { timestamp: new Date(Date.now() - 10 * 60_000) })),
    ];
    for (const response of responses) {
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'invalid_signature' });
    }
    expect(calls).toEqual([]);
  });
});
