// The Razorpay client (as the functions build it) against the tests' fake Razorpay API
// (tests/fakes/razorpay.ts, a node:http server, which Deno runs too), the two signature checks,
// and the refund worker with both providers.
import { deepStrictEqual, equal, ok, rejects } from 'node:assert/strict';
import { checkoutSignature, signRazorpayWebhook, startFakeRazorpay } from '../../../tests/fakes/razorpay.ts';
import { createCheckoutVerifier, createRazorpay, createWebhookVerifier, RazorpayError, razorpayFailureOf, razorpayRefunds } from './razorpay.ts';
import { type ClaimedRefund, type RefundQueue, runRefunds } from './refunds.ts';

type Fake = Awaited<ReturnType<typeof startFakeRazorpay>>;

async function withFake(test: (fake: Fake) => Promise<void>): Promise<void> {
  const fake = await startFakeRazorpay();
  fake.linkedAccounts.add('acc_ClinicRoute01');
  try {
    await test(fake);
  } finally {
    await fake.close();
  }
}

const clientOf = (fake: Fake, options: { timeoutMs?: number } = {}) => createRazorpay({ keyId: fake.keyId, keySecret: fake.keySecret, apiBase: fake.url, ...options });
const notes = { tenant_id: 't-1', appointment_id: 'a-1', payment_id: 'p-1' };

Deno.test('orders: JSON with Basic auth (key id and secret); found again by receipt; a Route transfer to the linked account', () =>
  withFake(async (fake) => {
    const razorpay = clientOf(fake);
    equal(razorpay.keyId, fake.keyId);
    equal(await razorpay.orders.findByReceipt('p-1'), null);
    const order = await razorpay.orders.create({ amount: 150000, currency: 'INR', receipt: 'p-1', notes,
                                                 transfers: [{ account: 'acc_ClinicRoute01', amount: 150000, currency: 'INR', notes, on_hold: false }] });
    ok(/^order_[A-Za-z0-9]+$/.test(order.id));
    deepStrictEqual([order.amount, order.currency, order.status, order.receipt], [150000, 'INR', 'created', 'p-1']);
    const [request] = fake.requestsTo('POST', '/v1/orders');
    equal(request?.headers.authorization, `Basic ${btoa(`${fake.keyId}:${fake.keySecret}`)}`);
    equal(request?.headers['content-type'], 'application/json');
    deepStrictEqual(request?.json, { amount: 150000, currency: 'INR', receipt: 'p-1', notes,
                                     transfers: [{ account: 'acc_ClinicRoute01', amount: 150000, currency: 'INR', notes, on_hold: false }] });
    equal((await razorpay.orders.findByReceipt('p-1'))?.id, order.id, 'a lost answer: the order is found by its receipt');
    deepStrictEqual(fake.requestsTo('GET', '/v1/orders').at(-1)?.query, { receipt: 'p-1', count: '10' });
  }));

Deno.test('payment links: created with the reference id, found again by it; a reused reference id is Razorpay\'s 400, not retryable', () =>
  withFake(async (fake) => {
    const razorpay = clientOf(fake);
    const params = {
      amount: 150000, currency: 'INR', accept_partial: false as const, reference_id: 'p-2', description: 'Counselling session',
      customer: { name: 'Aarav Kulkarni', contact: '+919000090001' }, notify: { sms: false as const, email: false as const },
      reminder_enable: false as const, notes, callback_url: 'https://clinic.example/paid', callback_method: 'get' as const,
      expire_by: Math.floor(Date.now() / 1000) + 20 * 60,
    };
    const link = await razorpay.paymentLinks.create(params);
    ok(/^plink_/.test(link.id));
    ok(link.short_url.startsWith('https://rzp.io/'));
    equal((await razorpay.paymentLinks.findByReference('p-2'))?.id, link.id);
    const again = await razorpay.paymentLinks.create(params).catch((e) => e);
    ok(again instanceof RazorpayError);
    deepStrictEqual([again.status, again.code, again.message, razorpayFailureOf(again).retryable], [400, 'BAD_REQUEST_ERROR', 'payment link creation with reference ID already attempted', false]);
    const soon = await razorpay.paymentLinks.create({ ...params, reference_id: 'p-3', expire_by: Math.floor(Date.now() / 1000) + 60 }).catch((e) => e);
    equal(soon.message, 'timestamp must be atleast 15 minutes in future');
  }));

