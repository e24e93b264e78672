// The Send Email Auth hook (supabase/functions/send-email-hook): handler units with injected sender
// and recipient lookup (every email_action_type, the e-mail change pairs, the verify link, the
// error answers), signed like Supabase Auth signs; and the real function under Deno over HTTP
// through the functions server, with Resend replaced by tests/fakes/resend.ts, and without keys
// (dev outbox).
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OtpRateLimit, RecipientContext } from '../../supabase/functions/_shared/auth-hooks.ts';
import { type EmailMessage, ProviderError } from '../../supabase/functions/_shared/messaging/types.ts';
import { createWebhookVerifier } from '../../supabase/functions/_shared/standard-webhooks.ts';
import { createSendEmailHookHandler, verifyLink } from '../../supabase/functions/send-email-hook/handler.ts';
import postgres from 'postgres';
import { crashesOf, databaseFaults } from '../fakes/database-faults.ts';
import { type FakeResend, startFakeResend } from '../fakes/resend.ts';
import { type FunctionsServer, startProjectFunctions } from '../functions-server/server.ts';
import { callLosingItsConnection, hookServerFiles, memoryLedger, newHookSecret, signHook } from './send-hook-helpers.ts';

const dbUrl = process.env.SLOTBASE_TEST_DB_URL;
const supabaseUrl = 'https://abcdefghijklmnop.supabase.co';

/** A Send Email event shaped like GoTrue's (docs: auth/auth-hooks/send-email-hook). */
/** Addresses of their own for each run: the code limit counts codes per address for an hour. */
const run = randomUUID().slice(0, 8);

function emailEvent(action: string, { email = 'ana@example.test', newEmail = '', userId = randomUUID(), metadata = {} as Record<string, unknown>, data = {} as Record<string, string>, uuid = randomUUID(),
  ipAddress = `198.18.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}` } = {}) {
  return {
    metadata: { uuid, time: new Date().toISOString(), name: 'send-email', ip_address: ipAddress },
    user: {
      id: userId, aud: 'authenticated', role: 'authenticated', email, phone: '', ...(newEmail ? { new_email: newEmail } : {}),
      app_metadata: { provider: 'email', providers: ['email'] }, user_metadata: metadata, identities: [],
      created_at: new Date().toISOString(), updated_at: new Date().toISOString(), is_anonymous: false,
    },
    email_data: {
      token: '305805',
      token_hash: 'pkce_7d5b7b1964cf5d388340a7f04f1dbb5eeb6c7b52ef8270e1737a58d0',
      redirect_to: 'io.slotbase.app://login-callback',
      email_action_type: action,
      site_url: 'http://127.0.0.1:3000',
      token_new: '',
      token_hash_new: '',
      ...data,
    },
  };
}

function setup({ context = null as RecipientContext | null, failOn = null as ((m: EmailMessage) => Error | null) | null,
  limitCodes = (() => Promise.resolve(null)) as OtpRateLimit } = {}) {
  const secret = newHookSecret();
  const sent: EmailMessage[] = [];
  const logs: string[] = [];
  const handler = createSendEmailHookHandler({
    recordCall: memoryLedger(),
    limitCodes,
    verifier: createWebhookVerifier(secret),
    emailSender: {
      sendEmail: (message) => {
        const error = failOn?.(message);
        if (error) return Promise.reject(error);
        sent.push(message);
        return Promise.resolve({ provider: 'resend', providerMessageId: randomUUID(), captured: false });
      },
    },
    lookupRecipient: () => Promise.resolve(context),
    supabaseUrl: `${supabaseUrl}/`,
    log: (line) => logs.push(line),
  });
  const call = (event: unknown, headers?: Record<string, string>) => {
    const body = JSON.stringify(event);
    return handler(new Request('http://localhost/send-email-hook', { method: 'POST', headers: headers ?? signHook(secret, body), body }));
  };
  return { sent, logs, call, secret };
}

