// The real Stripe SDK (as the functions build it) against the tests' fake Stripe API
// (tests/fakes/stripe.ts, a node:http server, which Deno runs too).
import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import { startFakeStripe } from '../../../tests/fakes/stripe.ts';
import { type ClaimedRefund, type RefundQueue, type RefundResultStatus, runRefunds } from './refunds.ts';
import { createStripe, stripeApiOf, stripeFailureOf, stripeRefunds } from './stripe.ts';

async function withFake(test: (fake: Awaited<ReturnType<typeof startFakeStripe>>) => Promise<void>): Promise<void> {
  const fake = await startFakeStripe();
  try {
    await test(fake);
  } finally {
    await fake.close();
  }
}

const key = 'sk_test_fake_key';

Deno.test('createStripe({ apiBase }) sends form-encoded requests with the idempotency key and Stripe-Account to that host', () =>
  withFake(async (fake) => {
    const stripe = stripeApiOf(createStripe({ secretKey: key, apiBase: fake.url }));
    const params = { amount: 4550, currency: 'gbp', metadata: { payment_id: 'p-1', tenant_id: 't-1' }, automatic_payment_methods: { enabled: true as const } };
    const first = await stripe.paymentIntents.create(params, { idempotencyKey: 'payment:a:1', stripeAccount: 'acct_1Clinic' });
    ok(first.id.startsWith('pi_'));
    ok(first.client_secret?.startsWith(`${first.id}_secret_`));
    const [request] = fake.requestsTo('POST', '/v1/payment_intents');
    deepStrictEqual(request?.body, { amount: '4550', currency: 'gbp', metadata: { payment_id: 'p-1', tenant_id: 't-1' }, automatic_payment_methods: { enabled: 'true' } });
    equal(request?.idempotencyKey, 'payment:a:1');
    equal(request?.stripeAccount, 'acct_1Clinic');
    equal(request?.authorization, `Bearer ${key}`);
    // the same key and parameters: the same object again, nothing new at Stripe
    const again = await stripe.paymentIntents.create(params, { idempotencyKey: 'payment:a:1', stripeAccount: 'acct_1Clinic' });
    equal(again.id, first.id);
    equal(fake.paymentIntents.size, 1);
    equal(fake.requestsTo('POST', '/v1/payment_intents')[1]?.replayed, true);
    // the same key with other parameters: Stripe's idempotency_error, not retryable
    const reused = await stripe.paymentIntents.create({ ...params, amount: 1 }, { idempotencyKey: 'payment:a:1', stripeAccount: 'acct_1Clinic' }).catch((e) => e);
    deepStrictEqual([stripeFailureOf(reused).type, stripeFailureOf(reused).retryable], ['StripeIdempotencyError', false]);
    const retrieved = await stripe.paymentIntents.retrieve(first.id, {}, { stripeAccount: 'acct_1Clinic' });
    equal(retrieved.client_secret, first.client_secret);
  }));

Deno.test('checkout sessions: nested line items and payment_intent_data arrive as Stripe reads them', () =>
  withFake(async (fake) => {
    const stripe = stripeApiOf(createStripe({ secretKey: key, apiBase: fake.url }));
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ quantity: 1, price_data: { currency: 'jpy', unit_amount: 5000, product_data: { name: 'Shiatsu' } } }],
      client_reference_id: 'p-2',
      metadata: { payment_id: 'p-2' },
      payment_intent_data: { metadata: { payment_id: 'p-2' } },
      success_url: 'https://a.example/ok',
      cancel_url: 'https://a.example/no',
      expires_at: 1900000000,
    }, { idempotencyKey: 'payment:b:1' });
    ok(session.id.startsWith('cs_test_'));
    ok(session.url?.startsWith('https://checkout.stripe.com/'));
    const body = fake.requestsTo('POST', '/v1/checkout/sessions')[0]?.body as Record<string, unknown>;
    deepStrictEqual(body.line_items, [{ quantity: '1', price_data: { currency: 'jpy', unit_amount: '5000', product_data: { name: 'Shiatsu' } } }]);
    deepStrictEqual(body.payment_intent_data, { metadata: { payment_id: 'p-2' } });
    equal(body.expires_at, '1900000000');
  }));

