// A fake Stripe API for tests: a node HTTP server that answers the calls Slotbase makes the way
// Stripe does (form-encoded request bodies, JSON objects with Stripe's ids and shapes, Stripe's
// error bodies), records every request, and replays idempotent requests:
//   POST /v1/payment_intents, GET /v1/payment_intents/:id
//   POST /v1/checkout/sessions, GET /v1/checkout/sessions/:id
//   POST /v1/refunds, GET /v1/refunds/:id
// Point the SDK at it with STRIPE_API_BASE=<fake.url> (createStripe's apiBase).
// Idempotency-Key: the same key (per Stripe-Account) with the same parameters returns the first
// response again (header Idempotent-Replayed: true); with other parameters 400 idempotency_error.
// Injected failures (failNext) happen before the request "starts executing", so, as at Stripe,
// nothing is saved for the key and a retry is processed normally.
// Also: stripeEvent() builds an event payload and signStripeEvent() a valid Stripe-Signature header.
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type StripeObject = Record<string, unknown> & { id: string; object: string };

export interface RecordedStripeRequest {
  method: string;
  path: string;
  /** The decoded form body (nested like Stripe reads it: metadata[a]=1 -> { metadata: { a: '1' } }). */
  body: Record<string, unknown>;
  rawBody: string;
  idempotencyKey: string | null;
  stripeAccount: string | null;
  authorization: string | null;
  /** The answer: HTTP status, and whether it was an idempotent replay. */
  status: number;
  replayed: boolean;
}

/** server_error 500 api_error; card_error 402; rate_limit 429; invalid_request 400; hang: never answers. */
export type InjectedFailure = 'server_error' | 'card_error' | 'rate_limit' | 'invalid_request' | 'hang';

export interface FakeStripe {
  url: string;
  port: number;
  requests: RecordedStripeRequest[];
  /** Requests to a path prefix, e.g. requestsTo('POST', '/v1/refunds'). */
  requestsTo: (method: string, pathPrefix: string) => RecordedStripeRequest[];
  /** The next `count` requests (optionally only those whose path starts with `pathPrefix`) fail like this. */
  failNext: (count: number, failure: InjectedFailure, pathPrefix?: string) => void;
  /** Status of refunds created from now on (Stripe: succeeded for cards, pending for some methods). */
  setRefundStatus: (status: 'succeeded' | 'pending' | 'failed') => void;
  /** Delay every answer by this many ms (to widen race windows). */
  setLatency: (ms: number) => void;
  paymentIntents: Map<string, StripeObject>;
  checkoutSessions: Map<string, StripeObject>;
  refunds: Map<string, StripeObject>;
  /** Marks a PaymentIntent succeeded (amount_received, latest_charge) and returns it, for building events. */
  succeedPaymentIntent: (id: string) => StripeObject;
  /** Marks a Checkout Session complete and paid, with a new PaymentIntent, and returns it. */
  completeCheckoutSession: (id: string) => StripeObject;
  reset: () => void;
  close: () => Promise<void>;
}

function stripeId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
}

/** Decodes Stripe's form encoding (qs style, arrays as a[0][b]) into nested objects and arrays. */
export function decodeStripeForm(raw: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const path = key.replace(/\]/g, '').split('[');
    let node = root;
    path.forEach((segment, index) => {
      if (index === path.length - 1) node[segment] = value;
      else node = (node[segment] ??= {}) as Record<string, unknown>;
    });
  }
  const arrays = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, arrays(v)] as const);
    if (entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k))) {
      return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v);
    }
    return Object.fromEntries(entries);
  };
  return arrays(root) as Record<string, unknown>;
}

