import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import { signStripeEvent, stripeEvent } from '../../../tests/fakes/stripe.ts';
import { Stripe, webhookCryptoProvider } from '../_shared/stripe.ts';
import { fakeWebhookDatabase } from '../tests/payment-webhooks.ts';
import { createStripeWebhookHandler, type StripeEventOutcome, type StripeWebhookDependencies } from './handler.ts';

const secret = 'whsec_test_secret_for_unit_tests';

function setup(outcome: StripeEventOutcome | Error = { outcome: 'processed', payment_id: 'p-1' }, overrides: Partial<StripeWebhookDependencies> = {}) {
  const database = fakeWebhookDatabase<StripeEventOutcome, Record<string, unknown>>(outcome);
  const handler = createStripeWebhookHandler({
    // the real SDK check, as index.ts wires it
    verify: (payload, signature) => Stripe.webhooks.constructEventAsync(payload, signature, secret, undefined, webhookCryptoProvider),
    handleEvent: (event) => database.answer(event),
    issueRefunds: (ids) => database.issueRefunds(ids),
    log: (message) => database.log(message),
    ...overrides,
  });
  return { handler, handled: database.handled, issued: database.issued, logs: database.logs };
}

function delivery(payload: string, signature: string | null): Request {
  return new Request('http://localhost/stripe-webhook', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(signature ? { 'Stripe-Signature': signature } : {}) },
    body: payload,
  });
}

const succeeded = JSON.stringify(stripeEvent('payment_intent.succeeded', { id: 'pi_1', object: 'payment_intent', amount: 4550, amount_received: 4550, currency: 'gbp', metadata: { payment_id: 'p-1' } }, { id: 'evt_1' }));

Deno.test('a correctly signed event is handed to handle_stripe_event as parsed JSON and answered 200 with the outcome', async () => {
  const { handler, handled, issued } = setup();
  const response = await handler(delivery(succeeded, signStripeEvent(succeeded, secret)));
  equal(response.status, 200);
  deepStrictEqual(await response.json(), { received: true, id: 'evt_1', type: 'payment_intent.succeeded', outcome: 'processed' });
  deepStrictEqual(handled, [JSON.parse(succeeded)]);
  equal(issued.length, 0);
});

Deno.test('duplicates and ignored events are still 200 (Stripe must stop redelivering)', async () => {
  for (const outcome of ['duplicate', 'ignored', 'unmatched']) {
    const { handler } = setup({ outcome });
    const response = await handler(delivery(succeeded, signStripeEvent(succeeded, secret)));
    equal(response.status, 200);
    equal((await response.json()).outcome, outcome);
  }
});

Deno.test('missing, wrong-secret, tampered, stale and garbage signatures are 400 invalid_signature and reach nothing', async () => {
  const { handler, handled } = setup();
  const old = Math.floor(Date.now() / 1000) - 600;
  const cases: Array<[string, string | null]> = [
    [succeeded, null],
    [succeeded, signStripeEvent(succeeded, 'whsec_someone_else')],
    [succeeded.replace('4550', '1'), signStripeEvent(succeeded, secret)], // body changed after signing
    [succeeded, signStripeEvent(succeeded, secret, old)], // replayed 10 minutes later
    [succeeded, 't=123,v1=deadbeef'],
    [succeeded, 'nonsense'],
  ];
  for (const [payload, signature] of cases) {
    const response = await handler(delivery(payload, signature));
    equal(response.status, 400, String(signature));
    const body = await response.json();
    equal(body.code, 'invalid_signature');
    ok(body.hint);
  }
  equal(handled.length, 0);
});

Deno.test('a signed body that is not an event is 400 invalid_event', async () => {
  const { handler, handled } = setup();
  const payload = JSON.stringify({ hello: 'world' });
  const response = await handler(delivery(payload, signStripeEvent(payload, secret)));
  equal(response.status, 400);
  equal((await response.json()).code, 'invalid_event');
  equal(handled.length, 0);
});

