// create-payment for a Razorpay clinic, with the database and Razorpay injected: an Order for
// Razorpay Checkout (payment_intent) or a Payment Link (checkout), looked up by the payment id
// before one is created, recorded once, and what the app needs to open Checkout.
import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import { createCallerVerifier } from '../_shared/caller.ts';
import type { OrderParams, PaymentLinkParams, RazorpayApi, RazorpayOrder, RazorpayPaymentLink } from '../_shared/razorpay.ts';
import { RazorpayError } from '../_shared/razorpay.ts';
import type { PaymentProvider } from '../_shared/refunds.ts';
import { testProject } from '../tests/callers.ts';
import { createCreatePaymentHandler, type CreatePaymentDependencies, type OpenedPayment, ProviderNotConfigured, type RazorpayIds } from './handler.ts';
import { paymentLinkExpiresAt } from './razorpay.ts';

const now = new Date('2026-12-07T04:30:00.000Z');
const appointmentId = '7a1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const paymentId = '22222222-3333-4444-8555-666666666666';
const tenantId = 'b0000000-0000-4000-8000-000000000003';
const project = await testProject();
const token = await project.userToken({ sub: 'user-in' });
const metadata = { tenant_id: tenantId, appointment_id: appointmentId, payment_id: paymentId };

function opened(overrides: Partial<OpenedPayment> = {}): OpenedPayment {
  return {
    id: paymentId,
    provider: 'razorpay',
    flow: 'payment_intent',
    amount: 1500,
    amount_minor: 150000,
    currency: 'INR',
    idempotency_key: `payment:${appointmentId}:1`,
    stripe_account_id: null,
    stripe_payment_intent_id: null,
    stripe_checkout_session_id: null,
    razorpay_account_id: 'acc_DeccanMindCare',
    razorpay_order_id: null,
    razorpay_payment_link_id: null,
    checkout_url: null,
    created_at: new Date(now.getTime() - 5_000),
    description: 'Counselling session, Mon 07 Dec 2026, 10:00 (Asia/Kolkata)',
    patient_email: null,
    patient_name: 'Aarav Kulkarni',
    patient_phone: '+919000090001',
    merchant_name: 'Deccan Mind Care',
    hold_expires_at: new Date(now.getTime() + 15 * 60_000),
    metadata,
    ...overrides,
  };
}

class DbError extends Error {
  override name = 'PostgresError';
  constructor(readonly code: string, message: string, readonly hint?: string, readonly detail?: string) {
    super(message);
  }
}

function setup(options: { payments?: OpenedPayment[]; existingOrder?: RazorpayOrder | null; existingLink?: RazorpayPaymentLink | null; configured?: PaymentProvider[]; deps?: Partial<CreatePaymentDependencies> } = {}) {
  const payments = options.payments ?? [opened()];
  const calls = {
    open: [] as Array<{ flow: string; providers: PaymentProvider[] }>,
    attach: [] as Array<{ paymentId: string; ids: RazorpayIds }>,
    orders: [] as OrderParams[],
    links: [] as PaymentLinkParams[],
    lookups: [] as string[],
  };
  const razorpay: RazorpayApi = {
    keyId: 'rzp_test_DeccanDemo',
    orders: {
      create: (params) => {
        calls.orders.push(params);
        return Promise.resolve({ id: 'order_NewOrder0001', entity: 'order', amount: params.amount, amount_paid: 0, amount_due: params.amount, currency: params.currency, receipt: params.receipt, status: 'created', notes: params.notes });
      },
      findByReceipt: (receipt) => (calls.lookups.push(`order ${receipt}`), Promise.resolve(options.existingOrder ?? null)),
    },
    paymentLinks: {
      create: (params) => {
        calls.links.push(params);
        return Promise.resolve({ id: 'plink_NewLink00001', short_url: 'https://rzp.io/rzp/NewLink', status: 'created', reference_id: params.reference_id, amount: params.amount, currency: params.currency });
      },
      findByReference: (reference) => (calls.lookups.push(`link ${reference}`), Promise.resolve(options.existingLink ?? null)),
    },
    payments: { fetch: () => Promise.reject(new Error('not used')), refund: () => Promise.reject(new Error('not used')) },
  };
  const configured = options.configured ?? ['razorpay'];
  const logs: string[] = [];
  const handler = createCreatePaymentHandler({
    verifyCaller: createCallerVerifier(project.env),
    openPayment: (_claims, _id, flow, providers) => {
      calls.open.push({ flow, providers });
      const payment = payments.length > 1 ? payments.shift()! : payments[0]!;
      return providers.includes(payment.provider) ? Promise.resolve({ ...payment, flow }) : Promise.reject(new ProviderNotConfigured(payment.provider));
    },
    attachStripePayment: () => Promise.reject(new Error('not used')),
    attachRazorpayPayment: (id, ids) => (calls.attach.push({ paymentId: id, ids }), Promise.resolve()),
    stripe: configured.includes('stripe') ? ({} as never) : null,
    razorpay: configured.includes('razorpay') ? razorpay : null,
    now: () => now,
    log: (message) => logs.push(message),
    ...options.deps,
  });
  return { handler, calls, razorpay, logs };
}