const failures: Record<Exclude<InjectedFailure, 'hang'>, { status: number; error: Record<string, unknown> }> = {
  server_error: { status: 500, error: { type: 'api_error', message: 'An unknown error occurred (fake Stripe).' } },
  card_error: { status: 402, error: { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' } },
  rate_limit: { status: 429, error: { type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests hit the API too quickly.' } },
  invalid_request: { status: 400, error: { type: 'invalid_request_error', code: 'charge_already_refunded', message: 'Charge has already been refunded.' } },
};

export async function startFakeStripe(): Promise<FakeStripe> {
  const requests: RecordedStripeRequest[] = [];
  const paymentIntents = new Map<string, StripeObject>();
  const checkoutSessions = new Map<string, StripeObject>();
  const refunds = new Map<string, StripeObject>();
  const idempotent = new Map<string, { rawBody: string; path: string; status: number; body: unknown }>();
  let injected: Array<{ failure: InjectedFailure; pathPrefix: string | undefined }> = [];
  let refundStatus: 'succeeded' | 'pending' | 'failed' = 'succeeded';
  let latency = 0;
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();
  const created = () => Math.floor(Date.now() / 1000);

  function createPaymentIntent(body: Record<string, unknown>, account: string | null): StripeObject {
    const id = stripeId('pi');
    const object: StripeObject = {
      id,
      object: 'payment_intent',
      amount: Number(body.amount),
      amount_received: 0,
      currency: String(body.currency),
      status: 'requires_payment_method',
      client_secret: `${id}_secret_${randomBytes(8).toString('hex')}`,
      description: body.description ?? null,
      metadata: body.metadata ?? {},
      receipt_email: body.receipt_email ?? null,
      automatic_payment_methods: body.automatic_payment_methods ? { enabled: true, allow_redirects: 'always' } : null,
      latest_charge: null,
      livemode: false,
      created: created(),
      ...(account ? { on_behalf_of: null } : {}),
    };
    paymentIntents.set(id, object);
    return object;
  }

  function createCheckoutSession(body: Record<string, unknown>): StripeObject {
    const id = stripeId('cs_test');
    const items = (body.line_items as Array<{ quantity?: string; price_data?: { unit_amount?: string; currency?: string } }>) ?? [];
    const total = items.reduce((sum, item) => sum + Number(item.price_data?.unit_amount ?? 0) * Number(item.quantity ?? 1), 0);
    const object: StripeObject = {
      id,
      object: 'checkout.session',
      mode: body.mode,
      status: 'open',
      payment_status: 'unpaid',
      amount_total: total,
      currency: items[0]?.price_data?.currency ?? null,
      client_reference_id: body.client_reference_id ?? null,
      customer_email: body.customer_email ?? null,
      metadata: body.metadata ?? {},
      payment_intent: null,
      success_url: body.success_url,
      cancel_url: body.cancel_url,
      expires_at: Number(body.expires_at),
      url: `https://checkout.stripe.com/c/pay/${id}`,
      livemode: false,
      created: created(),
      // what the fake was asked to put on the PaymentIntent it creates at completion
      payment_intent_data: body.payment_intent_data ?? null,
    };
    checkoutSessions.set(id, object);
    return object;
  }

  function createRefund(body: Record<string, unknown>): { status: number; body: unknown } {
    const intent = paymentIntents.get(String(body.payment_intent));
    if (!intent) {
      return { status: 404, body: { error: { type: 'invalid_request_error', code: 'resource_missing', param: 'payment_intent', message: `No such payment_intent: '${String(body.payment_intent)}'` } } };
    }
    const amount = body.amount === undefined ? Number(intent.amount_received) : Number(body.amount);
    const refunded = [...refunds.values()].filter((r) => r.payment_intent === intent.id && r.status !== 'failed').reduce((s, r) => s + Number(r.amount), 0);
    if (amount + refunded > Number(intent.amount_received)) {
      return { status: 400, body: { error: { type: 'invalid_request_error', code: 'amount_too_large', param: 'amount', message: 'Refund amount is greater than unrefunded amount on charge.' } } };
    }
    const id = stripeId('re');
    const refund: StripeObject = {
      id,
      object: 'refund',
      amount,
      currency: intent.currency,
      payment_intent: intent.id,
      charge: intent.latest_charge,
      status: refundStatus,
      metadata: body.metadata ?? {},
      reason: body.reason ?? null,
      created: created(),
    };
    refunds.set(id, refund);
    return { status: 200, body: refund };
  }

  function route(method: string, path: string, body: Record<string, unknown>, account: string | null): { status: number; body: unknown } {
    const missing = (kind: string, id: string) => ({ status: 404, body: { error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such ${kind}: '${id}'` } } });
    if (method === 'POST' && path === '/v1/payment_intents') return { status: 200, body: createPaymentIntent(body, account) };
    if (method === 'POST' && path === '/v1/checkout/sessions') return { status: 200, body: createCheckoutSession(body) };
    if (method === 'POST' && path === '/v1/refunds') return createRefund(body);
    let match = /^\/v1\/payment_intents\/([^/]+)$/.exec(path);
    if (method === 'GET' && match) return paymentIntents.has(match[1]!) ? { status: 200, body: paymentIntents.get(match[1]!) } : missing('payment_intent', match[1]!);
    match = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path);
    if (method === 'GET' && match) return checkoutSessions.has(match[1]!) ? { status: 200, body: checkoutSessions.get(match[1]!) } : missing('checkout.session', match[1]!);
    match = /^\/v1\/refunds\/([^/]+)$/.exec(path);
    if (method === 'GET' && match) return refunds.has(match[1]!) ? { status: 200, body: refunds.get(match[1]!) } : missing('refund', match[1]!);
    return { status: 404, body: { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path}).` } } };
  }

  function send(response: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    const write = () => {
      response.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': stripeId('req'), 'Stripe-Should-Retry': status >= 500 ? 'true' : 'false', ...extra });
      response.end(text);
    };
    if (latency > 0) setTimeout(write, latency);
    else write();
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString();
    const url = new URL(request.url ?? '/', 'http://fake');
    const method = request.method ?? 'GET';
    const path = url.pathname;
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
    };
    const record: RecordedStripeRequest = {
      method,
      path,
      body: method === 'GET' ? Object.fromEntries(url.searchParams) : decodeStripeForm(rawBody),
      rawBody,
      idempotencyKey: header('idempotency-key'),
      stripeAccount: header('stripe-account'),
      authorization: header('authorization'),
      status: 0,
      replayed: false,
    };
    requests.push(record);

    if (!/^Bearer (sk|rk)_(test|live)_\S+$/.test(record.authorization ?? '')) {
      record.status = 401;
      return send(response, 401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided (fake Stripe).' } });
    }
    const injectedIndex = injected.findIndex((i) => !i.pathPrefix || path.startsWith(i.pathPrefix));
    if (injectedIndex >= 0) {
      const failure = injected.splice(injectedIndex, 1)[0]!.failure;
      if (failure === 'hang') {
        record.status = -1;
        hanging.add(response);
        return;
      }
      record.status = failures[failure].status;
      return send(response, failures[failure].status, { error: failures[failure].error });
    }
    if (method === 'POST' && record.idempotencyKey) {
      const key = `${record.stripeAccount ?? ''}:${record.idempotencyKey}`;
      const saved = idempotent.get(key);
      if (saved) {
        if (saved.rawBody !== rawBody || saved.path !== path) {
          record.status = 400;
          return send(response, 400, {
            error: { type: 'idempotency_error', message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${record.idempotencyKey}' if you meant to execute a different request.` },
          });
        }
        record.status = saved.status;
        record.replayed = true;
        return send(response, saved.status, saved.body, { 'Idempotent-Replayed': 'true', 'Idempotency-Key': record.idempotencyKey });
      }
      const answer = route(method, path, record.body, record.stripeAccount);
      idempotent.set(key, { rawBody, path, status: answer.status, body: answer.body });
      record.status = answer.status;
      return send(response, answer.status, answer.body, { 'Idempotency-Key': record.idempotencyKey });
    }
    const answer = route(method, path, record.body, record.stripeAccount);
    record.status = answer.status;
    return send(response, answer.status, answer.body);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, { error: { type: 'api_error', message: `fake Stripe crashed: ${String(error)}` } });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    requestsTo: (method, pathPrefix) => requests.filter((r) => r.method === method && r.path.startsWith(pathPrefix)),
    failNext: (count, failure, pathPrefix) => {
      for (let i = 0; i < count; i++) injected.push({ failure, pathPrefix });
    },
    setRefundStatus: (status) => (refundStatus = status),
    setLatency: (ms) => (latency = ms),
    paymentIntents,
    checkoutSessions,
    refunds,
    succeedPaymentIntent: (id) => {
      const intent = paymentIntents.get(id);
      if (!intent) throw new Error(`fake Stripe: no PaymentIntent ${id}`);
      Object.assign(intent, { status: 'succeeded', amount_received: intent.amount, latest_charge: stripeId('ch') });
      return intent;
    },
    completeCheckoutSession: (id) => {
      const session = checkoutSessions.get(id);
      if (!session) throw new Error(`fake Stripe: no Checkout Session ${id}`);
      const data = (session.payment_intent_data ?? {}) as Record<string, unknown>;
      const intent = createPaymentIntent({ amount: session.amount_total, currency: session.currency, metadata: data.metadata ?? {}, description: data.description }, null);
      Object.assign(intent, { status: 'succeeded', amount_received: intent.amount, latest_charge: stripeId('ch') });
      Object.assign(session, { status: 'complete', payment_status: 'paid', payment_intent: intent.id });
      return session;
    },
    reset: () => {
      requests.length = 0;
      injected = [];
      refundStatus = 'succeeded';
      latency = 0;
    },
    close: async () => {
      for (const response of hanging) response.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A Stripe event (v1 snapshot payload) around `object`, as Stripe POSTs it to a webhook endpoint. */
export function stripeEvent(type: string, object: Record<string, unknown>, options: { id?: string; account?: string; created?: number } = {}): Record<string, unknown> {
  return {
    id: options.id ?? stripeId('evt'),
    object: 'event',
    api_version: '2026-10-28.endive',
    created: options.created ?? Math.floor(Date.now() / 1000),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    ...(options.account ? { account: options.account } : {}),
  };
}

/**
 * A valid `Stripe-Signature` header for `payload` (the exact body string that is sent):
 * `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<payload>")>`, as Stripe signs.
 */
export function signStripeEvent(payload: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex');
  return `t=${timestamp},v1=${signature}`;
}
