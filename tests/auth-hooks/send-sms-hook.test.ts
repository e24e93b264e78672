// The Send SMS Auth hook (supabase/functions/send-sms-hook): handler units with injected sender and
// recipient lookup, signed with the reference Standard Webhooks library the way Supabase Auth signs
// [github.com/supabase/auth internal/hooks/v0hooks/v0http]; the recipient lookup against the seeded
// database; and the real function under Deno over HTTP through the functions server, with Twilio
// replaced by tests/fakes/twilio.ts, and without keys (dev outbox).
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHookCallLedger, createOtpRateLimit, createRecipientContextLookup, type HookCallLedger, type OtpRateLimit, type RecipientContext,
  type RecipientQuery,
} from '../../supabase/functions/_shared/auth-hooks.ts';
import { createSql, type Sql } from '../../supabase/functions/_shared/db.ts';
import { ProviderError, type SmsMessage, type WhatsAppMessage } from '../../supabase/functions/_shared/messaging/types.ts';
import { createWebhookVerifier } from '../../supabase/functions/_shared/standard-webhooks.ts';
import { createSendSmsHookHandler, e164, otpChannelOf } from '../../supabase/functions/send-sms-hook/handler.ts';
import postgres from 'postgres';
import { crashesOf, databaseFaults } from '../fakes/database-faults.ts';
import { type FakeTwilio, startFakeTwilio } from '../fakes/twilio.ts';
import { type FunctionsServer, repoRoot, startProjectFunctions, startServer } from '../functions-server/server.ts';
import { callLosingItsConnection, hookServerFiles, memoryLedger, newHookSecret, signHook } from './send-hook-helpers.ts';

const dbUrl = process.env.SLOTBASE_TEST_DB_URL;

/** A Send SMS event shaped like GoTrue's (models.User; phone stored as digits without '+'). */
function smsEvent({ userId = randomUUID(), phone = '447700900123', otp = '123456', metadata = {} as Record<string, unknown>, smsPhone, ipAddress = freshIp() }: {
  userId?: string; phone?: string; otp?: string; metadata?: Record<string, unknown>; smsPhone?: string; ipAddress?: string;
} = {}) {
  return {
    metadata: { uuid: randomUUID(), time: new Date().toISOString(), name: 'send-sms', ip_address: ipAddress },
    user: {
      id: userId, aud: 'authenticated', role: 'authenticated', email: '', phone, phone_confirmed_at: null,
      app_metadata: { provider: 'phone', providers: ['phone'] }, user_metadata: metadata, identities: [],
      created_at: new Date().toISOString(), updated_at: new Date().toISOString(), is_anonymous: false,
    },
    sms: { otp, ...(smsPhone ? { phone: smsPhone, sms_type: 'phone_change' } : {}) },
  };
}

/** A number of its own for each run (GoTrue's digits): the code limit counts codes per number for an hour. */
const freshNumber = (): string => `4477009${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
/** A sign-in address of its own for each event (the code limit also counts per address). */
const freshIp = (): string => `198.18.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;

function setup({ context = null as RecipientContext | null, fail = null as Error | null, recordCall = memoryLedger() as HookCallLedger,
  limitCodes = (() => Promise.resolve(null)) as OtpRateLimit,
  whatsapp = undefined as ((message: WhatsAppMessage) => Promise<void>) | undefined, otpSids = {} as Record<string, string> } = {}) {
  const secret = newHookSecret();
  const sent: SmsMessage[] = [];
  const whatsappSent: WhatsAppMessage[] = [];
  const queries: RecipientQuery[] = [];
  const logs: string[] = [];
  const handler = createSendSmsHookHandler({
    recordCall,
    limitCodes,
    verifier: createWebhookVerifier(secret),
    smsSender: {
      sendSms: (message) => {
        if (fail) return Promise.reject(fail);
        sent.push(message);
        return Promise.resolve({ provider: 'twilio', providerMessageId: `SM${sent.length}`, captured: false });
      },
    },
    whatsappSender: whatsapp
      ? { sendWhatsApp: async (message) => (await whatsapp(message), whatsappSent.push(message), { provider: 'twilio', providerMessageId: 'SMwa', captured: false }) }
      : null,
    whatsappOtpContentSids: otpSids,
    lookupRecipient: (query) => (queries.push(query), Promise.resolve(context)),
    log: (line) => logs.push(line),
  });
  const call = (event: unknown, { headers, body }: { headers?: Record<string, string>; body?: string } = {}) => {
    const text = body ?? JSON.stringify(event);
    return handler(new Request('http://localhost/send-sms-hook', { method: 'POST', headers: headers ?? signHook(secret, text), body: text }));
  };
  return { secret, sent, whatsappSent, queries, logs, call };
}