const link = (hash: string, type: string, redirect = 'io.slotbase.app://login-callback') =>
  `${supabaseUrl}/auth/v1/verify?token=${hash}&type=${type}&redirect_to=${encodeURIComponent(redirect)}`;

describe('send-email-hook handler', () => {
  it('a genuine call replayed with the same webhook-id is answered 200 {} without sending again', async () => {
    const { sent, call, secret, logs } = setup();
    const event = emailEvent('magiclink');
    const headers = signHook(secret, JSON.stringify(event));
    expect((await call(event, headers)).status).toBe(200);
    const replay = await call(event, headers);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({});
    expect(sent).toHaveLength(1);
    expect(logs.join('\n')).toContain('was handled before (a replay)');
  });

  it('sends a sign-up e-mail with the code and the verify link, and answers 200 {}', async () => {
    const { sent, call, logs } = setup();
    const response = await call(emailEvent('signup'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({});
    expect(sent).toHaveLength(1);
    const [message] = sent;
    expect(message?.to).toBe('ana@example.test');
    expect(message?.subject).toBe('Confirm your e-mail address for Slotbase');
    expect(message?.text).toContain('Your code: 305805');
    const expectedLink = link('pkce_7d5b7b1964cf5d388340a7f04f1dbb5eeb6c7b52ef8270e1737a58d0', 'signup');
    expect(message?.text).toContain(expectedLink);
    expect(message?.html).toContain(expectedLink.replace(/&/g, '&amp;'));
    expect(message?.idempotencyKey).toMatch(/^auth-email-[0-9a-f]{64}$/);
    expect(logs.join('\n')).not.toContain('305805');
  });

  it('sends no code to an address that asked for too many (Auth answers the app 429); security notices without a code always go out', async () => {
    const asked: Array<[string, string, string | null]> = [];
    const limited = setup({ limitCodes: (channel, recipient, ip) => (asked.push([channel, recipient, ip]), Promise.resolve(30)) });
    const response = await limited.call(emailEvent('magiclink', { ipAddress: '127.0.0.1' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ error: { http_code: 429, message: 'Too many codes were requested. Try again in 1 minute.' } });
    expect(limited.sent).toEqual([]);
    expect(asked).toEqual([['email', 'ana@example.test', '127.0.0.1']]);
    const notice = await limited.call(emailEvent('password_changed_notification'));
    expect(notice.status).toBe(200);
    expect(limited.sent).toHaveLength(1);
    expect(asked).toHaveLength(1);
  });

  it('builds the link like Auth\'s {{ .ConfirmationURL }}: token_hash, type, redirect_to encoded; no redirect_to when empty', () => {
    expect(verifyLink('http://127.0.0.1:54321', 'abc', 'recovery', 'https://app.example/reset?x=1&y=2'))
      .toBe('http://127.0.0.1:54321/auth/v1/verify?token=abc&type=recovery&redirect_to=https%3A%2F%2Fapp.example%2Freset%3Fx%3D1%26y%3D2');
    expect(verifyLink('http://127.0.0.1:54321', 'abc', 'magiclink', '')).toBe('http://127.0.0.1:54321/auth/v1/verify?token=abc&type=magiclink');
    expect(verifyLink('http://127.0.0.1:54321', null, 'magiclink', '')).toBeNull();
  });

  it('words each action type (English) and names the clinic', async () => {
    const context = { tenantName: 'Northside Health', tenantLocale: 'en-GB', patientLanguage: null };
    const expectations: Array<[string, string, boolean, boolean]> = [
      // action, subject, has code, has link
      ['signup', 'Confirm your e-mail address for Northside Health', true, true],
      ['invite', 'You have been invited to Northside Health', true, true],
      ['magiclink', 'Your Northside Health sign-in code', true, true],
      ['email', 'Your Northside Health sign-in code', true, true],
      ['recovery', 'Reset your Northside Health password', true, true],
      ['reauthentication', 'Your Northside Health confirmation code', true, false],
      ['password_changed_notification', 'Security notice from Northside Health', false, false],
      ['some_future_action', 'Your Northside Health code', true, true],
    ];
    for (const [action, subject, hasCode, hasLink] of expectations) {
      const { sent, call } = setup({ context });
      expect((await call(emailEvent(action))).status, action).toBe(200);
      expect(sent[0]?.subject, action).toBe(subject);
      expect(sent[0]?.text.includes('305805'), action).toBe(hasCode);
      expect(sent[0]?.text.includes('/auth/v1/verify?'), action).toBe(hasLink);
      if (hasLink) expect(sent[0]?.text, action).toContain(`type=${action}&`);
    }
    const { sent, call } = setup({ context });
    await call(emailEvent('password_changed_notification'));
    expect(sent[0]?.text).toContain('your password was changed');
  });

  it('writes Spanish for a Spanish-speaking patient, and from user_metadata.locale', async () => {
    let s = setup({ context: { tenantName: 'Clínica Sol', tenantLocale: 'en-US', patientLanguage: 'es' } });
    await s.call(emailEvent('magiclink'));
    expect(s.sent[0]?.subject).toBe('Tu código de acceso a Clínica Sol');
    expect(s.sent[0]?.text).toContain('Tu código: 305805');
    expect(s.sent[0]?.text).toContain('O abre este enlace');

    s = setup();
    await s.call(emailEvent('recovery', { metadata: { locale: 'es-ES' } }));
    expect(s.sent[0]?.subject).toBe('Restablece tu contraseña de Slotbase');
  });

  it('secure e-mail change: two e-mails — the current address gets token + token_hash_new, the new one token_new + token_hash', async () => {
    const { sent, call } = setup();
    await call(emailEvent('email_change', {
      email: 'old@example.test',
      newEmail: 'new@example.test',
      data: { token: '111111', token_hash: 'hash-for-new', token_new: '222222', token_hash_new: 'hash-for-current' },
    }));
    expect(sent.map((m) => m.to)).toEqual(['old@example.test', 'new@example.test']);
    const [current, fresh] = sent;
    expect(current?.text).toContain('111111');
    expect(current?.text).toContain(link('hash-for-current', 'email_change'));
    expect(current?.text).toContain('from old@example.test to new@example.test');
    expect(fresh?.text).toContain('222222');
    expect(fresh?.text).toContain(link('hash-for-new', 'email_change'));
    expect(current?.idempotencyKey).not.toBe(fresh?.idempotencyKey);
  });

  it('single e-mail change (one pair): one e-mail, to the new address', async () => {
    const { sent, call } = setup();
    await call(emailEvent('email_change', {
      email: 'old@example.test', newEmail: 'new@example.test', data: { token: '333333', token_hash: 'only-hash' },
    }));
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toBe('new@example.test');
    expect(sent[0]?.text).toContain('333333');
    expect(sent[0]?.text).toContain(link('only-hash', 'email_change'));
  });

  it('escapes the clinic name in the HTML part', async () => {
    const { sent, call } = setup({ context: { tenantName: '<b>Evil</b> & Co', tenantLocale: 'en', patientLanguage: null } });
    await call(emailEvent('magiclink'));
    expect(sent[0]?.html).toContain('&lt;b&gt;Evil&lt;/b&gt; &amp; Co');
    expect(sent[0]?.html).not.toContain('<b>Evil');
  });

  it('keeps the idempotency key across Auth\'s retries of one event (same metadata.uuid), not across events', async () => {
    const { sent, call } = setup();
    const uuid = randomUUID();
    await call(emailEvent('magiclink', { uuid }));
    await call(emailEvent('magiclink', { uuid }));
    await call(emailEvent('magiclink'));
    expect(sent[0]?.idempotencyKey).toBe(sent[1]?.idempotencyKey);
    expect(sent[2]?.idempotencyKey).not.toBe(sent[0]?.idempotencyKey);
  });

  it('refuses a bad signature with 401 and sends nothing', async () => {
    const { sent, call } = setup();
    const event = emailEvent('signup');
    const response = await call(event, signHook(newHookSecret(), JSON.stringify(event)));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { http_code: 401, message: 'Invalid hook signature.' } });
    expect(sent).toEqual([]);
  });

  it('answers 400 to a payload without email_data, and relays a missing address', async () => {
    const { sent, call } = setup();
    const broken = await call({ user: { email: 'a@example.test' } });
    expect(broken.status).toBe(400);
    const noAddress = await call(emailEvent('signup', { email: '' }));
    expect(noAddress.status).toBe(200);
    expect((await noAddress.json()).error.http_code).toBe(400);
    expect(sent).toEqual([]);
  });

  it('asks Auth to retry when the provider is unavailable (also when the second of two e-mails fails)', async () => {
    const { sent, call } = setup({ failOn: (m) => (m.to === 'new@example.test' ? new ProviderError('resend 500', true, 500) : null) });
    const response = await call(emailEvent('email_change', {
      email: 'old@example.test', newEmail: 'new@example.test', data: { token_hash: 'a', token_hash_new: 'b', token_new: '222222' },
    }));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('true');
    expect(sent.map((m) => m.to)).toEqual(['old@example.test']);
  });

  it('relays an address the provider refuses (422) as 400', async () => {
    const { call } = setup({ failOn: () => new ProviderError('resend validation_error', false, 422, 'validation_error') });
    const response = await call(emailEvent('signup'));
    expect(response.status).toBe(200);
    expect((await response.json()).error.http_code).toBe(400);
  });
});

describe.skipIf(!dbUrl)('send-email-hook over HTTP (real Deno, functions server, fake Resend)', () => {
  const secret = newHookSecret();
  let resend: FakeResend;
  let server: FunctionsServer;
  let files: ReturnType<typeof hookServerFiles>;

  beforeAll(async () => {
    resend = await startFakeResend();
    files = hookServerFiles({
      SEND_EMAIL_HOOK_SECRET: secret,
      RESEND_API_KEY: resend.apiKey,
      RESEND_FROM: 'Slotbase <auth@example.test>',
      RESEND_API_BASE: resend.url,
    });
    server = await startProjectFunctions({
      config: files.config,
      envFile: files.envFile,
      env: { SUPABASE_URL: supabaseUrl, SUPABASE_DB_URL: dbUrl as string },
    });
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    await resend?.close();
    files?.remove();
  });

  const post = (event: unknown) => {
    const body = JSON.stringify(event);
    return fetch(server.url('/functions/v1/send-email-hook'), { method: 'POST', headers: signHook(secret, body), body });
  };

  it('e-mails a seeded patient a magic link in their clinic\'s wording through Resend, once per event', async () => {
    // the seeded address is e-mailed by every run: forget its earlier codes (the limit is 5 an hour)
    const admin = postgres(dbUrl as string, { max: 1, onnotice: () => {} });
    await admin`delete from private.rate_limit_hits where bucket = private.rate_limit_bucket(null, 'otp', 'user', 'email:maya.brooks@example.test')`;
    await admin.end();
    const uuid = randomUUID();
    const event = emailEvent('magiclink', {
      email: 'maya.brooks@example.test', userId: 'a0000000-0000-4000-8000-000000000102', uuid, data: { token: '424242', token_hash: 'hash-424242' },
    });
    expect((await post(event)).status).toBe(200);
    // Auth retries the same event (after a timeout on its side): Resend's idempotency drops the repeat.
    expect((await post(event)).status).toBe(200);
    const emails = resend.emails.filter((e) => e.text?.includes('424242'));
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ to: ['maya.brooks@example.test'], from: 'Slotbase <auth@example.test>', subject: 'Your Harbor Family Clinics sign-in code' });
    expect(emails[0]?.text).toContain(link('hash-424242', 'magiclink'));
    expect(emails[0]?.idempotencyKey).toMatch(/^auth-email-/);
    expect(server.output()).not.toContain('424242');
  });

  it('refuses an unsigned request with 401', async () => {
    const body = JSON.stringify(emailEvent('signup', { data: { token: '515151' } }));
    const response = await fetch(server.url('/functions/v1/send-email-hook'), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(401);
    expect(resend.emails.some((e) => e.text?.includes('515151'))).toBe(false);
  });

  it('a genuine signed call replayed within the tolerance is not e-mailed again, even without the provider\'s idempotency', async () => {
    const event = emailEvent('recovery', { email: `replayed-${run}@example.test`, data: { token: '626262', token_hash: 'hash-626262' } });
    const body = JSON.stringify(event);
    const headers = signHook(secret, body);
    const first = await fetch(server.url('/functions/v1/send-email-hook'), { method: 'POST', headers, body });
    expect(first.status).toBe(200);
    const replay = await fetch(server.url('/functions/v1/send-email-hook'), { method: 'POST', headers, body });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({});
    // The fake keeps idempotency keys too, so count the requests that reached it, not the e-mails.
    expect(resend.requests.filter((r) => r.body.includes('626262'))).toHaveLength(1);
  });

  it('a killed database connection, between calls or in the middle of recording one, fails no call and crashes nothing', async () => {
    const admin = postgres(dbUrl as string, { max: 3, onnotice: () => {} });
    const faults = databaseFaults(admin);
    const mailed = (code: string) => resend.requests.filter((r) => r.body.includes(code)).length;
    try {
      expect((await post(emailEvent('signup', { email: `killed-${run}@example.test`, data: { token: '800001' } }))).status).toBe(200);
      expect(await faults.terminateBackends('send-email-hook')).toBeGreaterThan(0);
      expect((await post(emailEvent('signup', { email: `killed-${run}@example.test`, data: { token: '800002' } }))).status).toBe(200);
      expect(mailed('800002')).toBe(1);

      const body = JSON.stringify(emailEvent('signup', { email: `killed-${run}@example.test`, data: { token: '800003' } }));
      const headers = signHook(secret, body);
      const response = await callLosingItsConnection(admin, 'send_email', 'send-email-hook', headers['webhook-id']!,
        () => fetch(server.url('/functions/v1/send-email-hook'), { method: 'POST', headers, body }));
      expect([200, 503]).toContain(response.status);
      expect(mailed('800003')).toBe(response.status === 200 ? 1 : 0);
      expect((await post(emailEvent('signup', { email: `killed-${run}@example.test`, data: { token: '800004' } }))).status).toBe(200);
      expect(crashesOf(server.output(), 'send-email-hook')).toEqual([]);
    } finally {
      await admin.end();
    }
  });

  it('asks Auth to retry when Resend fails', async () => {
    resend.failNextWith('server_error', 1, `flaky-${run}@example.test`);
    const response = await post(emailEvent('signup', { email: `flaky-${run}@example.test` }));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('true');
  });
});