function post(body: unknown): Request {
  return new Request('http://localhost/create-payment', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}

const checkoutOptions = (orderId: string) => ({
  key_id: 'rzp_test_DeccanDemo',
  order_id: orderId,
  amount: 150000,
  currency: 'INR',
  name: 'Deccan Mind Care',
  description: 'Counselling session, Mon 07 Dec 2026, 10:00 (Asia/Kolkata)',
  prefill: { name: 'Aarav Kulkarni', contact: '+919000090001' },
  notes: metadata,
  timeout: 900,
});

Deno.test('payment_intent: an Order with the DB amount, the payment id as receipt, notes and the Route transfer; recorded; Checkout options answered', async () => {
  const { handler, calls } = setup();
  const response = await handler(post({ appointment_id: appointmentId, flow: 'payment_intent' }));
  equal(response.status, 200);
  deepStrictEqual(await response.json(), {
    payment_id: paymentId, provider: 'razorpay', flow: 'payment_intent', amount: 1500, amount_minor: 150000, currency: 'INR',
    hold_expires_at: '2026-12-07T04:45:00.000Z', razorpay: checkoutOptions('order_NewOrder0001'),
  });
  deepStrictEqual(calls.open, [{ flow: 'payment_intent', providers: ['razorpay'] }]);
  deepStrictEqual(calls.lookups, [`order ${paymentId}`], 'looked up by receipt before creating');
  deepStrictEqual(calls.orders, [{ amount: 150000, currency: 'INR', receipt: paymentId, notes: metadata,
                                   transfers: [{ account: 'acc_DeccanMindCare', amount: 150000, currency: 'INR', notes: metadata, on_hold: false }] }]);
  deepStrictEqual(calls.attach, [{ paymentId, ids: { orderId: 'order_NewOrder0001', paymentLinkId: null, paymentLinkUrl: null } }]);
});

Deno.test('payment_intent: without a linked account no transfer; a reused payment answers its Order without calling Razorpay; a lost answer is found by receipt', async () => {
  const plain = setup({ payments: [opened({ razorpay_account_id: null })] });
  await plain.handler(post({ appointment_id: appointmentId, flow: 'payment_intent' }));
  equal(plain.calls.orders[0]?.transfers, undefined);

  const reused = setup({ payments: [opened({ razorpay_order_id: 'order_Attached0001' })] });
  const answer = await (await reused.handler(post({ appointment_id: appointmentId, flow: 'payment_intent' }))).json();
  deepStrictEqual(answer.razorpay, checkoutOptions('order_Attached0001'));
  equal(reused.calls.lookups.length + reused.calls.orders.length + reused.calls.attach.length, 0);

  const found = setup({ existingOrder: { id: 'order_FromFirstTry', entity: 'order', amount: 150000, amount_paid: 0, amount_due: 150000, currency: 'INR', receipt: paymentId, status: 'created', notes: metadata } });
  equal((await (await found.handler(post({ appointment_id: appointmentId, flow: 'payment_intent' }))).json()).razorpay.order_id, 'order_FromFirstTry');
  equal(found.calls.orders.length, 0, 'no second order');
  deepStrictEqual(found.calls.attach.map((a) => a.ids.orderId), ['order_FromFirstTry']);
});

Deno.test('a concurrent request recorded its Order first: the payment is opened again and that Order is answered', async () => {
  const { handler, calls } = setup({
    payments: [opened(), opened({ razorpay_order_id: 'order_TheOtherOne01' })],
    deps: { attachRazorpayPayment: () => Promise.reject(new DbError('PT409', 'this payment is already attached to other Razorpay objects', 'Look it up.', 'provider_object_conflict')) },
  });
  const response = await handler(post({ appointment_id: appointmentId, flow: 'payment_intent' }));
  equal(response.status, 200);
  equal((await response.json()).razorpay.order_id, 'order_TheOtherOne01');
  equal(calls.open.length, 2);
});

Deno.test('checkout: a Payment Link (reference_id, callback, notify off: the outbox sends it, expiry, Route transfer); its short URL answered; a reused link is not created again', async () => {
  const { handler, calls } = setup();
  const response = await handler(post({ appointment_id: appointmentId, flow: 'checkout', success_url: 'https://clinic.example/paid', cancel_url: 'https://clinic.example/no' }));
  equal(response.status, 200);
  const body = await response.json();
  deepStrictEqual([body.provider, body.checkout_url, body.razorpay], ['razorpay', 'https://rzp.io/rzp/NewLink', undefined]);
  const [params] = calls.links;
  deepStrictEqual(params, {
    amount: 150000, currency: 'INR', accept_partial: false, reference_id: paymentId,
    description: 'Counselling session, Mon 07 Dec 2026, 10:00 (Asia/Kolkata)',
    customer: { name: 'Aarav Kulkarni', contact: '+919000090001' }, notify: { sms: false, email: false }, reminder_enable: false,
    notes: metadata, callback_url: 'https://clinic.example/paid', callback_method: 'get', expire_by: paymentLinkExpiresAt(opened(), now),
    options: { order: { transfers: [{ account: 'acc_DeccanMindCare', amount: 150000, currency: 'INR', notes: metadata, on_hold: false }] } },
  });
  deepStrictEqual(calls.attach, [{ paymentId, ids: { orderId: null, paymentLinkId: 'plink_NewLink00001', paymentLinkUrl: 'https://rzp.io/rzp/NewLink' } }]);

  const reused = setup({ payments: [opened({ flow: 'checkout', razorpay_payment_link_id: 'plink_Old', checkout_url: 'https://rzp.io/rzp/Old' })] });
  const again = await reused.handler(post({ appointment_id: appointmentId, flow: 'checkout', success_url: 'https://clinic.example/paid', cancel_url: 'https://clinic.example/no' }));
  equal((await again.json()).checkout_url, 'https://rzp.io/rzp/Old');
  equal(reused.calls.links.length + reused.calls.lookups.length + reused.calls.attach.length, 0);
});

Deno.test('paymentLinkExpiresAt: the hold end when later, else 16 minutes after opening, never under Razorpay\'s 15-minute minimum', () => {
  const created = new Date(now.getTime() - 5_000);
  const short = { created_at: created, hold_expires_at: new Date(now.getTime() + 10 * 60_000) };
  equal(paymentLinkExpiresAt(short, now), Math.floor((created.getTime() + 16 * 60_000) / 1000));
  equal(paymentLinkExpiresAt(short, new Date(now.getTime() + 20_000)), paymentLinkExpiresAt(short, now), 'stable on a quick retry');
  const long = { created_at: created, hold_expires_at: new Date(now.getTime() + 2 * 3600_000) };
  equal(paymentLinkExpiresAt(long, now), Math.floor(long.hold_expires_at.getTime() / 1000));
  const late = new Date(now.getTime() + 10 * 60_000);
  ok(paymentLinkExpiresAt(short, late) * 1000 >= late.getTime() + 15 * 60_000);
});

Deno.test('Razorpay failures are 502 payment_provider_error without its message; retryable ones say so', async () => {
  const { handler, razorpay, logs, calls } = setup();
  razorpay.orders.create = () => Promise.reject(new RazorpayError('The api key provided is invalid', 401, 'BAD_REQUEST_ERROR'));
  const refused = await handler(post({ appointment_id: appointmentId, flow: 'payment_intent' }));
  equal(refused.status, 502);
  const body = await refused.json();
  equal(body.code, 'payment_provider_error');
  ok(!JSON.stringify(body).includes('api key'));
  ok(/contact the clinic/.test(body.hint));
  ok(logs.some((line) => line.includes('Razorpay refused or failed') && line.includes('BAD_REQUEST_ERROR')));
  razorpay.orders.create = () => Promise.reject(new RazorpayError('The server encountered an error.', 500, 'SERVER_ERROR'));
  ok(/Try again in a moment/.test((await (await handler(post({ appointment_id: appointmentId, flow: 'payment_intent' }))).json()).hint));
  equal(calls.attach.length, 0);
});

Deno.test('a clinic whose provider has no keys here: 503 naming that provider\'s variables, and nothing is opened (the database call rolls back)', async () => {
  const { handler, calls } = setup({ configured: ['stripe'] });
  const response = await handler(post({ appointment_id: appointmentId, flow: 'payment_intent' }));
  equal(response.status, 503);
  const body = await response.json();
  equal(body.code, 'payments_not_configured');
  ok(body.hint.includes('RAZORPAY_KEY_ID'));
  deepStrictEqual(calls.open.map((c) => c.providers), [['stripe']]);
  equal(calls.orders.length + calls.attach.length, 0);
});
