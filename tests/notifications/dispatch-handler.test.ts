// dispatch-notifications' handler with injected claim/record/senders (no database, no network).
import { describe, expect, it } from 'vitest';
import { type ClaimedNotification, createDispatchHandler, type DispatchDependencies, type NotificationResult } from '../../supabase/functions/dispatch-notifications/handler.ts';
import { createDevOutbox } from '../../supabase/functions/_shared/messaging/dev-outbox.ts';
import { type EmailMessage, ProviderError, type SmsMessage } from '../../supabase/functions/_shared/messaging/types.ts';
import { createCallerVerifier } from '../../supabase/functions/_shared/caller.ts';
import { secretKey, testProject } from '../../supabase/functions/tests/callers.ts';

const project = await testProject();
const verifyCaller = createCallerVerifier(project.env);
const url = 'http://localhost/dispatch-notifications';
const post = (headers: Record<string, string> = { apikey: secretKey }) => new Request(url, { method: 'POST', headers });

function notification(overrides: Partial<ClaimedNotification> = {}): ClaimedNotification {
  return { id: crypto.randomUUID(), tenant_id: 't1', kind: 'reminder', channel: 'sms', recipient: '+447700900123', subject: null, body: 'Reminder', attempts: 1, dedupe_key: 'k', ...overrides };
}

function setup(queue: ClaimedNotification[][], overrides: Partial<DispatchDependencies> = {}) {
  const recorded: NotificationResult[] = [];
  const sms: SmsMessage[] = [];
  const email: EmailMessage[] = [];
  const claims: Array<[number, number]> = [];
  const whatsappFlags: boolean[] = [];
  const deps: DispatchDependencies = {
    claim: (max, lease, whatsapp) => {
      claims.push([max, lease]);
      whatsappFlags.push(whatsapp);
      return Promise.resolve(queue.shift() ?? []);
    },
    record: (result) => {
      recorded.push(result);
      return Promise.resolve();
    },
    senders: {
      sms: { sendSms: (m) => (sms.push(m), Promise.resolve({ provider: 'twilio', providerMessageId: `SM${sms.length}`, captured: false })) },
      email: { sendEmail: (m) => (email.push(m), Promise.resolve({ provider: 'resend', providerMessageId: `em${email.length}`, captured: false })) },
    },
    statusCallbackUrl: 'https://example.test/functions/v1/twilio-webhook',
    verifyCaller,
    batchSize: 2,
    log: () => {},
    ...overrides,
  };
  return { handler: createDispatchHandler(deps), recorded, sms, email, claims, whatsappFlags };
}