describe.skipIf(!dbUrl)('send-email-hook without Resend keys (dev outbox)', () => {
  it('captures the e-mail in the DEV OUTBOX block of the function log instead of sending it', async () => {
    const secret = newHookSecret();
    const files = hookServerFiles({ SEND_EMAIL_HOOK_SECRET: secret });
    const server = await startProjectFunctions({
      config: files.config,
      envFile: files.envFile,
      env: { SUPABASE_URL: 'http://127.0.0.1:54321', SUPABASE_DB_URL: dbUrl as string },
    });
    try {
      const body = JSON.stringify(emailEvent('signup', { email: `dev-${run}@example.test`, data: { token: '777333', token_hash: 'h777' } }));
      const response = await fetch(server.url('/functions/v1/send-email-hook'), { method: 'POST', headers: signHook(secret, body), body });
      expect(response.status).toBe(200);
      const deadline = Date.now() + 5000;
      while (!server.output().includes('Your code: 777333') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const output = server.output();
      expect(output).toContain('DEV OUTBOX — NOT SENT');
      expect(output).toContain(`dev-${run}@example.test`);
      expect(output).toContain('Your code: 777333');
      expect(output).toContain('http://127.0.0.1:54321/auth/v1/verify?token=h777&type=signup');
    } finally {
      await server.stop();
      files.remove();
    }
  }, 90_000);
});