Deno.test('stripeFailureOf: 5xx, 429 and timeouts are retryable; card errors and invalid requests are not', () =>
  withFake(async (fake) => {
    const stripe = stripeApiOf(createStripe({ secretKey: key, apiBase: fake.url, maxNetworkRetries: 0, timeoutMs: 300 }));
    const attempt = () => stripe.paymentIntents.create({ amount: 100, currency: 'gbp', metadata: {}, automatic_payment_methods: { enabled: true } }).then(() => null, (e) => stripeFailureOf(e));
    fake.failNext(1, 'server_error');
    deepStrictEqual(await attempt().then((f) => [f?.retryable, f?.status]), [true, 500]);
    fake.failNext(1, 'rate_limit');
    deepStrictEqual(await attempt().then((f) => [f?.retryable, f?.status]), [true, 429]);
    fake.failNext(1, 'card_error');
    const card = await attempt();
    deepStrictEqual([card?.retryable, card?.status, card?.code], [false, 402, 'card_declined']);
    fake.failNext(1, 'invalid_request');
    deepStrictEqual(await attempt().then((f) => [f?.retryable, f?.status]), [false, 400]);
    fake.failNext(1, 'hang');
    const hung = await attempt();
    deepStrictEqual([hung?.retryable, hung?.type], [true, 'StripeConnectionError']);
    equal(stripeFailureOf(new TypeError('fetch failed')).retryable, true);
    ok(!stripeFailureOf(Object.assign(new Error('x'), { type: 'StripeAuthenticationError', statusCode: 401 })).retryable);
  }));

/** An in-memory refund queue: what claim_refunds hands out, and what was recorded. */
function memoryQueue(claims: ClaimedRefund[][]) {
  const recorded: Array<{ refundId: string; stripeRefundId: string | null; status: RefundResultStatus; error: string | null }> = [];
  const claimCalls: Array<{ maxCount: number; providers: string[]; refundIds?: string[] }> = [];
  const queue: RefundQueue = {
    claim: (maxCount, providers, refundIds) => {
      claimCalls.push(refundIds ? { maxCount, providers, refundIds } : { maxCount, providers });
      return Promise.resolve(claims.shift() ?? []);
    },
    record: (refundId, stripeRefundId, status, error) => {
      recorded.push({ refundId, stripeRefundId, status, error });
      return Promise.resolve();
    },
  };
  return { queue, recorded, claimCalls };
}

function claimed(id: string, paymentIntent: string | null, amountMinor = 1000, account: string | null = null): ClaimedRefund {
  return {
    refund_id: id,
    tenant_id: 't-1',
    provider: 'stripe',
    amount_minor: amountMinor,
    currency: 'GBP',
    stripe_payment_intent_id: paymentIntent,
    stripe_account_id: account,
    razorpay_payment_id: null,
    razorpay_account_id: null,
    idempotency_key: `refund:${id}`,
    metadata: { refund_id: id, tenant_id: 't-1', payment_id: 'p-1' },
  };
}

