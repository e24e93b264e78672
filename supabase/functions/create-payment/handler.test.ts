import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import { createCallerVerifier } from '../_shared/caller.ts';
import type { Claims, ClientRequest } from '../_shared/db.ts';
import { publishableKey, secretKey, testProject } from '../tests/callers.ts';
import type { CheckoutSessionParams, PaymentIntentParams, StripeApi, StripeRequestOptions } from '../_shared/stripe.ts';
import { checkoutExpiresAt, createCreatePaymentHandler, type CreatePaymentDependencies, type OpenedPayment, type PaymentFlow, type StripeIds } from './handler.ts';

const now = new Date('2026-11-21T10:00:00.000Z');
const appointmentId = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const paymentId = '11111111-2222-4333-8444-555555555555';
const project = await testProject();
const patientToken = await project.userToken({ sub: 'user-1' });

function opened(overrides: Partial<OpenedPayment> = {}): OpenedPayment {
  return {
    id: paymentId,
    provider: 'stripe',
    flow: 'payment_intent',
    amount: 45.5,
    amount_minor: 4550,
    currency: 'GBP',
    idempotency_key: `payment:${appointmentId}:1`,
    stripe_account_id: null,
    stripe_payment_intent_id: null,
    stripe_checkout_session_id: null,
    razorpay_account_id: null,
    razorpay_order_id: null,
    razorpay_payment_link_id: null,
    checkout_url: null,
    created_at: new Date(now.getTime() - 5_000),
    description: 'Physio assessment, Mon 23 Nov 2026, 09:30 (Europe/London)',
    patient_email: 'ana@example.test',
    patient_name: 'Ana Lima',
    patient_phone: '+447700900123',
    merchant_name: 'Riverside Physio',
    hold_expires_at: new Date(now.getTime() + 15 * 60_000),
    metadata: { tenant_id: 't-1', appointment_id: appointmentId, payment_id: paymentId },
    ...overrides,
  };
}

class DbError extends Error {
  override name = 'PostgresError';
  constructor(readonly code: string, message: string, readonly hint?: string, readonly detail?: string) {
    super(message);
  }
}

function setup(overrides: Partial<CreatePaymentDependencies> & { payment?: OpenedPayment } = {}) {
  const calls = {
    open: [] as Array<{ claims: Claims; appointmentId: string; flow: PaymentFlow }>,
    attach: [] as Array<{ paymentId: string; ids: StripeIds }>,
    intents: [] as Array<{ params: PaymentIntentParams; options?: StripeRequestOptions }>,
    retrieved: [] as Array<{ id: string; options?: StripeRequestOptions }>,
    sessions: [] as Array<{ params: CheckoutSessionParams; options?: StripeRequestOptions }>,
  };
  const stripe: StripeApi = {
    paymentIntents: {
      create: (params, options) => {
        calls.intents.push({ params, options });
        return Promise.resolve({ id: 'pi_123', client_secret: 'pi_123_secret_abc', status: 'requires_payment_method' });
      },
      retrieve: (id, _params, options) => {
        calls.retrieved.push({ id, options });
        return Promise.resolve({ id, client_secret: `${id}_secret_again`, status: 'requires_payment_method' });
      },
    },
    checkout: {
      sessions: {
        create: (params, options) => {
          calls.sessions.push({ params, options });
          return Promise.resolve({ id: 'cs_test_123', url: 'https://checkout.stripe.com/c/pay/cs_test_123', payment_intent: null });
        },
      },
    },
    refunds: { create: () => Promise.reject(new Error('not used')) },
  };
  const logs: string[] = [];
  const handler = createCreatePaymentHandler({
    verifyCaller: createCallerVerifier(project.env),
    openPayment: (claims, id, flow) => {
      calls.open.push({ claims, appointmentId: id, flow });
      return Promise.resolve(overrides.payment ?? opened({ flow }));
    },
    attachStripePayment: (id, ids) => {
      calls.attach.push({ paymentId: id, ids });
      return Promise.resolve();
    },
    attachRazorpayPayment: () => Promise.reject(new Error('not used')),
    stripe,
    now: () => now,
    log: (message) => logs.push(message),
    ...overrides,
  });
  return { handler, calls, logs, stripe };
}

