import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import { razorpayEvent, signRazorpayWebhook } from '../../../tests/fakes/razorpay.ts';
import { createWebhookVerifier } from '../_shared/razorpay.ts';
import { fakeWebhookDatabase } from '../tests/payment-webhooks.ts';
import { createRazorpayWebhookHandler, type RazorpayEventOutcome, type RazorpayWebhookDependencies } from './handler.ts';

const secret = 'razorpay-webhook-secret-for-unit-tests';

function setup(outcome: RazorpayEventOutcome | Error = { outcome: 'processed', payment_id: 'p-1' }, overrides: Partial<RazorpayWebhookDependencies> = {}) {
  const database = fakeWebhookDatabase<RazorpayEventOutcome, [string, Record<string, unknown>]>(outcome);
  const handler = createRazorpayWebhookHandler({
    // the real check, as index.ts wires it
    verify: createWebhookVerifier(secret),
    handleEvent: (eventId, event) => database.answer([eventId, event]),
    issueRefunds: (ids) => database.issueRefunds(ids),
    log: (message) => database.log(message),
    ...overrides,
  });
  return { handler, handled: database.handled, issued: database.issued, logs: database.logs };
}

function delivery(payload: string, signature: string | null, eventId: string | null = 'KdLT7bQ3mvPFHN'): Request {
  return new Request('http://localhost/razorpay-webhook', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(signature ? { 'X-Razorpay-Signature': signature } : {}),
      ...(eventId ? { 'x-razorpay-event-id': eventId } : {}),
    },
    body: payload,
  });
}

const captured = JSON.stringify(razorpayEvent('payment.captured', {
  payment: { id: 'pay_Cap1', entity: 'payment', amount: 150000, currency: 'INR', status: 'captured', order_id: 'order_A1', notes: { payment_id: 'p-1' } },
}));

Deno.test('a correctly signed event is handed to handle_razorpay_event with its event id and answered 200 with the outcome', async () => {
  const { handler, handled, issued } = setup();
  const response = await handler(delivery(captured, signRazorpayWebhook(captured, secret)));
  equal(response.status, 200);
  deepStrictEqual(await response.json(), { received: true, id: 'KdLT7bQ3mvPFHN', event: 'payment.captured', outcome: 'processed' });
  deepStrictEqual(handled, [['KdLT7bQ3mvPFHN', JSON.parse(captured)]]);
  equal(issued.length, 0);
});

Deno.test('duplicates, ignored and unmatched events are still 200 (Razorpay must stop redelivering)', async () => {
  for (const outcome of ['duplicate', 'ignored', 'unmatched']) {
    const { handler } = setup({ outcome });
    const response = await handler(delivery(captured, signRazorpayWebhook(captured, secret)));
    equal(response.status, 200);
    equal((await response.json()).outcome, outcome);
  }
});

Deno.test('missing, wrong-secret, tampered and garbage signatures are 400 invalid_signature and reach nothing', async () => {
  const { handler, handled } = setup();
  const good = signRazorpayWebhook(captured, secret);
  const cases: Array<[string, string, string | null]> = [
    ['no signature', captured, null],
    ['signed with another secret', captured, signRazorpayWebhook(captured, 'another-secret')],
    ['signed with the key secret instead', captured, signRazorpayWebhook(captured, 'rzp-key-secret')],
    ['a body changed after signing', captured.replace('150000', '1'), good],
    ['whitespace added to the body', `${captured}\n`, good],
    ['not hex', captured, 'z'.repeat(64)],
    ['too short', captured, good.slice(0, 40)],
  ];
  for (const [name, payload, signature] of cases) {
    const response = await handler(delivery(payload, signature));
    equal(response.status, 400, name);
    equal((await response.json()).code, 'invalid_signature', name);
  }
  equal(handled.length, 0);
});

Deno.test('a signed body without an event id, or that is not a Razorpay event, is 400 invalid_event with the reason; never 500', async () => {
  const { handler, handled } = setup();
  const noId = await handler(delivery(captured, signRazorpayWebhook(captured, secret), null));
  equal(noId.status, 400);
  deepStrictEqual(await noId.json(), {
    code: 'invalid_event', message: 'The x-razorpay-event-id header is missing or malformed.',
    hint: 'Razorpay sends every event with its id; without it the event cannot be handled exactly once.',
  });
  const badId = await handler(delivery(captured, signRazorpayWebhook(captured, secret), 'has space'));
  equal(badId.status, 400);
  for (const [body, reason] of [
    ['not json', /not a Razorpay event/],
    [JSON.stringify({ entity: 'payment', event: 'payment.captured', payload: {} }), /entity must be "event"/],
    [JSON.stringify({ entity: 'event', event: 'Payment Captured', payload: {} }), /event must be a Razorpay event name/],
    [JSON.stringify({ entity: 'event', event: 'payment.captured', payload: [] }), /payload/],
  ] as const) {
    const response = await handler(delivery(body, signRazorpayWebhook(body, secret)));
    equal(response.status, 400, body);
    const problem = await response.json();
    equal(problem.code, 'invalid_event');
    ok(reason.test(problem.message), problem.message);
  }
  equal(handled.length, 0);
});

Deno.test('refunds the event created are issued right away; a failure to issue them is logged and still 200', async () => {
  const { handler, issued } = setup({ outcome: 'processed', payment_id: 'p-1', refund_ids: ['r-1'] });
  const response = await handler(delivery(captured, signRazorpayWebhook(captured, secret)));
  deepStrictEqual(await response.json(), { received: true, id: 'KdLT7bQ3mvPFHN', event: 'payment.captured', outcome: 'processed', refunds: { claimed: 1, succeeded: 1, submitted: 0, failed: 0, retried: 0 } });
  deepStrictEqual(issued, [['r-1']]);
  const failing = setup({ outcome: 'processed', refund_ids: ['r-2'] }, { issueRefunds: () => Promise.reject(new Error('Razorpay down')) });
  const still = await failing.handler(delivery(captured, signRazorpayWebhook(captured, secret)));
  equal(still.status, 200);
  ok(failing.logs.some((line) => line.includes('r-2') && line.includes('process-refunds')));
});

Deno.test('a database failure is 500 (503 when the connection was lost), so Razorpay redelivers; a refusal is 400; other methods 405; a huge body 413', async () => {
  class DbError extends Error {
    override name = 'PostgresError';
    constructor(readonly code: string, message: string) {
      super(message);
    }
  }
  const down = setup(Object.assign(new Error('write CONNECTION_CLOSED'), { code: 'CONNECTION_CLOSED' }));
  const lost = await down.handler(delivery(captured, signRazorpayWebhook(captured, secret)));
  equal(lost.status, 503);
  equal(lost.headers.get('retry-after'), '5');
  equal((await setup(new DbError('XX000', 'boom')).handler(delivery(captured, signRazorpayWebhook(captured, secret)))).status, 500);
  const refused = await setup(new DbError('22023', 'the event has no name')).handler(delivery(captured, signRazorpayWebhook(captured, secret)));
  equal(refused.status, 400);
  equal((await refused.json()).code, 'invalid_event');
  const get = await setup().handler(new Request('http://localhost/razorpay-webhook'));
  equal(get.status, 405);
  const huge = 'x'.repeat(1024 * 1024 + 1);
  equal((await setup().handler(delivery(huge, signRazorpayWebhook(huge, secret)))).status, 413);
});