Deno.test('failures: a wrong key (401) and invalid input (400) are refusals; 5xx, 429, no answer and a closed connection are retryable', () =>
  withFake(async (fake) => {
    const wrongKey = await createRazorpay({ keyId: fake.keyId, keySecret: 'wrong', apiBase: fake.url }).payments.fetch('pay_X').catch((e) => e);
    deepStrictEqual([wrongKey.status, wrongKey.message, razorpayFailureOf(wrongKey).retryable], [401, 'Authentication failed', false]);
    const razorpay = clientOf(fake, { timeoutMs: 300 });
    const small = await razorpay.orders.create({ amount: 50, currency: 'INR', receipt: 'p-4', notes }).catch((e) => e);
    deepStrictEqual([small.status, small.field, razorpayFailureOf(small).retryable], [400, 'amount', false]);
    ok(razorpayFailureOf(small).summary.includes('The amount must be at least INR 1.00'));
    const extra = await razorpay.orders.create({ amount: 500, currency: 'INR', receipt: 'p-4', notes, amount_paid: 1 } as never).catch((e) => e);
    equal(extra.message, 'amount_paid is/are not required and should not be sent');
    const attempt = () => razorpay.orders.create({ amount: 500, currency: 'INR', receipt: 'p-5', notes }).then(() => null, (e) => razorpayFailureOf(e));
    for (const [kind, status] of [['server_error', 500], ['gateway_error', 502], ['rate_limited', 429]] as const) {
      fake.failNextWith(kind);
      deepStrictEqual(await attempt().then((f) => [f?.retryable, f?.status]), [true, status], kind);
    }
    fake.failNextWith('hang');
    deepStrictEqual(await attempt().then((f) => [f?.retryable, f?.status]), [true, null], 'no answer within the timeout');
    fake.failNextWith('closed_connection');
    deepStrictEqual(await attempt().then((f) => [f?.retryable, f?.status]), [true, null], 'a connection closed without an answer');
    equal(razorpayFailureOf(new TypeError('fetch failed')).retryable, true);
    await rejects(razorpay.payments.fetch('pay_Unknown'), (e: RazorpayError) => e.status === 400);
  }));

Deno.test('signatures: Checkout\'s order_id|payment_id and the webhook body, HMAC-SHA256 hex, checked exactly', async () => {
  const verifyCheckout = createCheckoutVerifier('key-secret-1');
  const good = checkoutSignature('order_A1', 'pay_B2', 'key-secret-1');
  equal(await verifyCheckout('order_A1', 'pay_B2', good), true);
  equal(await verifyCheckout('order_A1', 'pay_B2', good.toUpperCase()), true, 'hex in either case');
  equal(await verifyCheckout('order_Other', 'pay_B2', good), false, 'the stored order id, not one the client names');
  equal(await verifyCheckout('order_A1', 'pay_C3', good), false);
  equal(await verifyCheckout('order_A1', 'pay_B2', checkoutSignature('order_A1', 'pay_B2', 'another-secret')), false);
  for (const bad of ['', 'zz', good.slice(0, 62), `${good}00`, `${good.slice(0, 63)}g`]) equal(await verifyCheckout('order_A1', 'pay_B2', bad), false, bad);
  const verifyWebhook = createWebhookVerifier('webhook-secret-1');
  const body = '{"entity":"event","event":"payment.captured"}';
  equal(await verifyWebhook(body, signRazorpayWebhook(body, 'webhook-secret-1')), true);
  equal(await verifyWebhook(`${body} `, signRazorpayWebhook(body, 'webhook-secret-1')), false, 'the raw body, byte for byte');
  equal(await verifyWebhook(body, signRazorpayWebhook(body, 'key-secret-1')), false, 'not the key secret');
});

function claimed(id: string, provider: 'stripe' | 'razorpay', paymentId: string | null, amountMinor: number, account: string | null = null): ClaimedRefund {
  return {
    refund_id: id, tenant_id: 't-1', provider, amount_minor: amountMinor, currency: 'INR',
    stripe_payment_intent_id: provider === 'stripe' ? paymentId : null, stripe_account_id: null,
    razorpay_payment_id: provider === 'razorpay' ? paymentId : null, razorpay_account_id: account,
    idempotency_key: provider === 'stripe' ? `refund:${id}` : `refund_${id}`, metadata: { refund_id: id, tenant_id: 't-1', payment_id: 'p-1' },
  };
}

function memoryQueue(batches: ClaimedRefund[][]) {
  const recorded: Array<[string, string | null, string, string | null]> = [];
  const claims: Array<{ providers: string[] }> = [];
  const queue: RefundQueue = {
    claim: (_maxCount, providers) => {
      claims.push({ providers });
      return Promise.resolve(batches.shift() ?? []);
    },
    record: (refundId, providerRefundId, status, error) => {
      recorded.push([refundId, providerRefundId, status, error]);
      return Promise.resolve();
    },
  };
  return { queue, recorded, claims };
}