describe('dispatch-notifications handler', () => {
  it('claims WhatsApp only with a WhatsApp sender, sends the template, and falls back on a recipient refusal', async () => {
    const sid = `HX${'c'.repeat(32)}`;
    const ok = notification({ channel: 'whatsapp', content_sid: sid, content_variables: { 1: 'Ana' } });
    const refused = notification({ channel: 'whatsapp', content_sid: sid, content_variables: { 1: 'Bo' } });
    const broken = notification({ channel: 'whatsapp', content_sid: null, content_variables: null });
    const sent: unknown[] = [];
    const { handler, recorded, whatsappFlags } = setup([[ok, refused], [broken]], {
      senders: {
        sms: { sendSms: () => Promise.reject(new Error('no sms expected')) },
        email: { sendEmail: () => Promise.reject(new Error('no email expected')) },
        whatsapp: {
          sendWhatsApp: (m) => {
            sent.push(m);
            return m.contentVariables['1'] === 'Bo'
              ? Promise.reject(new ProviderError('twilio 63003: Channel could not find To address', false, 400, '63003'))
              : Promise.resolve({ provider: 'twilio', providerMessageId: 'SMwa1', captured: false });
          },
        },
      },
    });
    const response = await handler(post());
    expect(await response.json()).toMatchObject({ sent: 1, fellBack: 1, failed: 1 });
    expect(whatsappFlags).toEqual([true, true]);
    expect(sent[0]).toEqual({ to: '+447700900123', contentSid: sid, contentVariables: { 1: 'Ana' }, preview: 'Reminder', statusCallbackUrl: 'https://example.test/functions/v1/twilio-webhook' });
    expect(recorded).toEqual(expect.arrayContaining([
      { id: ok.id, outcome: 'sent', provider: 'twilio', providerMessageId: 'SMwa1', error: null },
      { id: refused.id, outcome: 'fallback', provider: null, providerMessageId: null, error: 'twilio 63003: Channel could not find To address' },
      expect.objectContaining({ id: broken.id, outcome: 'failed', error: expect.stringContaining('not sendable') }),
    ]));
    const { handler: smsOnly, whatsappFlags: flags } = setup([[]]);
    await smsOnly(post());
    expect(flags).toEqual([false]);
  });

  it('sends every claimed message with its channel, records each result, and answers counts', async () => {
    const a = notification();
    const b = notification({ channel: 'email', recipient: 'ana@example.test', subject: 'Booked', body: 'See you' });
    const c = notification();
    const { handler, recorded, sms, email, claims } = setup([[a, b], [c]]);
    const response = await handler(post());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ batches: 2, claimed: 3, parked: 0, sent: 3, captured: 0, retried: 0, failed: 0, fellBack: 0, unrecorded: 0 });
    expect(claims).toEqual([[2, 120], [2, 120]]); // the second batch was short: no third claim
    expect(sms).toEqual([
      { to: '+447700900123', body: 'Reminder', statusCallbackUrl: 'https://example.test/functions/v1/twilio-webhook' },
      { to: '+447700900123', body: 'Reminder', statusCallbackUrl: 'https://example.test/functions/v1/twilio-webhook' },
    ]);
    expect(email).toEqual([{ to: 'ana@example.test', subject: 'Booked', text: 'See you', idempotencyKey: `notification/${b.id}` }]);
    expect(recorded).toEqual(expect.arrayContaining([
      { id: a.id, outcome: 'sent', provider: 'twilio', providerMessageId: expect.stringMatching(/^SM/), error: null },
      { id: b.id, outcome: 'sent', provider: 'resend', providerMessageId: 'em1', error: null },
    ]));
  });

  it('maps retryable provider errors to retry and permanent ones (21610) to failed', async () => {
    const a = notification();
    const b = notification();
    const c = notification();
    let call = 0;
    const { handler, recorded } = setup([[a, b, c]], {
      batchSize: 5,
      concurrency: 1,
      senders: {
        sms: {
          sendSms: () => {
            call++;
            if (call === 1) return Promise.reject(new ProviderError('twilio 20500: Internal Server Error', true, 500, '20500'));
            if (call === 2) return Promise.reject(new ProviderError('twilio 21610: Attempt to send to unsubscribed recipient', false, 400, '21610'));
            return Promise.reject(new Error('unexpected bug'));
          },
        },
        email: createDevOutbox({ log: () => {} }),
      },
    });
    expect(await (await handler(post())).json()).toMatchObject({ claimed: 3, retried: 2, failed: 1 });
    expect(recorded).toEqual([
      { id: a.id, outcome: 'retry', provider: null, providerMessageId: null, error: 'twilio 20500: Internal Server Error' },
      { id: b.id, outcome: 'failed', provider: null, providerMessageId: null, error: 'twilio 21610: Attempt to send to unsubscribed recipient' },
      { id: c.id, outcome: 'retry', provider: null, providerMessageId: null, error: 'unexpected bug' },
    ]);
  });

  it('records dev-outbox sends as captured, never as sent', async () => {
    const outbox = createDevOutbox({ log: () => {} });
    const a = notification();
    const { handler, recorded } = setup([[a]], { senders: { sms: outbox, email: outbox } });
    expect(await (await handler(post())).json()).toMatchObject({ captured: 1, sent: 0 });
    expect(recorded[0]).toMatchObject({ outcome: 'captured', provider: 'dev_outbox', providerMessageId: outbox.messages[0]!.id });
  });

  it('counts a result it could not record, and keeps going (the lease brings the message back)', async () => {
    const a = notification();
    const b = notification();
    let first = true;
    const lines: string[] = [];
    const { handler, sms } = setup([[a, b]], {
      concurrency: 1,
      record: () => (first ? ((first = false), Promise.reject(new Error('connection reset'))) : Promise.resolve()),
      log: (line) => lines.push(line),
    });
    expect(await (await handler(post())).json()).toMatchObject({ claimed: 2, sent: 1, unrecorded: 1 });
    expect(sms).toHaveLength(2);
    expect(lines.join('\n')).toContain(`could not record sent for notification ${a.id}`);
  });

  it('stops claiming when the time budget is spent', async () => {
    let clock = 0;
    const batches = Array.from({ length: 10 }, () => [notification(), notification()]);
    const { handler, claims } = setup(batches, { now: () => (clock += 1000), budgetMs: 3500 });
    const summary = await (await handler(post())).json();
    expect(claims.length).toBeLessThan(10);
    expect(summary.batches).toBe(claims.length);
  });

  it('a claim failure answers 500 and sends nothing; a lost database connection answers 503 database_unavailable', async () => {
    const { handler, sms } = setup([], { claim: () => Promise.reject(new Error('db down')) });
    const response = await handler(post());
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ code: 'dispatch_failed' });
    expect(sms).toHaveLength(0);
    const lost = setup([], { claim: () => Promise.reject(Object.assign(new Error('write CONNECTION_CLOSED'), { code: 'CONNECTION_CLOSED' })) });
    const unavailable = await lost.handler(post());
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('5');
    expect(await unavailable.json()).toMatchObject({ code: 'database_unavailable' });
  });

  it('bad rows the claim parked are counted and logged, never sent; the good rows of the batch go out', async () => {
    const good = notification();
    const bad = { ...notification({ channel: 'sms', recipient: '+447700900123', subject: null, body: null }), parked_reason: 'invalid_payload: starts_at must be an ISO 8601 time' };
    const lines: string[] = [];
    const { handler, sms, recorded } = setup([[bad, good]], { log: (line) => lines.push(line) });
    const response = await handler(post());
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ claimed: 1, parked: 1, sent: 1, failed: 0 });
    expect(sms).toHaveLength(1);
    expect(recorded.map((r) => r.id)).toEqual([good.id]);
    expect(lines.join('\n')).toContain(`notification ${bad.id} (reminder, tenant t1) parked: invalid_payload: starts_at must be an ISO 8601 time`);
  });

  it('a claimed row without a recipient or text is recorded as failed, not sent, and the others go out', async () => {
    const rows = [
      notification({ recipient: '' }),
      notification({ body: '   ' }),
      notification({ channel: 'whatsapp' }),
      notification({ channel: null }),
    ];
    const good = notification();
    const { handler, sms, recorded } = setup([[...rows, good]], { batchSize: 10 });
    const response = await handler(post());
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ claimed: 5, sent: 1, failed: 4 });
    expect(sms).toHaveLength(1);
    for (const row of rows) {
      expect(recorded.find((r) => r.id === row.id)).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/^not sendable: /) });
    }
  });

  it('is for the server only (secret key, service_role key or token): others get 401/403 and nothing is claimed', async () => {
    for (const { name, headers, status } of await project.notTheServer()) {
      const { handler, claims: claimCalls } = setup([[notification()]]);
      const response = await handler(post(headers));
      expect(response.status, name).toBe(status);
      expect(await response.json(), name).toMatchObject({ code: status === 401 ? 'unauthorized' : 'forbidden' });
      expect(claimCalls, name).toHaveLength(0);
    }
    for (const headers of [{ Authorization: `Bearer ${project.serviceRoleKey}` }, { Authorization: `Bearer ${await project.serviceToken()}` }]) {
      expect((await setup([[]]).handler(post(headers))).status).toBe(200);
    }
  });

  it('only POST (and preflight)', async () => {
    const { handler } = setup([]);
    expect((await handler(new Request(url))).status).toBe(405);
    expect((await handler(new Request(url, { method: 'OPTIONS' }))).status).toBe(200);
  });
});
