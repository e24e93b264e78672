// Nothing a client sends may produce a 500: every Edge Function (payments, messaging, Auth hooks,
// health) under real Deno through the functions server, against the test database, gets bad input
// of every kind this file can think of — wrong methods, missing or forged signatures, bodies that
// are not JSON, not the expected shape, out of range, or far too large, and correctly signed bodies
// that are still wrong — and must answer each with a 4xx and a reason, changing nothing.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys, signHs256 } from '../../local/stack/keys.ts';
import { signHook, newHookSecret } from '../auth-hooks/send-hook-helpers.ts';
import { razorpayEvent, signRazorpayWebhook } from '../fakes/razorpay.ts';
import { newResendWebhookSecret, resendEvent, signResendEvent } from '../fakes/resend.ts';
import { signStripeEvent, stripeEvent } from '../fakes/stripe.ts';
import { signTwilioRequest } from '../fakes/twilio.ts';
import { freePort, type FunctionsServer, startProjectFunctions } from '../functions-server/server.ts';

const url = process.env.SLOTBASE_TEST_DB_URL;
const jwtSecret = 'super-secret-jwt-token-with-at-least-32-characters-long';
const { anonKey, serviceRoleKey } = apiKeys(jwtSecret);

interface Case {
  name: string;
  fn: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Blob;
  status: number;
}