Deno.test('runRefunds: creates each claimed refund with its key and account, records Stripe\'s answer, counts outcomes', () =>
  withFake(async (fake) => {
    const stripe = stripeApiOf(createStripe({ secretKey: key, apiBase: fake.url, maxNetworkRetries: 0 }));
    const paid = async (amount: number, account?: string) => {
      const intent = await stripe.paymentIntents.create({ amount, currency: 'gbp', metadata: {}, automatic_payment_methods: { enabled: true } }, account ? { stripeAccount: account } : {});
      return fake.succeedPaymentIntent(intent.id).id;
    };
    const [pi1, pi2, pi3, pi4, pi5] = [await paid(1000), await paid(2000, 'acct_1Clinic'), await paid(500), await paid(700), await paid(800)];

    // batches of 2 until a short batch: r-3 asks for more than was paid (Stripe 400 -> failed), r-5 has no PaymentIntent yet (retry)
    const first = memoryQueue([[claimed('r-1', pi1!), claimed('r-2', pi2!, 2000, 'acct_1Clinic')], [claimed('r-3', pi3!, 9999), claimed('r-5', null)], []]);
    deepStrictEqual(await runRefunds({ queue: first.queue, senders: { stripe: stripeRefunds(stripe) }, batchSize: 2, log: () => {} }), { claimed: 4, succeeded: 2, submitted: 0, failed: 1, retried: 1 });
    equal(first.claimCalls.length, 3);
    const requests = fake.requestsTo('POST', '/v1/refunds');
    deepStrictEqual(requests.map((r) => [r.idempotencyKey, r.stripeAccount, r.body.amount, r.body.payment_intent]), [
      ['refund:r-1', null, '1000', pi1],
      ['refund:r-2', 'acct_1Clinic', '2000', pi2],
      ['refund:r-3', null, '9999', pi3],
    ]);
    deepStrictEqual(requests[0]?.body.metadata, { refund_id: 'r-1', tenant_id: 't-1', payment_id: 'p-1' });
    deepStrictEqual(first.recorded.map((r) => [r.refundId, r.status]), [['r-1', 'succeeded'], ['r-2', 'succeeded'], ['r-3', 'failed'], ['r-5', 'retry']]);
    ok(first.recorded[0]?.stripeRefundId?.startsWith('re_'));
    ok(first.recorded[2]?.error?.includes('amount_too_large'));
    ok(first.recorded[3]?.error?.includes('no Stripe PaymentIntent'));

    // a Stripe 500 -> retry (the SQL backoff decides when); then the same key succeeds
    fake.failNext(1, 'server_error', '/v1/refunds');
    const second = memoryQueue([[claimed('r-4', pi4!, 700)]]);
    deepStrictEqual(await runRefunds({ queue: second.queue, senders: { stripe: stripeRefunds(stripe) }, log: () => {} }), { claimed: 1, succeeded: 0, submitted: 0, failed: 0, retried: 1 });
    deepStrictEqual(second.recorded.map((r) => [r.status, r.stripeRefundId]), [['retry', null]]);
    const third = memoryQueue([[claimed('r-4', pi4!, 700)]]);
    const thirdSummary = await runRefunds({ queue: third.queue, senders: { stripe: stripeRefunds(stripe) }, log: () => {} });
    deepStrictEqual(thirdSummary, { claimed: 1, succeeded: 1, submitted: 0, failed: 0, retried: 0 });

    // Stripe answers pending -> recorded as pending (submitted); refund.updated finishes it
    fake.setRefundStatus('pending');
    const fourth = memoryQueue([[claimed('r-6', pi5!, 800)]]);
    deepStrictEqual(await runRefunds({ queue: fourth.queue, senders: { stripe: stripeRefunds(stripe) }, refundIds: ['r-6'] }), { claimed: 1, succeeded: 0, submitted: 1, failed: 0, retried: 0 });
    deepStrictEqual(fourth.claimCalls, [{ maxCount: 10, providers: ['stripe'], refundIds: ['r-6'] }]);
  }));

Deno.test('runRefunds: a result that cannot be recorded is skipped (the lease brings it back), the others go on', async () => {
  const recorded: string[] = [];
  const queue: RefundQueue = {
    claim: (() => {
      let calls = 0;
      return () => Promise.resolve(calls++ === 0 ? [claimed('r-1', 'pi_1'), claimed('r-2', 'pi_2')] : []);
    })(),
    record: (refundId) => (refundId === 'r-1' ? Promise.reject(new Error('connection lost')) : (recorded.push(refundId), Promise.resolve())),
  };
  const logs: string[] = [];
  const summary = await runRefunds({
    queue,
    senders: { stripe: stripeRefunds({ refunds: { create: (params) => Promise.resolve({ id: `re_${params.payment_intent}`, status: 'succeeded' }) } }) },
    log: (m) => logs.push(m),
  });
  deepStrictEqual(summary, { claimed: 2, succeeded: 1, submitted: 0, failed: 0, retried: 0 });
  deepStrictEqual(recorded, ['r-2']);
  ok(logs.some((m) => m.includes('r-1')));
});