Deno.test('razorpayRefunds: X-Refund-Idempotency refund_<id>, reverse_all for a Route payment, Razorpay\'s answer recorded; a retry gets the same refund', () =>
  withFake(async (fake) => {
    const razorpay = clientOf(fake);
    const order = await razorpay.orders.create({ amount: 150000, currency: 'INR', receipt: 'p-6', notes });
    const { payment } = fake.payOrder(order.id);
    const other = fake.payOrder((await razorpay.orders.create({ amount: 50000, currency: 'INR', receipt: 'p-7', notes })).id).payment;
    const first = memoryQueue([[claimed('r-1', 'razorpay', payment.id, 100000, 'acc_ClinicRoute01'), claimed('r-2', 'razorpay', other.id, 90000),
                                claimed('r-3', 'razorpay', null, 100)]]);
    deepStrictEqual(await runRefunds({ queue: first.queue, senders: { razorpay: razorpayRefunds(razorpay) }, log: () => {} }),
                    { claimed: 3, succeeded: 1, submitted: 0, failed: 1, retried: 1 });
    deepStrictEqual(first.claims, [{ providers: ['razorpay'] }], 'only Razorpay refunds are claimed by a Razorpay-only worker');
    const [request] = fake.requestsTo('POST', `/v1/payments/${payment.id}/refund`);
    equal(request?.headers['x-refund-idempotency'], 'refund_r-1');
    deepStrictEqual(request?.json, { amount: 100000, speed: 'normal', notes: { refund_id: 'r-1', tenant_id: 't-1', payment_id: 'p-1' }, receipt: 'r-1', reverse_all: true });
    deepStrictEqual(first.recorded.map(([id, , status]) => [id, status]), [['r-1', 'succeeded'], ['r-2', 'failed'], ['r-3', 'retry']]);
    ok(first.recorded[0]?.[1]?.startsWith('rfnd_'));
    ok(first.recorded[1]?.[3]?.includes('greater than amount captured'), 'more than was captured: Razorpay refuses');
    ok(first.recorded[2]?.[3]?.includes('no Razorpay Payment id'));

    // a lost answer: the same key and body get the same refund back, nothing is refunded twice
    fake.setRefundStatus('pending');
    const second = memoryQueue([[claimed('r-1', 'razorpay', payment.id, 100000, 'acc_ClinicRoute01')]]);
    await runRefunds({ queue: second.queue, senders: { razorpay: razorpayRefunds(razorpay) } });
    equal(second.recorded[0]?.[1], first.recorded[0]?.[1]);
    equal([...fake.refunds.values()].filter((r) => r.payment_id === payment.id).length, 1);

    // 5xx -> retry; pending -> pending (refund.processed finishes it)
    fake.failNextWith('server_error', 1, '/v1/payments');
    const third = memoryQueue([[claimed('r-4', 'razorpay', payment.id, 10000)]]);
    deepStrictEqual(await runRefunds({ queue: third.queue, senders: { razorpay: razorpayRefunds(razorpay) }, log: () => {} }),
                    { claimed: 1, succeeded: 0, submitted: 0, failed: 0, retried: 1 });
    const fourth = memoryQueue([[claimed('r-4', 'razorpay', payment.id, 10000)]]);
    deepStrictEqual(await runRefunds({ queue: fourth.queue, senders: { razorpay: razorpayRefunds(razorpay) } }),
                    { claimed: 1, succeeded: 0, submitted: 1, failed: 0, retried: 0 });
  }));

Deno.test('runRefunds: one worker for both providers sends each refund through its own; with no sender nothing is claimed', async () => {
  const sent: string[] = [];
  const { queue, recorded, claims } = memoryQueue([[claimed('r-s', 'stripe', 'pi_1', 500), claimed('r-r', 'razorpay', 'pay_1', 500)]]);
  const summary = await runRefunds({
    queue,
    senders: {
      stripe: (refund) => (sent.push(`stripe ${refund.refund_id}`), Promise.resolve({ outcome: 'succeeded', providerRefundId: 're_1', error: null })),
      razorpay: (refund) => (sent.push(`razorpay ${refund.refund_id}`), Promise.resolve({ outcome: 'pending', providerRefundId: 'rfnd_1', error: null })),
    },
  });
  deepStrictEqual(summary, { claimed: 2, succeeded: 1, submitted: 1, failed: 0, retried: 0 });
  deepStrictEqual(sent, ['stripe r-s', 'razorpay r-r']);
  deepStrictEqual(claims, [{ providers: ['stripe', 'razorpay'] }]);
  deepStrictEqual(recorded.map(([id, providerId, status]) => [id, providerId, status]), [['r-s', 're_1', 'succeeded'], ['r-r', 'rfnd_1', 'pending']]);
  const idle = memoryQueue([[claimed('r-x', 'stripe', 'pi_1', 500)]]);
  deepStrictEqual(await runRefunds({ queue: idle.queue, senders: {} }), { claimed: 0, succeeded: 0, submitted: 0, failed: 0, retried: 0 });
  equal(idle.claims.length, 0);
});