Deno.test('a validly signed event with an empty id (or another broken envelope) is 400 invalid_event with the reason, never 500', async () => {
  const base = JSON.parse(succeeded) as Record<string, unknown>;
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ ...base, id: '' }, 'id must be a Stripe event id (evt_...)'],
    [{ ...base, id: 42 }, 'id '],
    [{ ...base, id: 'evt_1; drop table' }, 'id must be a Stripe event id (evt_...)'],
    [{ ...base, id: `evt_${'x'.repeat(300)}` }, 'id must be a Stripe event id (evt_...)'],
    [{ ...base, type: '' }, 'type must be a Stripe event type'],
    [{ ...base, data: null }, 'data '],
    [{ ...base, data: { object: 'pi_1' } }, 'data.object '],
    [{ ...base, account: 'someone' }, 'account must be a connected account id (acct_...)'],
    [['evt_1'] as unknown as Record<string, unknown>, 'event '],
  ];
  for (const [event, reason] of cases) {
    const { handler, handled } = setup();
    const payload = JSON.stringify(event);
    const response = await handler(delivery(payload, signStripeEvent(payload, secret)));
    equal(response.status, 400, payload.slice(0, 60));
    const body = await response.json();
    equal(body.code, 'invalid_event');
    ok(body.message.includes(reason), `${body.message} names ${reason}`);
    equal(handled.length, 0);
  }
});

Deno.test('an event the database refuses (SQLSTATE 22023) is 400 invalid_event with its message, not 500', async () => {
  const { handler } = setup(Object.assign(new Error('the event has no id or type'), { name: 'PostgresError', code: '22023', hint: 'Pass the verified event.' }));
  const response = await handler(delivery(succeeded, signStripeEvent(succeeded, secret)));
  equal(response.status, 400);
  deepStrictEqual(await response.json(), { code: 'invalid_event', message: 'The event was refused: the event has no id or type.', hint: 'Pass the verified event.' });
});

Deno.test('a database failure answers 500 so Stripe redelivers; the log names the event, not its body', async () => {
  const { handler, logs } = setup(Object.assign(new Error('could not apply'), { name: 'PostgresError', code: 'XX000' }));
  const response = await handler(delivery(succeeded, signStripeEvent(succeeded, secret)));
  equal(response.status, 500);
  equal((await response.json()).code, 'event_not_processed');
  ok(logs.some((line) => line.includes('evt_1') && line.includes('payment_intent.succeeded')));
  ok(!logs.some((line) => line.includes('4550')));
});

Deno.test('a lost database connection answers 503 database_unavailable with Retry-After, so Stripe redelivers', async () => {
  const { handler } = setup(Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' }));
  const response = await handler(delivery(succeeded, signStripeEvent(succeeded, secret)));
  equal(response.status, 503);
  equal(response.headers.get('retry-after'), '5');
  equal((await response.json()).code, 'database_unavailable');
});

Deno.test('refunds the event created are issued right away; a failure there is logged and the answer stays 200', async () => {
  const { handler, issued } = setup({ outcome: 'processed', payment_id: 'p-1', refund_ids: ['r-1', 'r-2'] });
  const response = await handler(delivery(succeeded, signStripeEvent(succeeded, secret)));
  equal(response.status, 200);
  deepStrictEqual((await response.json()).refunds, { claimed: 2, succeeded: 2, submitted: 0, failed: 0, retried: 0 });
  deepStrictEqual(issued, [['r-1', 'r-2']]);

  const failing = setup({ outcome: 'processed', refund_ids: ['r-3'] }, { issueRefunds: () => Promise.reject(new Error('Stripe down')) });
  const answer = await failing.handler(delivery(succeeded, signStripeEvent(succeeded, secret)));
  equal(answer.status, 200);
  ok(failing.logs.some((line) => line.includes('r-3') && line.includes('process-refunds')));
});

Deno.test('Connect: an event of a connected account (with `account`) is handled like any other', async () => {
  const { handler, handled } = setup();
  const payload = JSON.stringify(stripeEvent('charge.succeeded', { id: 'ch_1', object: 'charge', receipt_url: 'https://pay.stripe.com/receipts/x' }, { account: 'acct_1Clinic' }));
  equal((await handler(delivery(payload, signStripeEvent(payload, secret)))).status, 200);
  equal(handled[0]?.account, 'acct_1Clinic');
});

Deno.test('only POST', async () => {
  const { handler } = setup();
  const response = await handler(new Request('http://localhost/stripe-webhook'));
  equal(response.status, 405);
  equal(response.headers.get('allow'), 'POST');
});