describe('send-sms-hook handler', () => {
  it('sends the OTP to the user\'s phone in E.164 and answers 200 {} with a JSON content type', async () => {
    const { sent, call, queries, logs } = setup();
    const userId = randomUUID();
    const response = await call(smsEvent({ userId, phone: '447700900123', otp: '654321' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({});
    expect(sent).toEqual([{ to: '+447700900123', body: 'Your Slotbase code is 654321' }]);
    expect(queries).toEqual([{ userId, tenantSlug: null }]);
    // The log never holds the code or the whole number.
    expect(logs.join('\n')).not.toContain('654321');
    expect(logs.join('\n')).not.toContain('447700900123');
  });

  it('names the clinic and writes in the patient\'s language (Spanish), falling back along patient → user metadata → tenant', async () => {
    const clinic = { tenantName: 'Clínica Sol', tenantLocale: 'en-US', patientLanguage: 'es-MX' };
    let s = setup({ context: clinic });
    await s.call(smsEvent({ otp: '111222' }));
    expect(s.sent[0]?.body).toBe('Tu código de Clínica Sol es 111222');

    s = setup({ context: { ...clinic, patientLanguage: null } });
    await s.call(smsEvent({ otp: '111222', metadata: { locale: 'es' } }));
    expect(s.sent[0]?.body).toBe('Tu código de Clínica Sol es 111222');

    s = setup({ context: { tenantName: 'Northside Health', tenantLocale: 'en-GB', patientLanguage: 'fr' } });
    await s.call(smsEvent({ otp: '111222' }));
    expect(s.sent[0]?.body).toBe('Your Northside Health code is 111222');
  });

  it('passes user_metadata.tenant_slug to the lookup, and sends a phone change code to the new number', async () => {
    const { sent, queries, call } = setup();
    await call(smsEvent({ phone: '447700900123', smsPhone: '+34 600 000 001', metadata: { tenant_slug: 'northside-health' } }));
    expect(queries[0]?.tenantSlug).toBe('northside-health');
    expect(sent[0]?.to).toBe('+34600000001');
  });

  it('refuses a bad, missing, stale or tampered signature with 401 in the hook error shape, sending nothing', async () => {
    const { sent, call, secret } = setup();
    const event = smsEvent();
    const body = JSON.stringify(event);
    const cases: Array<[string, Record<string, string>, string]> = [
      ['wrong secret', signHook(newHookSecret(), body), body],
      ['no headers', { 'content-type': 'application/json' }, body],
      ['tampered body', signHook(secret, body), body.replace('123456', '000000')],
      ['ten minutes old', signHook(secret, body, { at: new Date(Date.now() - 10 * 60_000) }), body],
    ];
    for (const [what, headers, sentBody] of cases) {
      const response = await call(event, { headers, body: sentBody });
      expect(response.status, what).toBe(401);
      expect(await response.json(), what).toEqual({ error: { http_code: 401, message: 'Invalid hook signature.' } });
    }
    expect(sent).toEqual([]);
  });

  it('answers 400 to a signed payload that is not a Send SMS event, and 405 to other methods', async () => {
    const { call, sent } = setup();
    const response = await call({ user: { id: 'x' } });
    expect(response.status).toBe(400);
    expect((await response.json()).error.http_code).toBe(400);
    const notJson = await call(null, { body: 'not json' });
    expect(notJson.status).toBe(400);
    const { secret } = setup();
    const handler = createSendSmsHookHandler({
      verifier: createWebhookVerifier(secret), smsSender: { sendSms: () => Promise.reject(new Error('no')) },
      lookupRecipient: () => Promise.resolve(null), recordCall: memoryLedger(), limitCodes: () => Promise.resolve(null), log: () => {},
    });
    const get = await handler(new Request('http://localhost/send-sms-hook'));
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(sent).toEqual([]);
  });

  it('relays "no valid phone number" to the app (200 + error body, which Auth turns into that status)', async () => {
    const { call, sent } = setup();
    const response = await call(smsEvent({ phone: '' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ error: { http_code: 400, message: 'This account has no valid phone number to send the code to.' } });
    expect(sent).toEqual([]);
  });

  it('asks Auth to retry (503 + retry-after) when the provider is unavailable', async () => {
    const { call } = setup({ fail: new ProviderError('twilio 20500: Internal Server Error', true, 500, '20500') });
    const response = await call(smsEvent());
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('true');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect((await response.json()).error.http_code).toBe(503);
  });

  it('relays a refused recipient (Twilio 21610 unsubscribed) as a 400 the app can show, and other refusals as 502', async () => {
    let s = setup({ fail: new ProviderError('twilio 21610: Attempt to send to unsubscribed recipient', false, 400, '21610') });
    let response = await s.call(smsEvent());
    expect(response.status).toBe(200);
    expect((await response.json()).error).toMatchObject({ http_code: 400 });

    s = setup({ fail: new ProviderError('twilio 20003: Authenticate', false, 401, '20003') });
    response = await s.call(smsEvent());
    expect(response.status).toBe(200);
    expect((await response.json()).error).toMatchObject({ http_code: 502 });
  });

  it('a genuine call replayed with the same webhook-id is answered 200 {} without sending the code again', async () => {
    const { sent, call, logs, secret } = setup();
    const body = JSON.stringify(smsEvent({ otp: '424242' }));
    const headers = signHook(secret, body);
    for (let i = 0; i < 3; i++) {
      const response = await call(null, { headers, body });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({});
    }
    expect(sent).toHaveLength(1);
    expect(logs.join('\n')).toContain(`call ${headers['webhook-id']} was handled before (a replay): not sending again`);
    // Auth's own next call (a new webhook-id) for the same event is a new call
    expect((await call(null, { headers: signHook(secret, body), body })).status).toBe(200);
    expect(sent).toHaveLength(2);
  });

  it('asks Auth to retry (503 + retry-after) and sends nothing when the call cannot be recorded', async () => {
    const { sent, call } = setup({ recordCall: () => Promise.reject(new Error('write CONNECTION_CLOSED')) });
    const response = await call(smsEvent());
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('true');
    expect(sent).toEqual([]);
  });

  it('sends the code by WhatsApp with the authentication template when the user asked for WhatsApp', async () => {
    const sid = `HX${'e'.repeat(32)}`;
    const { sent, whatsappSent, call } = setup({ whatsapp: () => Promise.resolve(), otpSids: { '*': sid } });
    const response = await call(smsEvent({ phone: '447700900123', otp: '112233', metadata: { otp_channel: 'whatsapp' } }));
    expect(await response.json()).toEqual({});
    expect(whatsappSent).toEqual([{ to: '+447700900123', contentSid: sid, contentVariables: { 1: '112233' }, preview: 'Your Slotbase code is 112233' }]);
    expect(sent).toEqual([]);
  });

  it('uses the patient\'s preferred channel when the user did not say, and the template of the language', async () => {
    const { whatsappSent, sent, call } = setup({
      whatsapp: () => Promise.resolve(), otpSids: { es: `HX${'5'.repeat(32)}`, en: `HX${'e'.repeat(32)}` },
      context: { tenantName: 'Clínica Sol', tenantLocale: 'es-ES', patientLanguage: 'es', patientChannel: 'whatsapp' },
    });
    await call(smsEvent({ otp: '445566' }));
    expect(whatsappSent.map((m) => m.contentSid)).toEqual([`HX${'5'.repeat(32)}`]);
    expect(sent).toEqual([]);
    expect(otpChannelOf({ otp_channel: 'sms' }, 'whatsapp')).toBe('sms');
    expect(otpChannelOf({}, 'email')).toBe('sms');
  });

  it('falls back to SMS without a WhatsApp sender, without a template, or when Twilio says the number is not on WhatsApp', async () => {
    const metadata = { otp_channel: 'whatsapp' };
    const noSender = setup();
    await noSender.call(smsEvent({ otp: '100001', metadata }));
    expect(noSender.sent.map((m) => m.body)).toEqual(['Your Slotbase code is 100001']);
    const noTemplate = setup({ whatsapp: () => Promise.resolve() });
    await noTemplate.call(smsEvent({ otp: '100002', metadata }));
    expect(noTemplate.whatsappSent).toEqual([]);
    expect(noTemplate.sent.map((m) => m.body)).toEqual(['Your Slotbase code is 100002']);
    const refused = setup({
      whatsapp: () => Promise.reject(new ProviderError('twilio 63003: Channel could not find To address', false, 400, '63003')),
      otpSids: { '*': `HX${'e'.repeat(32)}` },
    });
    expect(await (await refused.call(smsEvent({ otp: '100003', metadata }))).json()).toEqual({});
    expect(refused.sent.map((m) => m.body)).toEqual(['Your Slotbase code is 100003']);
    const unavailable = setup({ whatsapp: () => Promise.reject(new ProviderError('twilio 503', true, 503)), otpSids: { '*': `HX${'e'.repeat(32)}` } });
    const response = await unavailable.call(smsEvent({ otp: '100004', metadata }));
    expect(response.status).toBe(503);
    expect(unavailable.sent).toEqual([]);
  });

  it('sends no code to a number (or from a sign-in address) that asked for too many: Auth answers the app 429 with the message', async () => {
    const asked: Array<[string, string, string | null]> = [];
    const { sent, call } = setup({ limitCodes: (channel, recipient, ip) => (asked.push([channel, recipient, ip]), Promise.resolve(1500)) });
    const response = await call(smsEvent({ phone: '447700900123', ipAddress: '203.0.113.9' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ error: { http_code: 429, message: 'Too many codes were requested. Try again in 25 minutes.' } });
    expect(sent).toEqual([]);
    expect(asked).toEqual([['sms', '+447700900123', '203.0.113.9']]);
  });

  it('sends the code when the limit cannot be checked (a sign-in never fails for it), and says so in the log', async () => {
    const { sent, call, logs } = setup({ limitCodes: () => Promise.reject(new Error('timeout')) });
    expect((await call(smsEvent())).status).toBe(200);
    expect(sent).toHaveLength(1);
    expect(logs.join('\n')).toContain('could not check the code limit (timeout); sending');
  });

  it('a call ledger or code limit whose database does not answer in time rejects (503 / send), never crashes the function', async () => {
    const stalled = { begin: () => new Promise(() => {}) } as unknown as Sql;
    await expect(createHookCallLedger(stalled, { timeoutMs: 30 })('send_sms', 'msg_stalled')).rejects.toThrow('did not answer within 30 ms');
    await expect(createOtpRateLimit(stalled, { timeoutMs: 30 })('sms', '+447700900123', null)).rejects.toThrow('did not answer within 30 ms');
  });

  it('normalises phone numbers to E.164 and rejects what is not one', () => {
    expect(e164('447700900001')).toBe('+447700900001');
    expect(e164('+1 (555) 555-0100')).toBe('+15555550100');
    expect(e164('0447700900001')).toBeNull();
    expect(e164('12')).toBeNull();
    expect(e164(null)).toBeNull();
  });
});

describe.skipIf(!dbUrl)('the code limit (public.record_otp_request on the test database)', () => {
  const sql = dbUrl ? createSql(dbUrl, 'send-sms-hook-limit-test') : (undefined as never);
  afterAll(async () => {
    await sql?.end({ timeout: 1 });
  });

  it('lets five codes an hour go to one number, then answers the seconds to wait', async () => {
    const limit = createOtpRateLimit(sql);
    const number = `+4477009${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
    const waits = [];
    const address = freshIp();
    for (let i = 0; i < 6; i++) waits.push(await limit('sms', number, address));
    expect(waits.slice(0, 5)).toEqual([null, null, null, null, null]);
    expect(waits[5]).toBeGreaterThan(3500);
  });
});

describe.skipIf(!dbUrl)('send-sms-hook recipient lookup (seeded database)', () => {
  const sql = dbUrl ? createSql(dbUrl, 'send-sms-hook-test') : (undefined as never);
  afterAll(async () => {
    await sql?.end({ timeout: 1 });
  });
  const lookup = () => createRecipientContextLookup(sql, { log: () => {} });

  it('finds the clinic of the user\'s only linked patient record (Sam Patel, Northside Health)', async () => {
    expect(await lookup()({ userId: 'a0000000-0000-4000-8000-000000000101', tenantSlug: null })).toEqual({
      tenantName: 'Northside Health', tenantLocale: 'en-GB', patientLanguage: 'en-GB', patientChannel: 'sms',
    });
  });

  it('uses tenant_slug for users without a record, and prefers it over other records', async () => {
    expect(await lookup()({ userId: randomUUID(), tenantSlug: 'harbor-family-clinics' })).toEqual({
      tenantName: 'Harbor Family Clinics', tenantLocale: 'en-US', patientLanguage: null, patientChannel: null,
    });
    expect(await lookup()({ userId: 'a0000000-0000-4000-8000-000000000101', tenantSlug: 'harbor-family-clinics' })).toMatchObject({
      tenantName: 'Harbor Family Clinics', patientLanguage: null,
    });
  });

  it('knows nothing about unknown users, unknown slugs or malformed ids (and does not throw)', async () => {
    expect(await lookup()({ userId: randomUUID(), tenantSlug: null })).toBeNull();
    expect(await lookup()({ userId: 'not-a-uuid', tenantSlug: 'no-such-clinic' })).toBeNull();
    expect(await lookup()({ userId: null, tenantSlug: null })).toBeNull();
  });

  it('gives up quietly when the database is unreachable', async () => {
    const dead = createSql('postgresql://postgres:postgres@127.0.0.1:1/postgres', 'dead');
    const lines: string[] = [];
    expect(await createRecipientContextLookup(dead, { log: (l) => lines.push(l), timeoutMs: 3000 })({ userId: randomUUID(), tenantSlug: 'x' })).toBeNull();
    expect(lines.join('\n')).toMatch(/recipient lookup failed|took longer/);
    await dead.end({ timeout: 0 });
  });
});

describe.skipIf(!dbUrl)('send-sms-hook over HTTP (real Deno, functions server, fake Twilio)', () => {
  const secret = newHookSecret();
  let twilio: FakeTwilio;
  let server: FunctionsServer;
  let files: ReturnType<typeof hookServerFiles>;

  beforeAll(async () => {
    twilio = await startFakeTwilio();
    files = hookServerFiles({
      SEND_SMS_HOOK_SECRET: secret,
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_FROM: '+15005550006',
      TWILIO_API_BASE: twilio.url,
    });
    server = await startProjectFunctions({
      config: files.config,
      envFile: files.envFile,
      env: { SUPABASE_URL: 'http://127.0.0.1:54321', SUPABASE_DB_URL: dbUrl as string },
    });
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    await twilio?.close();
    files?.remove();
  });

  const post = (body: string, headers: Record<string, string>) => fetch(server.url('/functions/v1/send-sms-hook'), { method: 'POST', headers, body });

  it('texts a seeded patient their code in their clinic\'s wording through Twilio', async () => {
    // the seeded number is texted by every run: forget its earlier codes (the limit is 5 an hour)
    const admin = postgres(dbUrl as string, { max: 1, onnotice: () => {} });
    await admin`delete from private.rate_limit_hits where bucket = private.rate_limit_bucket(null, 'otp', 'user', 'sms:+447700900001')`;
    await admin.end();
    const body = JSON.stringify(smsEvent({ userId: 'a0000000-0000-4000-8000-000000000101', phone: '447700900001', otp: '246810' }));
    const response = await post(body, signHook(secret, body));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    const message = twilio.messages.find((m) => m.body?.includes('246810'));
    expect(message).toMatchObject({ to: '+447700900001', from: '+15005550006', body: 'Your Northside Health code is 246810' });
    expect(server.output()).not.toContain('246810');
  });

  it('refuses an unsigned request with 401 and sends nothing', async () => {
    const body = JSON.stringify(smsEvent({ otp: '999111' }));
    const response = await post(body, { 'content-type': 'application/json' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { http_code: 401, message: 'Invalid hook signature.' } });
    expect(twilio.messages.some((m) => m.body?.includes('999111'))).toBe(false);
  });

  it('a genuine signed call replayed within the tolerance does not text the code again', async () => {
    const body = JSON.stringify(smsEvent({ phone: freshNumber(), otp: '551155' }));
    const headers = signHook(secret, body);
    const answers = await Promise.all([post(body, headers), post(body, headers)]);
    answers.push(await post(body, headers));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({});
    }
    expect(twilio.messages.filter((m) => m.body?.includes('551155'))).toHaveLength(1);
  });

  it('a killed database connection, between calls or in the middle of recording one, fails no call and crashes nothing', async () => {
    const admin = postgres(dbUrl as string, { max: 3, onnotice: () => {} });
    const faults = databaseFaults(admin);
    try {
      const texted = (otp: string) => twilio.messages.filter((m) => m.body?.includes(otp)).length;
      const phone = freshNumber();
      let body = JSON.stringify(smsEvent({ phone, otp: '700001' }));
      expect((await post(body, signHook(secret, body))).status).toBe(200);
      expect(await faults.terminateBackends('send-sms-hook')).toBeGreaterThan(0);
      body = JSON.stringify(smsEvent({ phone, otp: '700002' }));
      expect((await post(body, signHook(secret, body))).status).toBe(200);
      expect(texted('700002')).toBe(1);

      // mid-statement: recording the call waits for the test's uncommitted row of the same id
      body = JSON.stringify(smsEvent({ phone, otp: '700003' }));
      const headers = signHook(secret, body);
      const response = await callLosingItsConnection(admin, 'send_sms', 'send-sms-hook', headers['webhook-id']!, () => post(body, headers));
      // sent on a fresh connection, or (when that took longer than the hook's budget) 503: Auth retries
      expect([200, 503]).toContain(response.status);
      expect(texted('700003')).toBe(response.status === 200 ? 1 : 0);
      body = JSON.stringify(smsEvent({ phone, otp: '700004' }));
      expect((await post(body, signHook(secret, body))).status).toBe(200);
      expect(crashesOf(server.output(), 'send-sms-hook')).toEqual([]);
    } finally {
      await admin.end();
    }
  });

  it('asks Auth to retry when Twilio fails, and relays an unsubscribed recipient', async () => {
    const failing = freshNumber();
    const unsubscribed = freshNumber();
    twilio.failNextWith('server_error', 1, `+${failing}`);
    let body = JSON.stringify(smsEvent({ phone: failing, otp: '135790' }));
    let response = await post(body, signHook(secret, body));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('true');

    twilio.failNextWith('unsubscribed', 1, `+${unsubscribed}`);
    body = JSON.stringify(smsEvent({ phone: unsubscribed, otp: '135791' }));
    response = await post(body, signHook(secret, body));
    expect(response.status).toBe(200);
    expect((await response.json()).error.http_code).toBe(400);
  });
});

describe.skipIf(!dbUrl)('send-sms-hook over HTTP with a WhatsApp sender (real Deno, fake Twilio)', () => {
  const secret = newHookSecret();
  const otpSid = `HX${'7'.repeat(32)}`;
  let twilio: FakeTwilio;
  let server: FunctionsServer;
  let files: ReturnType<typeof hookServerFiles>;

  beforeAll(async () => {
    twilio = await startFakeTwilio();
    files = hookServerFiles({
      SEND_SMS_HOOK_SECRET: secret, TWILIO_ACCOUNT_SID: twilio.accountSid, TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_FROM: '+15005550006', TWILIO_WHATSAPP_FROM: '+14155238886', TWILIO_WHATSAPP_OTP_CONTENT_SID: otpSid, TWILIO_API_BASE: twilio.url,
    });
    server = await startServer({
      functionsDir: join(repoRoot, 'supabase', 'functions'), config: files.config, envFile: files.envFile, args: ['--no-watch'],
      env: { SUPABASE_URL: 'http://127.0.0.1:54321', SUPABASE_DB_URL: dbUrl as string },
    });
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    await twilio?.close();
    files?.remove();
  });

  it('delivers the code on WhatsApp when asked, and by SMS when Twilio refuses the number for WhatsApp', async () => {
    let body = JSON.stringify(smsEvent({ phone: '447700900661', otp: '808080', metadata: { otp_channel: 'whatsapp' } }));
    expect(await (await fetch(server.url('/functions/v1/send-sms-hook'), { method: 'POST', headers: signHook(secret, body), body })).json()).toEqual({});
    expect(twilio.messages.filter((m) => m.to.endsWith('447700900661'))).toEqual([expect.objectContaining({
      channel: 'whatsapp', to: 'whatsapp:+447700900661', from: 'whatsapp:+14155238886', contentSid: otpSid, contentVariables: { 1: '808080' }, body: null,
    })]);
    twilio.failNextWith('not_on_whatsapp', 1, 'whatsapp:+447700900662');
    body = JSON.stringify(smsEvent({ phone: '447700900662', otp: '909090', metadata: { otp_channel: 'whatsapp' } }));
    expect(await (await fetch(server.url('/functions/v1/send-sms-hook'), { method: 'POST', headers: signHook(secret, body), body })).json()).toEqual({});
    expect(twilio.messages.filter((m) => m.to.endsWith('447700900662')).map((m) => [m.channel, m.body])).toEqual([['sms', 'Your Slotbase code is 909090']]);
    body = JSON.stringify(smsEvent({ phone: '447700900663', otp: '707070' }));
    await fetch(server.url('/functions/v1/send-sms-hook'), { method: 'POST', headers: signHook(secret, body), body });
    expect(twilio.messages.filter((m) => m.to.endsWith('447700900663')).map((m) => m.channel)).toEqual(['sms']);
  });
});

describe.skipIf(!dbUrl)('send-sms-hook without Twilio keys (dev outbox)', () => {
  it('captures the code in the DEV OUTBOX block of the function log instead of sending it', async () => {
    const secret = newHookSecret();
    const files = hookServerFiles({ SEND_SMS_HOOK_SECRET: secret });
    const server = await startProjectFunctions({
      config: files.config,
      envFile: files.envFile,
      env: { SUPABASE_URL: 'http://127.0.0.1:54321', SUPABASE_DB_URL: dbUrl as string },
    });
    try {
      const phone = freshNumber();
      const body = JSON.stringify(smsEvent({ phone, otp: '864200', metadata: { tenant_slug: 'harbor-family-clinics' } }));
      const response = await fetch(server.url('/functions/v1/send-sms-hook'), { method: 'POST', headers: signHook(secret, body), body });
      expect(response.status).toBe(200);
      const deadline = Date.now() + 5000;
      while (!server.output().includes('Your Harbor Family Clinics code is 864200') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const output = server.output();
      expect(output).toContain('DEV OUTBOX — NOT SENT');
      expect(output).toContain(`+${phone}`);
      expect(output).toContain('Your Harbor Family Clinics code is 864200');
      expect(output).toContain('captured (dev outbox, NOT sent)');
    } finally {
      await server.stop();
      files.remove();
    }
  }, 90_000);
});