describe.skipIf(!url)('every function answers bad input with a 4xx and a reason, never a 500', { timeout: 120_000 }, () => {
  const stripeSecret = 'whsec_slotbase_bad_input_test';
  const razorpaySecret = 'razorpay_bad_input_webhook_secret';
  const twilioToken = 'bad-input-twilio-token';
  const resendSecret = newResendWebhookSecret();
  const smsSecret = newHookSecret();
  const emailSecret = newHookSecret();
  let userToken = '';
  let server: FunctionsServer;
  let tempDir: string;

  beforeAll(async () => {
    tempDir = mkdtempSync(join(tmpdir(), 'slotbase-bad-input-'));
    const nowhere = `http://127.0.0.1:${await freePort()}`; // providers are never reached by bad input
    const secrets = {
      STRIPE_SECRET_KEY: 'sk_test_bad_input',
      STRIPE_WEBHOOK_SECRET: stripeSecret,
      STRIPE_API_BASE: nowhere,
      RAZORPAY_KEY_ID: 'rzp_test_BadInput',
      RAZORPAY_KEY_SECRET: 'bad-input-key-secret',
      RAZORPAY_WEBHOOK_SECRET: razorpaySecret,
      RAZORPAY_API_BASE: nowhere,
      TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000000',
      TWILIO_AUTH_TOKEN: twilioToken,
      TWILIO_FROM: '+15005550006',
      TWILIO_API_BASE: nowhere,
      RESEND_WEBHOOK_SECRET: resendSecret,
      SEND_SMS_HOOK_SECRET: smsSecret,
      SEND_EMAIL_HOOK_SECRET: emailSecret,
    };
    const envFile = join(tempDir, 'functions.env');
    writeFileSync(envFile, Object.entries(secrets).map(([name, value]) => `${name}="${value}"`).join('\n') + '\n');
    const port = await freePort();
    // A signed-in user of this project (the issuer is its Auth: SUPABASE_URL + /auth/v1).
    userToken = signHs256({ iss: `http://127.0.0.1:${port}/auth/v1`, sub: randomUUID(), role: 'authenticated', aud: 'authenticated', exp: Math.floor(Date.now() / 1000) + 3600 }, jwtSecret);
    server = await startProjectFunctions({
      envFile,
      port,
      env: { SUPABASE_DB_URL: url as string, SUPABASE_URL: `http://127.0.0.1:${port}`, SUPABASE_JWT_SECRET: jwtSecret },
    });
  });

  afterAll(async () => {
    await server?.stop();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  });

  const huge = 'x'.repeat(2 * 1024 * 1024);
  const json = { 'content-type': 'application/json' };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}`, ...json });
  const stripeSigned = (payload: string) => ({ 'stripe-signature': signStripeEvent(payload, stripeSecret), ...json });
  const twilioSigned = (params: Record<string, string>) => ({
    'content-type': 'application/x-www-form-urlencoded',
    'x-twilio-signature': signTwilioRequest(twilioToken, server.url('/functions/v1/twilio-webhook'), params),
  });
  const form = (params: Record<string, string>) => new URLSearchParams(params).toString();
  const razorpaySigned = (payload: string, eventId: string | null = 'BadInputEvent1') => ({
    'x-razorpay-signature': signRazorpayWebhook(payload, razorpaySecret), ...(eventId ? { 'x-razorpay-event-id': eventId } : {}), ...json,
  });
  const razorpayCaptured = JSON.stringify(razorpayEvent('payment.captured', { payment: { id: 'pay_BadInput1', entity: 'payment', amount: 100, currency: 'INR', status: 'captured', order_id: 'order_BadInput1' } }));
  const razorpayNotEvent = JSON.stringify({ entity: 'payment', event: 'payment.captured', payload: {} });
  const checkoutResult = (paymentId: string) => JSON.stringify({ payment_id: paymentId, razorpay_order_id: 'order_BadInput1', razorpay_payment_id: 'pay_BadInput1', razorpay_signature: '0'.repeat(64) });
  const emptyIdEvent = JSON.stringify({ ...stripeEvent('payment_intent.succeeded', { id: 'pi_1', object: 'payment_intent' }), id: '' });
  const noDataEvent = JSON.stringify({ ...stripeEvent('payment_intent.succeeded', { id: 'pi_1', object: 'payment_intent' }), data: 'none' });
  const badSid = { MessageSid: 'SM;drop table', MessageStatus: 'delivered', AccountSid: 'AC1' };
  const badErrorCode = { MessageSid: `SM${'a'.repeat(32)}`, MessageStatus: 'failed', ErrorCode: 'abc', AccountSid: 'AC1' };
  const resendNotJson = 'not json';
  const resendNoData = JSON.stringify({ type: 'email.delivered' });
  const resendBadTo = JSON.stringify({ type: 'email.complained', data: { email_id: 'em', to: 42 } });
  const resendHuge = JSON.stringify(resendEvent('email.delivered', 'em', 'a@example.test', { pad: 'x'.repeat(300 * 1024) }));

  const cases = (): Case[] => [
    // create-payment (the app, with a user's token)
    { name: 'create-payment: GET', fn: 'create-payment', method: 'GET', headers: bearer(userToken), status: 405 },
    { name: 'create-payment: no token', fn: 'create-payment', headers: json, body: '{}', status: 401 },
    { name: 'create-payment: not JSON', fn: 'create-payment', headers: bearer(userToken), body: '{"appointment_id":', status: 400 },
    { name: 'create-payment: JSON array', fn: 'create-payment', headers: bearer(userToken), body: '[1,2]', status: 400 },
    { name: 'create-payment: null', fn: 'create-payment', headers: bearer(userToken), body: 'null', status: 400 },
    { name: 'create-payment: not a uuid', fn: 'create-payment', headers: bearer(userToken), body: JSON.stringify({ appointment_id: "1' or 1=1", flow: 'payment_intent' }), status: 400 },
    { name: 'create-payment: an amount', fn: 'create-payment', headers: bearer(userToken), body: JSON.stringify({ appointment_id: randomUUID(), flow: 'payment_intent', amount: 1 }), status: 400 },
    { name: 'create-payment: unknown flow', fn: 'create-payment', headers: bearer(userToken), body: JSON.stringify({ appointment_id: randomUUID(), flow: 'cash' }), status: 400 },
    { name: 'create-payment: checkout to javascript:', fn: 'create-payment', headers: bearer(userToken), body: JSON.stringify({ appointment_id: randomUUID(), flow: 'checkout', success_url: 'javascript:alert(1)', cancel_url: 'https://a.test' }), status: 400 },
    { name: 'create-payment: an appointment that is not theirs', fn: 'create-payment', headers: bearer(userToken), body: JSON.stringify({ appointment_id: randomUUID(), flow: 'payment_intent' }), status: 404 },
    { name: 'create-payment: anon key', fn: 'create-payment', headers: bearer(anonKey), body: JSON.stringify({ appointment_id: randomUUID(), flow: 'payment_intent' }), status: 401 },
    { name: 'create-payment: 2 MB body', fn: 'create-payment', headers: bearer(userToken), body: huge, status: 413 },
    // stripe-webhook
    { name: 'stripe-webhook: GET', fn: 'stripe-webhook', method: 'GET', status: 405 },
    { name: 'stripe-webhook: unsigned', fn: 'stripe-webhook', headers: json, body: emptyIdEvent, status: 400 },
    { name: 'stripe-webhook: forged signature', fn: 'stripe-webhook', headers: { 'stripe-signature': 't=1,v1=00', ...json }, body: emptyIdEvent, status: 400 },
    { name: 'stripe-webhook: signed, not JSON', fn: 'stripe-webhook', headers: stripeSigned('{'), body: '{', status: 400 },
    { name: 'stripe-webhook: signed, empty id', fn: 'stripe-webhook', headers: stripeSigned(emptyIdEvent), body: emptyIdEvent, status: 400 },
    { name: 'stripe-webhook: signed, no data.object', fn: 'stripe-webhook', headers: stripeSigned(noDataEvent), body: noDataEvent, status: 400 },
    { name: 'stripe-webhook: 2 MB body', fn: 'stripe-webhook', headers: json, body: huge, status: 413 },
    // razorpay-webhook
    { name: 'razorpay-webhook: GET', fn: 'razorpay-webhook', method: 'GET', status: 405 },
    { name: 'razorpay-webhook: unsigned', fn: 'razorpay-webhook', headers: json, body: razorpayCaptured, status: 400 },
    { name: 'razorpay-webhook: forged signature', fn: 'razorpay-webhook', headers: { 'x-razorpay-signature': 'ab'.repeat(32), 'x-razorpay-event-id': 'E1', ...json }, body: razorpayCaptured, status: 400 },
    { name: 'razorpay-webhook: signed, no event id', fn: 'razorpay-webhook', headers: razorpaySigned(razorpayCaptured, null), body: razorpayCaptured, status: 400 },
    { name: 'razorpay-webhook: signed, not JSON', fn: 'razorpay-webhook', headers: razorpaySigned('{'), body: '{', status: 400 },
    { name: 'razorpay-webhook: signed, not an event', fn: 'razorpay-webhook', headers: razorpaySigned(razorpayNotEvent), body: razorpayNotEvent, status: 400 },
    { name: 'razorpay-webhook: 2 MB body', fn: 'razorpay-webhook', headers: json, body: huge, status: 413 },
    // verify-razorpay-payment (the app, with a user's token)
    { name: 'verify-razorpay-payment: GET', fn: 'verify-razorpay-payment', method: 'GET', headers: bearer(userToken), status: 405 },
    { name: 'verify-razorpay-payment: no token', fn: 'verify-razorpay-payment', headers: json, body: checkoutResult(randomUUID()), status: 401 },
    { name: 'verify-razorpay-payment: not JSON', fn: 'verify-razorpay-payment', headers: bearer(userToken), body: '{', status: 400 },
    { name: 'verify-razorpay-payment: signature not hex', fn: 'verify-razorpay-payment', headers: bearer(userToken), body: JSON.stringify({ ...JSON.parse(checkoutResult(randomUUID())), razorpay_signature: "' or 1=1" }), status: 400 },
    { name: 'verify-razorpay-payment: a payment that is not theirs', fn: 'verify-razorpay-payment', headers: bearer(userToken), body: checkoutResult(randomUUID()), status: 404 },
    { name: 'verify-razorpay-payment: 2 MB body', fn: 'verify-razorpay-payment', headers: bearer(userToken), body: huge, status: 413 },
    // twilio-webhook
    { name: 'twilio-webhook: GET', fn: 'twilio-webhook', method: 'GET', status: 405 },
    { name: 'twilio-webhook: unsigned', fn: 'twilio-webhook', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form(badSid), status: 403 },
    { name: 'twilio-webhook: signed, not a SID', fn: 'twilio-webhook', headers: twilioSigned(badSid), body: form(badSid), status: 400 },
    { name: 'twilio-webhook: signed, not an error code', fn: 'twilio-webhook', headers: twilioSigned(badErrorCode), body: form(badErrorCode), status: 400 },
    { name: 'twilio-webhook: 2 MB body', fn: 'twilio-webhook', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: huge, status: 413 },
    // resend-webhook
    { name: 'resend-webhook: GET', fn: 'resend-webhook', method: 'GET', status: 405 },
    { name: 'resend-webhook: unsigned', fn: 'resend-webhook', headers: json, body: resendNoData, status: 400 },
    { name: 'resend-webhook: signed, not JSON', fn: 'resend-webhook', headers: signResendEvent(resendNotJson, resendSecret), body: resendNotJson, status: 400 },
    { name: 'resend-webhook: signed, no data', fn: 'resend-webhook', headers: signResendEvent(resendNoData, resendSecret), body: resendNoData, status: 400 },
    { name: 'resend-webhook: signed, recipients not text', fn: 'resend-webhook', headers: signResendEvent(resendBadTo, resendSecret), body: resendBadTo, status: 400 },
    { name: 'resend-webhook: signed, 300 kB', fn: 'resend-webhook', headers: signResendEvent(resendHuge, resendSecret), body: resendHuge, status: 413 },
    // Auth hooks
    ...(['send-sms-hook', 'send-email-hook'] as const).flatMap((fn): Case[] => {
      const secret = fn === 'send-sms-hook' ? smsSecret : emailSecret;
      const garbage = JSON.stringify({ user: 'nobody', sms: 1, email_data: [] });
      return [
        { name: `${fn}: GET`, fn, method: 'GET', status: 405 },
        { name: `${fn}: unsigned`, fn, headers: json, body: garbage, status: 401 },
        { name: `${fn}: signed with another secret`, fn, headers: signHook(newHookSecret(), garbage), body: garbage, status: 401 },
        { name: `${fn}: signed, not JSON`, fn, headers: signHook(secret, '{'), body: '{', status: 400 },
        { name: `${fn}: signed, not an event`, fn, headers: signHook(secret, garbage), body: garbage, status: 400 },
        { name: `${fn}: 2 MB body`, fn, headers: json, body: huge, status: 413 },
      ];
    }),
    // import-file (staff, with their token)
    { name: 'import-file: GET', fn: 'import-file', method: 'GET', headers: bearer(userToken), status: 405 },
    { name: 'import-file: no token', fn: `import-file?tenant_id=${randomUUID()}&kind=patients`, headers: json, body: 'full_name\nAna\n', status: 401 },
    { name: 'import-file: no kind', fn: `import-file?tenant_id=${randomUUID()}`, headers: bearer(userToken), body: 'full_name\nAna\n', status: 400 },
    { name: 'import-file: not a uuid', fn: `import-file?tenant_id=1%27%20or%201%3D1&kind=patients`, headers: bearer(userToken), body: 'full_name\nAna\n', status: 400 },
    { name: 'import-file: empty file', fn: `import-file?tenant_id=${randomUUID()}&kind=patients`, headers: bearer(userToken), body: '', status: 422 },
    { name: 'import-file: a legacy .xls', fn: `import-file?tenant_id=${randomUUID()}&kind=patients`, headers: bearer(userToken), body: new Blob([new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])]), status: 415 },
    { name: 'import-file: a broken quote', fn: `import-file?tenant_id=${randomUUID()}&kind=patients`, headers: bearer(userToken), body: 'full_name\n"Ana\n', status: 422 },
    { name: 'import-file: another clinic', fn: `import-file?tenant_id=${randomUUID()}&kind=patients`, headers: bearer(userToken), body: 'full_name\nAna\n', status: 403 },
    { name: 'import-file: 11 MB body', fn: `import-file?tenant_id=${randomUUID()}&kind=patients`, headers: bearer(userToken), body: 'x'.repeat(11 * 1024 * 1024), status: 413 },
    // server-only workers and health
    { name: 'dispatch-notifications: anon key', fn: 'dispatch-notifications', headers: bearer(anonKey), body: huge, status: 403 },
    { name: 'dispatch-notifications: a user', fn: 'dispatch-notifications', headers: bearer(userToken), status: 403 },
    { name: 'dispatch-notifications: GET', fn: 'dispatch-notifications', method: 'GET', headers: bearer(serviceRoleKey), status: 405 },
    { name: 'process-refunds: a user', fn: 'process-refunds', headers: bearer(userToken), status: 403 },
    { name: 'process-refunds: GET', fn: 'process-refunds', method: 'GET', headers: bearer(serviceRoleKey), status: 405 },
    { name: 'health: POST', fn: 'health', headers: json, body: huge, status: 405 },
  ];

  it('answers each with the expected 4xx and a reason', async () => {
    const answers: string[] = [];
    for (const c of cases()) {
      const response = await fetch(server.url(`/functions/v1/${c.fn}`), { method: c.method ?? 'POST', headers: c.headers, body: c.method === 'GET' ? undefined : c.body });
      const text = await response.text();
      let reason: unknown = null;
      try {
        const body = JSON.parse(text) as { code?: unknown; message?: unknown; error?: { message?: unknown } };
        reason = body.message ?? body.error?.message ?? null;
      } catch {
        reason = null;
      }
      answers.push(`${c.name}: ${response.status}${typeof reason === 'string' && reason ? '' : ' (no reason)'}`);
    }
    expect(answers).toEqual(cases().map((c) => `${c.name}: ${c.status}`));
    expect(server.output()).not.toMatch(/\[functions\] [a-z-]+ exited/);
  });
});
