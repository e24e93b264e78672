import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import { checkoutSignature } from '../../../tests/fakes/razorpay.ts';
import { createCallerVerifier } from '../_shared/caller.ts';
import { createCheckoutVerifier, RazorpayError, type RazorpayPayment } from '../_shared/razorpay.ts';
import { publishableKey, secretKey, testProject } from '../tests/callers.ts';
import { type ConfirmOutcome, createVerifyRazorpayPaymentHandler, type VerifyRazorpayPaymentDependencies, type VisiblePayment } from './handler.ts';

const keySecret = 'rzp-key-secret-for-unit-tests';
const paymentId = '33333333-4444-4555-8666-777777777777';
const orderId = 'order_StoredOrder01';
const razorpayPaymentId = 'pay_Checkout0001';
const project = await testProject();
const token = await project.userToken({ sub: 'patient-1' });

const visible: VisiblePayment = { id: paymentId, provider: 'razorpay', flow: 'payment_intent', razorpay_order_id: orderId };
const fetched: RazorpayPayment = { id: razorpayPaymentId, entity: 'payment', amount: 150000, currency: 'INR', status: 'captured', order_id: orderId };

function setup(overrides: Partial<VerifyRazorpayPaymentDependencies> & { payment?: VisiblePayment | null } = {}) {
  const calls = { read: [] as string[], fetch: [] as string[], confirm: [] as Array<[string, RazorpayPayment]> };
  const logs: string[] = [];
  const handler = createVerifyRazorpayPaymentHandler({
    verifyCaller: createCallerVerifier(project.env),
    readPayment: (claims, id) => (calls.read.push(`${claims.sub} ${id}`), Promise.resolve(overrides.payment === undefined ? visible : overrides.payment)),
    confirm: (id, payment) => {
      calls.confirm.push([id, payment]);
      return Promise.resolve({ outcome: 'processed', payment_id: id, payment_status: 'succeeded', appointment_status: 'booked' } satisfies ConfirmOutcome);
    },
    verifySignature: createCheckoutVerifier(keySecret),
    razorpay: { payments: { fetch: (id) => (calls.fetch.push(id), Promise.resolve({ ...fetched, id })), refund: () => Promise.reject(new Error('not used')) } },
    log: (message) => logs.push(message),
    ...overrides,
  });
  return { handler, calls, logs };
}

function post(body: unknown, headers: Record<string, string> = { Authorization: `Bearer ${token}` }): Request {
  return new Request('http://localhost/verify-razorpay-payment', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

const checkoutResult = (signature = checkoutSignature(orderId, razorpayPaymentId, keySecret)) => ({
  payment_id: paymentId, razorpay_order_id: orderId, razorpay_payment_id: razorpayPaymentId, razorpay_signature: signature,
});

Deno.test('a genuine Checkout result: the payment is read as the caller, the Payment fetched from Razorpay and confirmed; 200 with the new states', async () => {
  const { handler, calls } = setup();
  const response = await handler(post(checkoutResult()));
  equal(response.status, 200);
  deepStrictEqual(await response.json(), { payment_id: paymentId, outcome: 'processed', payment_status: 'succeeded', appointment_status: 'booked' });
  deepStrictEqual(calls.read, [`patient-1 ${paymentId}`]);
  deepStrictEqual(calls.fetch, [razorpayPaymentId]);
  deepStrictEqual(calls.confirm, [[paymentId, fetched]], 'what Razorpay says about the Payment, not what the app sent');
});

Deno.test('a forged signature is 400 invalid_signature: nothing is fetched or confirmed', async () => {
  const { handler, calls, logs } = setup();
  const cases = [
    checkoutResult(checkoutSignature(orderId, razorpayPaymentId, 'a-guessed-secret')),
    checkoutResult(checkoutSignature('order_AnotherOrder', razorpayPaymentId, keySecret)),
    { ...checkoutResult(checkoutSignature('order_AnotherOrder', razorpayPaymentId, keySecret)), razorpay_order_id: 'order_AnotherOrder' },
    checkoutResult(checkoutSignature(orderId, 'pay_SomeoneElse01', keySecret)),
    checkoutResult('0'.repeat(64)),
  ];
  for (const body of cases) {
    const response = await handler(post(body));
    equal(response.status, 400, JSON.stringify(body));
    equal((await response.json()).code, 'invalid_signature');
  }
  equal(calls.fetch.length + calls.confirm.length, 0);
  ok(logs.every((line) => !line.includes(keySecret)));
});

Deno.test('the body is checked strictly; a payment the caller cannot see is 404; one not paid with Checkout is 400', async () => {
  const { handler, calls } = setup();
  for (const body of [{ ...checkoutResult(), amount: 1 }, { ...checkoutResult(), payment_id: 'nope' }, { ...checkoutResult(), razorpay_signature: 'xyz' }, { ...checkoutResult(), razorpay_payment_id: 'pi_123' }]) {
    const response = await handler(post(body));
    equal(response.status, 400);
    equal((await response.json()).code, 'invalid_request');
  }
  equal(calls.read.length, 0);
  const hidden = await setup({ payment: null }).handler(post(checkoutResult()));
  equal(hidden.status, 404);
  equal((await hidden.json()).code, 'payment_not_found');
  for (const payment of [{ ...visible, provider: 'stripe' }, { ...visible, flow: 'checkout' }, { ...visible, razorpay_order_id: null }]) {
    const response = await setup({ payment }).handler(post(checkoutResult()));
    equal(response.status, 400);
    equal((await response.json()).code, 'invalid_request');
  }
});

Deno.test('Razorpay unreachable is 502 (the webhook confirms later); a database refusal keeps its SQLSTATE and reason', async () => {
  const { handler, calls } = setup({ razorpay: { payments: { fetch: () => Promise.reject(new RazorpayError('The server encountered an error.', 500, 'SERVER_ERROR')), refund: () => Promise.reject(new Error('no')) } } });
  const response = await handler(post(checkoutResult()));
  equal(response.status, 502);
  equal((await response.json()).code, 'payment_provider_error');
  equal(calls.confirm.length, 0);
  class DbError extends Error {
    override name = 'PostgresError';
    constructor(readonly code: string, message: string, readonly hint?: string, readonly detail?: string) {
      super(message);
    }
  }
  const refused = await setup({ confirm: () => Promise.reject(new DbError('22023', 'the Razorpay payment is for another order', 'The Checkout result belongs to another payment.')) }).handler(post(checkoutResult()));
  equal(refused.status, 400);
  deepStrictEqual(await refused.json(), { code: '22023', message: 'the Razorpay payment is for another order', hint: 'The Checkout result belongs to another payment.', details: null });
});

Deno.test('only a signed-in user: no, anonymous or bad credentials 401, the server\'s keys 403; without Razorpay keys 503; GET 405', async () => {
  const { handler, calls } = setup();
  const cases: Array<[Record<string, string>, number]> = [
    [{}, 401],
    [{ apikey: publishableKey }, 401],
    [{ apikey: secretKey }, 403],
    ...(await project.badCredentials()).map(({ headers, status }) => [headers, status] as [Record<string, string>, number]),
  ];
  for (const [headers, status] of cases) equal((await handler(post(checkoutResult(), headers))).status, status);
  equal(calls.read.length, 0);
  const unconfigured = await setup({ razorpay: null }).handler(post(checkoutResult()));
  equal(unconfigured.status, 503);
  equal((await unconfigured.json()).code, 'payments_not_configured');
  equal((await handler(new Request('http://localhost/verify-razorpay-payment'))).status, 405);
});