function post(body: unknown, token: string | null = patientToken): Request {
  return new Request('http://localhost/create-payment', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

Deno.test('payment_intent: opens the payment as the caller, creates the PaymentIntent with the DB amount and key, attaches it', async () => {
  const { handler, calls } = setup();
  const response = await handler(post({ appointment_id: appointmentId, flow: 'payment_intent' }));
  equal(response.status, 200);
  deepStrictEqual(await response.json(), {
    payment_id: paymentId,
    provider: 'stripe',
    flow: 'payment_intent',
    amount: 45.5,
    amount_minor: 4550,
    currency: 'GBP',
    hold_expires_at: '2026-11-21T10:15:00.000Z',
    client_secret: 'pi_123_secret_abc',
  });
  equal(calls.open.length, 1);
  deepStrictEqual({ ...calls.open[0], claims: { sub: calls.open[0]?.claims.sub, role: calls.open[0]?.claims.role } }, { claims: { sub: 'user-1', role: 'authenticated' }, appointmentId, flow: 'payment_intent' });
  deepStrictEqual(calls.intents[0], {
    params: {
      amount: 4550,
      currency: 'gbp',
      description: 'Physio assessment, Mon 23 Nov 2026, 09:30 (Europe/London)',
      metadata: { tenant_id: 't-1', appointment_id: appointmentId, payment_id: paymentId },
      receipt_email: 'ana@example.test',
      automatic_payment_methods: { enabled: true },
    },
    options: { idempotencyKey: `payment:${appointmentId}:1` },
  });
  deepStrictEqual(calls.attach, [{ paymentId, ids: { paymentIntentId: 'pi_123', checkoutSessionId: null, checkoutUrl: null } }]);
});

Deno.test('a connected account is sent as Stripe-Account (stripeAccount) with the idempotency key', async () => {
  const { handler, calls } = setup({ payment: opened({ stripe_account_id: 'acct_1Clinic' }) });
  equal((await handler(post({ appointment_id: appointmentId, flow: 'payment_intent' }))).status, 200);
  deepStrictEqual(calls.intents[0]?.options, { idempotencyKey: `payment:${appointmentId}:1`, stripeAccount: 'acct_1Clinic' });
});

Deno.test('an open payment that already has a PaymentIntent is reused: retrieve for the client secret, no new object, no attach', async () => {
  const { handler, calls } = setup({ payment: opened({ stripe_payment_intent_id: 'pi_existing', stripe_account_id: 'acct_1Clinic' }) });
  const response = await handler(post({ appointment_id: appointmentId, flow: 'payment_intent' }));
  equal(response.status, 200);
  equal((await response.json()).client_secret, 'pi_existing_secret_again');
  equal(calls.intents.length, 0);
  deepStrictEqual(calls.retrieved, [{ id: 'pi_existing', options: { stripeAccount: 'acct_1Clinic' } }]);
  equal(calls.attach.length, 0);
});

Deno.test('checkout: one line item with the DB amount, metadata on the session and the PaymentIntent, return URLs, expiry >= 30 min', async () => {
  const { handler, calls } = setup();
  const response = await handler(post({ appointment_id: appointmentId, flow: 'checkout', success_url: 'https://clinic.example/paid?s={CHECKOUT_SESSION_ID}', cancel_url: 'http://localhost:3000/cancel' }));
  equal(response.status, 200);
  const body = await response.json();
  equal(body.checkout_url, 'https://checkout.stripe.com/c/pay/cs_test_123');
  equal(body.client_secret, undefined);
  const { params, options } = calls.sessions[0]!;
  deepStrictEqual(params.line_items, [{ quantity: 1, price_data: { currency: 'gbp', unit_amount: 4550, product_data: { name: 'Physio assessment, Mon 23 Nov 2026, 09:30 (Europe/London)' } } }]);
  equal(params.mode, 'payment');
  equal(params.client_reference_id, paymentId);
  equal(params.customer_email, 'ana@example.test');
  deepStrictEqual(params.metadata, { tenant_id: 't-1', appointment_id: appointmentId, payment_id: paymentId });
  deepStrictEqual(params.payment_intent_data.metadata, params.metadata);
  equal(params.success_url, 'https://clinic.example/paid?s={CHECKOUT_SESSION_ID}');
  equal(params.cancel_url, 'http://localhost:3000/cancel');
  ok(params.expires_at * 1000 >= now.getTime() + 30 * 60_000, 'at least 30 minutes from now');
  deepStrictEqual(options, { idempotencyKey: `payment:${appointmentId}:1` });
  deepStrictEqual(calls.attach, [{ paymentId, ids: { paymentIntentId: null, checkoutSessionId: 'cs_test_123', checkoutUrl: 'https://checkout.stripe.com/c/pay/cs_test_123' } }]);
});

Deno.test('checkout: an open payment that already has its session answers the stored URL without calling Stripe', async () => {
  const { handler, calls } = setup({ payment: opened({ flow: 'checkout', stripe_checkout_session_id: 'cs_test_old', checkout_url: 'https://checkout.stripe.com/c/pay/cs_test_old' }) });
  const response = await handler(post({ appointment_id: appointmentId, flow: 'checkout', success_url: 'https://a.example/ok', cancel_url: 'https://a.example/no' }));
  equal(response.status, 200);
  equal((await response.json()).checkout_url, 'https://checkout.stripe.com/c/pay/cs_test_old');
  equal(calls.sessions.length + calls.attach.length, 0);
});

Deno.test('checkoutExpiresAt: the hold end when later than 30 min, else 31 min after the payment opened; stable across retries', () => {
  const created = new Date(now.getTime() - 5_000);
  const shortHold = { created_at: created, hold_expires_at: new Date(now.getTime() + 15 * 60_000) };
  equal(checkoutExpiresAt(shortHold, now), Math.floor((created.getTime() + 31 * 60_000) / 1000));
  equal(checkoutExpiresAt(shortHold, new Date(now.getTime() + 20_000)), checkoutExpiresAt(shortHold, now), 'same parameters on a quick retry');
  const longHold = { created_at: created, hold_expires_at: new Date(now.getTime() + 2 * 3600_000) };
  equal(checkoutExpiresAt(longHold, now), Math.floor(longHold.hold_expires_at.getTime() / 1000));
  const late = new Date(now.getTime() + 10 * 60_000);
  ok(checkoutExpiresAt(shortHold, late) * 1000 >= late.getTime() + 30 * 60_000, 'a late retry still meets the minimum');
  const dayHold = { created_at: created, hold_expires_at: new Date(now.getTime() + 3 * 86400_000) };
  ok(checkoutExpiresAt(dayHold, now) * 1000 < now.getTime() + 24 * 3600_000, 'below the 24 h maximum');
});

Deno.test('the body is validated strictly: an amount (or any unknown key) is refused before the database is asked', async () => {
  const { handler, calls } = setup();
  const cases: Array<[unknown, RegExp]> = [
    [{ appointment_id: appointmentId, flow: 'payment_intent', amount: 1 }, /unknown field amount/],
    [{ appointment_id: 'not-a-uuid', flow: 'payment_intent' }, /appointment_id must be a UUID/],
    [{ appointment_id: appointmentId, flow: 'cash' }, /flow must be/],
    [{ appointment_id: appointmentId, flow: 'checkout' }, /success_url is required for flow checkout; cancel_url is required/],
    [{ appointment_id: appointmentId, flow: 'checkout', success_url: 'http://evil.example/ok', cancel_url: 'https://a.example' }, /success_url must be an https URL/],
    [{ appointment_id: appointmentId, flow: 'checkout', success_url: 'javascript:alert(1)', cancel_url: 'https://a.example' }, /success_url must be an https URL/],
    [[appointmentId], /body/],
  ];
  for (const [body, message] of cases) {
    const response = await handler(post(body));
    equal(response.status, 400, JSON.stringify(body));
    const problem = await response.json();
    equal(problem.code, 'invalid_request');
    ok(message.test(problem.message), `${problem.message} ~ ${message}`);
    ok(problem.hint);
  }
  const invalidJson = await handler(post('{"appointment_id":'));
  equal(invalidJson.status, 400);
  equal((await invalidJson.json()).code, 'invalid_body');
  equal(calls.open.length, 0);
});

Deno.test('database refusals keep their SQLSTATE as code, with the status PostgREST would use and the DB message and hint', async () => {
  const cases: Array<[DbError, number]> = [
    [new DbError('PT404', 'appointment not found', 'Check the id.'), 404],
    [new DbError('PT409', 'the hold has expired', 'Book the time again.'), 409],
    [new DbError('PT403', 'clinicians cannot take payments'), 403],
    [new DbError('42501', 'permission denied for function open_payment'), 403],
  ];
  for (const [error, status] of cases) {
    const { handler, calls } = setup({ openPayment: () => Promise.reject(error) });
    const response = await handler(post({ appointment_id: appointmentId, flow: 'payment_intent' }));
    equal(response.status, status);
    deepStrictEqual(await response.json(), { code: error.code, message: error.message, hint: error.hint ?? null, details: null });
    equal(calls.intents.length + calls.attach.length, 0, 'nothing at Stripe');
  }
});

Deno.test('a rate-limited payment answers 429 with Retry-After and the reason, as PostgREST would; the client request reaches the database', async () => {
  // what private.raise_rate_limited raises (sqlstate PGRST, PostgREST's JSON in message and detail)
  const limited = new DbError('PGRST',
    JSON.stringify({ code: 'PT429', message: 'too many payment attempts in a short time', details: 'rate_limited', hint: 'Wait before trying to pay again. Try again in 1200 seconds.' }),
    undefined,
    JSON.stringify({ status: 429, headers: { 'Retry-After': '1200' } }));
  const seen: Array<ClientRequest | undefined> = [];
  const { handler, calls } = setup({ openPayment: (_claims, _id, _flow, _providers, client) => {
    seen.push(client);
    return Promise.reject(limited);
  } });
  const response = await handler(post({ appointment_id: appointmentId, flow: 'payment_intent' }));
  equal(response.status, 429);
  equal(response.headers.get('retry-after'), '1200');
  deepStrictEqual(await response.json(), {
    code: 'PT429', message: 'too many payment attempts in a short time', hint: 'Wait before trying to pay again. Try again in 1200 seconds.', details: 'rate_limited',
  });
  equal(calls.intents.length, 0, 'nothing at Stripe');
  equal(seen[0]?.method, 'POST');
  equal(seen[0]?.path, '/functions/v1/create-payment');
  equal(seen[0]?.headers.authorization, undefined, 'credentials are not passed on as request headers');
});

Deno.test('Stripe failures answer 502 payment_provider_error without leaking the provider message; the payment is left for a retry', async () => {
  const { handler, calls, logs, stripe } = setup();
  stripe.paymentIntents.create = () => Promise.reject(Object.assign(new Error('Invalid API Key provided: sk_test_***'), { type: 'StripeAuthenticationError', statusCode: 401 }));
  const refused = await handler(post({ appointment_id: appointmentId, flow: 'payment_intent' }));
  equal(refused.status, 502);
  const body = await refused.json();
  equal(body.code, 'payment_provider_error');
  ok(!JSON.stringify(body).includes('API Key'));
  equal(calls.attach.length, 0);
  ok(logs.some((line) => line.includes('StripeAuthenticationError')));

  stripe.paymentIntents.create = () => Promise.reject(Object.assign(new Error('socket hang up'), { type: 'StripeConnectionError' }));
  const transient = await handler(post({ appointment_id: appointmentId, flow: 'payment_intent' }));
  equal(transient.status, 502);
  ok(/Try again in a moment/.test((await transient.json()).hint));
});

Deno.test('a failure to record the Stripe ids is a database error (500), not a provider error', async () => {
  const { handler } = setup({ attachStripePayment: () => Promise.reject(new DbError('XX000', 'boom')) });
  const response = await handler(post({ appointment_id: appointmentId, flow: 'payment_intent' }));
  equal(response.status, 500);
  equal((await response.json()).code, 'XX000');
});

Deno.test('without a Stripe key: 503 payments_not_configured and no payment is opened', async () => {
  const { handler, calls } = setup({ stripe: null });
  const response = await handler(post({ appointment_id: appointmentId, flow: 'payment_intent' }));
  equal(response.status, 503);
  const body = await response.json();
  equal(body.code, 'payments_not_configured');
  ok(body.hint.includes('STRIPE_SECRET_KEY'));
  equal(calls.open.length, 0);
});

Deno.test('no usable Authorization: 401; GET: 405; OPTIONS: CORS preflight', async () => {
  const { handler, calls } = setup();
  equal((await handler(post({ appointment_id: appointmentId, flow: 'payment_intent' }, null))).status, 401);
  const get = await handler(new Request('http://localhost/create-payment'));
  equal(get.status, 405);
  equal(get.headers.get('allow'), 'POST, OPTIONS');
  const preflight = await handler(new Request('http://localhost/create-payment', { method: 'OPTIONS' }));
  equal(preflight.status, 200);
  equal(preflight.headers.get('access-control-allow-origin'), '*');
  equal(calls.open.length, 0);
});

Deno.test('only a verified signed-in user pays: forged, expired, wrong-key, wrong-issuer/audience and alg-none tokens are 401, the server\'s keys 403; nothing is opened', async () => {
  const { handler, calls } = setup();
  const body = JSON.stringify({ appointment_id: appointmentId, flow: 'payment_intent' });
  const cases: Array<{ name: string; headers: Record<string, string>; status: number }> = [
    { name: 'no credential', headers: {}, status: 401 },
    { name: 'publishable key', headers: { apikey: publishableKey }, status: 401 },
    { name: 'anon key', headers: { Authorization: `Bearer ${project.anonKey}`, apikey: project.anonKey }, status: 401 },
    { name: 'secret key', headers: { apikey: secretKey }, status: 403 },
    { name: 'service_role key', headers: { Authorization: `Bearer ${project.serviceRoleKey}` }, status: 403 },
    ...(await project.badCredentials()),
  ];
  for (const { name, headers, status } of cases) {
    const response = await handler(new Request('http://localhost/create-payment', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body }));
    equal(response.status, status, name);
    equal((await response.json()).code, status === 401 ? 'unauthorized' : 'forbidden', name);
  }
  equal(calls.open.length, 0);
  // a legacy HS256 user token of the project still pays
  const legacy = await handler(new Request('http://localhost/create-payment', { method: 'POST', headers: { Authorization: `Bearer ${await project.legacyUserToken({ sub: 'user-1' })}` }, body }));
  equal(legacy.status, 200);
});

Deno.test('a refusal of the database carries its reason code in details, as PostgREST answers it', async () => {
  const { handler } = setup({ openPayment: () => Promise.reject(new DbError('PT409', 'The hold on this appointment has expired.', 'Book the time again.', 'hold_expired')) });
  const response = await handler(post({ appointment_id: appointmentId, flow: 'payment_intent' }));
  equal(response.status, 409);
  deepStrictEqual(await response.json(), { code: 'PT409', message: 'The hold on this appointment has expired.', hint: 'Book the time again.', details: 'hold_expired' });
  const { handler: withoutDetail } = setup({ openPayment: () => Promise.reject(new DbError('PT404', 'Appointment not found.')) });
  deepStrictEqual(await (await withoutDetail(post({ appointment_id: appointmentId, flow: 'payment_intent' }))).json(), { code: 'PT404', message: 'Appointment not found.', hint: null, details: null });
});
