// A fake Razorpay API for tests: a node HTTP server (Deno runs it too) that answers the calls
// Slotbase makes the way Razorpay's v1 REST API does, and records every request:
//   POST /v1/orders, GET /v1/orders?receipt=…, GET /v1/orders/:id
//   POST /v1/payment_links, GET /v1/payment_links?reference_id=…, GET /v1/payment_links/:id
//   GET /v1/payments/:id, POST /v1/payments/:id/refund, GET /v1/refunds/:id
// JSON bodies; HTTP Basic auth with the key id and secret (else 401 "Authentication failed");
// Razorpay's error body { error: { code, description, source, step, reason, metadata, field } }
// for invalid input (minimum amount, extra fields, a reused Payment Link reference_id, an expiry
// less than 15 minutes ahead, Route transfers in another currency than INR, refunds beyond what
// was captured); X-Refund-Idempotency replays the first refund for the same key and body and
// refuses the key with another body. Injected failures (failNextWith) happen before a request is
// acted on: 500 SERVER_ERROR, 502 GATEWAY_ERROR, 429, 400, no answer (hang) or a closed
// connection.
// The customer's side is simulated too: payOrder (Razorpay Checkout; returns the handler's
// razorpay_signature), capture, payLink (a hosted Payment Link page), expireLink. And the
// webhooks: razorpayEvent() builds a body, signRazorpayWebhook() its X-Razorpay-Signature.
// Point the functions at it with RAZORPAY_API_BASE=<fake.url>.
import { createHmac, randomBytes } from 'node:crypto';
import { type FakeServer, type Failure, type RecordedRequest, sendJson, startFakeServer } from './http.ts';

export type RazorpayEntity = Record<string, unknown> & { id: string; entity: string };

export interface RecordedRazorpayRequest extends RecordedRequest {
  /** The path without the query. */
  pathname: string;
  query: Record<string, string>;
  /** The JSON body (null when there is none or it is not JSON). */
  json: Record<string, unknown> | null;
}

export const razorpayFailures: Record<'server_error' | 'gateway_error' | 'rate_limited' | 'bad_request' | 'hang' | 'closed_connection', Failure> = {
  server_error: { status: 500, body: { error: { code: 'SERVER_ERROR', description: 'The server encountered an error. The incident has been reported to admins.', source: 'NA', step: 'NA', reason: 'NA', metadata: {} } } },
  gateway_error: { status: 502, body: { error: { code: 'GATEWAY_ERROR', description: 'Payment processing failed due to error at bank or wallet gateway', source: 'gateway', step: 'NA', reason: 'gateway_technical_error', metadata: {} } } },
  rate_limited: { status: 429, body: { error: { code: 'BAD_REQUEST_ERROR', description: 'Too many requests', source: 'NA', step: 'NA', reason: 'NA', metadata: {} } } },
  bad_request: { status: 400, body: { error: { code: 'BAD_REQUEST_ERROR', description: 'The payment has been fully refunded already.', source: 'business', step: 'NA', reason: 'input_validation_failed', metadata: {} } } },
  hang: 'hang',
  closed_connection: 'close',
};

export interface FakeRazorpay extends Omit<FakeServer, 'requests'> {
  keyId: string;
  keySecret: string;
  /** The Route linked accounts the platform has (acc_…); a transfer to another one is refused. */
  linkedAccounts: Set<string>;
  requests: RecordedRazorpayRequest[];
  /** Requests to a path prefix, e.g. requestsTo('POST', '/v1/orders'). */
  requestsTo: (method: string, pathPrefix: string) => RecordedRazorpayRequest[];
  /** The next `count` requests (optionally only to paths starting with `pathPrefix`) fail like this. */
  failNextWith: (kind: keyof typeof razorpayFailures, count?: number, pathPrefix?: string) => void;
  /** Status of refunds created from now on: processed (default), pending or failed. */
  setRefundStatus: (status: 'processed' | 'pending' | 'failed') => void;
  orders: Map<string, RazorpayEntity>;
  paymentLinks: Map<string, RazorpayEntity>;
  payments: Map<string, RazorpayEntity>;
  refunds: Map<string, RazorpayEntity>;
  /**
   * The customer pays an order in Razorpay Checkout: a Payment (captured unless said otherwise;
   * a failed one carries Razorpay's error fields) and, for a successful one, what the Checkout
   * handler hands the app: razorpay_order_id, razorpay_payment_id, razorpay_signature.
   */
  payOrder: (orderId: string, options?: { status?: 'captured' | 'authorized' | 'failed'; notes?: Record<string, string> }) => {
    payment: RazorpayEntity;
    order: RazorpayEntity;
    checkout: { razorpay_order_id: string; razorpay_payment_id: string; razorpay_signature: string };
  };
  /** Captures an authorised payment (automatic capture); the order becomes paid. */
  capture: (paymentId: string) => RazorpayEntity;
  /** The customer pays a Payment Link on its hosted page: the link's order, a captured payment, the link paid. */
  payLink: (linkId: string) => { paymentLink: RazorpayEntity; order: RazorpayEntity; payment: RazorpayEntity };
  /** The link's expire_by passes. */
  expireLink: (linkId: string) => RazorpayEntity;
  reset: () => void;
}

const base62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function randomKey(length = 14): string {
  return [...randomBytes(length)].map((byte) => base62[byte % 62]).join('');
}
const newId = (prefix: string) => `${prefix}_${randomKey()}`;

/** A Razorpay webhook event id (the x-razorpay-event-id header). */
export function newRazorpayEventId(): string {
  return randomKey(14);
}

function badRequest(description: string, field: string | null = null, step = 'payment_initiation'): { status: number; body: unknown } {
  return { status: 400, body: { error: { code: 'BAD_REQUEST_ERROR', description, source: 'business', step, reason: 'input_validation_failed', metadata: {}, ...(field ? { field } : {}) } } };
}

const minorAmountMinimum: Record<string, number> = { INR: 100 };

function checkNotes(notes: unknown): string | null {
  if (notes === undefined) return null;
  if (notes === null || typeof notes !== 'object' || Array.isArray(notes)) return 'notes must be an object';
  const entries = Object.entries(notes as Record<string, unknown>);
  if (entries.length > 15) return 'notes: a maximum of 15 key-value pairs are allowed';
  for (const [, value] of entries) if (String(value).length > 255) return 'value: the length must not be greater than 255.';
  return null;
}

function checkAmount(body: Record<string, unknown>): { status: number; body: unknown } | null {
  if (typeof body.amount !== 'number' || !Number.isInteger(body.amount)) return badRequest('The amount field is required.', 'amount');
  if (typeof body.currency !== 'string' || !/^[A-Z]{3}$/.test(body.currency)) return badRequest('The currency field is required.', 'currency');
  const minimum = minorAmountMinimum[body.currency] ?? 1;
  if (body.amount < minimum) return badRequest(`The amount must be at least ${body.currency} 1.00`, 'amount');
  return null;
}

function extraField(body: Record<string, unknown>, allowed: string[]): { status: number; body: unknown } | null {
  const extra = Object.keys(body).filter((key) => !allowed.includes(key));
  return extra.length ? badRequest(`${extra.join(', ')} is/are not required and should not be sent`, extra[0]) : null;
}

export async function startFakeRazorpay({ keyId = `rzp_test_${randomKey(14)}`, keySecret = randomKey(24) }: { keyId?: string; keySecret?: string } = {}): Promise<FakeRazorpay> {
  const orders = new Map<string, RazorpayEntity>();
  const paymentLinks = new Map<string, RazorpayEntity>();
  const payments = new Map<string, RazorpayEntity>();
  const refunds = new Map<string, RazorpayEntity>();
  const idempotent = new Map<string, { body: string; refund: RazorpayEntity }>();
  const linkedAccounts = new Set<string>();
  let refundStatus: 'processed' | 'pending' | 'failed' = 'processed';
  const expectedAuth = `Basic ${Buffer.from(`${keyId}:${keySecret}`).toString('base64')}`;
  const now = () => Math.floor(Date.now() / 1000);

  function checkTransfers(transfers: unknown, amount: number): { status: number; body: unknown } | null {
    if (transfers === undefined) return null;
    if (!Array.isArray(transfers)) return badRequest('transfers must be an array', 'transfers');
    let total = 0;
    for (const transfer of transfers as Array<Record<string, unknown>>) {
      if (typeof transfer.account !== 'string' || !linkedAccounts.has(transfer.account)) return badRequest(`${String(transfer.account)} is not a valid id`, 'account');
      if (transfer.currency !== 'INR') return badRequest('Route transfers are supported only in INR', 'currency');
      total += Number(transfer.amount);
    }
    if (total > amount) return badRequest('The sum of amount requested for transfer is greater than the order amount', 'amount');
    return null;
  }

  function createOrder(body: Record<string, unknown>): { status: number; body: unknown } {
    const problem = extraField(body, ['amount', 'currency', 'receipt', 'notes', 'partial_payment', 'transfers']) ?? checkAmount(body);
    if (problem) return problem;
    if (body.receipt !== undefined && (typeof body.receipt !== 'string' || body.receipt.length > 40)) return badRequest('The receipt may not be greater than 40 characters.', 'receipt');
    const notesProblem = checkNotes(body.notes);
    if (notesProblem) return badRequest(notesProblem, 'notes');
    const transfersProblem = checkTransfers(body.transfers, body.amount as number);
    if (transfersProblem) return transfersProblem;
    const id = newId('order');
    const order: RazorpayEntity = {
      id, entity: 'order', amount: body.amount, amount_paid: 0, amount_due: body.amount, currency: body.currency,
      receipt: body.receipt ?? null, offer_id: null, status: 'created', attempts: 0, notes: body.notes ?? [], created_at: now(),
      ...(body.transfers ? { transfers: (body.transfers as Array<Record<string, unknown>>).map((t) => ({ ...t, id: newId('trf'), entity: 'transfer', source: id, status: 'created' })) } : {}),
    };
    orders.set(id, order);
    return { status: 200, body: order };
  }

  function createPaymentLink(body: Record<string, unknown>): { status: number; body: unknown } {
    const problem = extraField(body, ['amount', 'currency', 'accept_partial', 'first_min_partial_amount', 'expire_by', 'reference_id', 'description', 'customer',
                                      'notify', 'reminder_enable', 'notes', 'callback_url', 'callback_method', 'options', 'upi_link']) ?? checkAmount(body);
    if (problem) return problem;
    if (typeof body.reference_id === 'string') {
      if (body.reference_id.length > 40) return badRequest('The reference id may not be greater than 40 characters.', 'reference_id');
      if ([...paymentLinks.values()].some((link) => link.reference_id === body.reference_id)) return badRequest('payment link creation with reference ID already attempted', 'reference_id');
    }
    if (body.expire_by !== undefined && (typeof body.expire_by !== 'number' || body.expire_by < now() + 15 * 60)) {
      return badRequest('timestamp must be atleast 15 minutes in future', 'expire_by');
    }
    if (body.callback_url !== undefined && body.callback_method !== 'get') return badRequest('The callback method field is required when callback url is present.', 'callback_method');
    if (typeof body.description === 'string' && body.description.length > 2048) return badRequest('The description may not be greater than 2048 characters.', 'description');
    const notesProblem = checkNotes(body.notes);
    if (notesProblem) return badRequest(notesProblem, 'notes');
    const transfers = (body.options as { order?: { transfers?: unknown } } | undefined)?.order?.transfers;
    const transfersProblem = checkTransfers(transfers, body.amount as number);
    if (transfersProblem) return transfersProblem;
    const id = newId('plink');
    const link: RazorpayEntity = {
      id, entity: 'payment_link', amount: body.amount, amount_paid: 0, currency: body.currency, accept_partial: body.accept_partial ?? false,
      reference_id: body.reference_id ?? null, description: body.description ?? null, customer: body.customer ?? {}, notify: body.notify ?? {},
      reminder_enable: body.reminder_enable ?? false, notes: body.notes ?? null, callback_url: body.callback_url ?? null,
      callback_method: body.callback_method ?? null, expire_by: body.expire_by ?? 0, expired_at: 0, cancelled_at: 0, status: 'created',
      short_url: `https://rzp.io/rzp/${randomKey(7)}`, order_id: null, payments: null, upi_link: false, created_at: now(), updated_at: now(),
      transfers: transfers ?? null,
    };
    paymentLinks.set(id, link);
    return { status: 200, body: link };
  }

  function refundPayment(paymentId: string, body: Record<string, unknown>, rawBody: string, key: string | null): { status: number; body: unknown } {
    if (key !== null && !/^[A-Za-z0-9_-]{10,}$/.test(key)) return badRequest('The idempotency key must be at least 10 characters: letters, digits, hyphens and underscores', null, 'NA');
    if (key !== null) {
      const saved = idempotent.get(key);
      if (saved && saved.body !== rawBody) return badRequest('Different request with the same idempotency key has already been processed.', null, 'NA');
      if (saved) return { status: 200, body: saved.refund };
    }
    const problem = extraField(body, ['amount', 'speed', 'notes', 'receipt', 'reverse_all']);
    if (problem) return problem;
    const payment = payments.get(paymentId);
    if (!payment) return badRequest(`${paymentId} is not a valid id`, 'id', 'NA');
    if (payment.status !== 'captured' && payment.status !== 'refunded') return badRequest('Only payments which have been captured can be refunded', null, 'NA');
    const refunded = [...refunds.values()].filter((r) => r.payment_id === paymentId && r.status !== 'failed').reduce((sum, r) => sum + Number(r.amount), 0);
    const amount = body.amount === undefined ? Number(payment.amount) - refunded : Number(body.amount);
    if (refunded >= Number(payment.amount)) return badRequest('The payment has been fully refunded already.', null, 'NA');
    if (amount + refunded > Number(payment.amount)) return badRequest('The refund amount provided is greater than amount captured.', 'amount', 'NA');
    if (payment.currency === 'INR' && amount < 100) return badRequest('The amount must be at least INR 1.00.', 'amount', 'NA');
    const notesProblem = checkNotes(body.notes);
    if (notesProblem) return badRequest(notesProblem, 'notes', 'NA');
    const refund: RazorpayEntity = {
      id: newId('rfnd'), entity: 'refund', amount, currency: payment.currency, payment_id: paymentId, notes: body.notes ?? {},
      receipt: body.receipt ?? null, acquirer_data: { arn: null }, created_at: now(), batch_id: null, status: refundStatus,
      speed_processed: 'normal', speed_requested: body.speed ?? 'normal', reverse_all: body.reverse_all ?? false,
    };
    refunds.set(refund.id, refund);
    Object.assign(payment, { amount_refunded: refunded + amount, refund_status: refunded + amount === Number(payment.amount) ? 'full' : 'partial' });
    if (key !== null) idempotent.set(key, { body: rawBody, refund });
    return { status: 200, body: refund };
  }

  function route(request: RecordedRazorpayRequest): { status: number; body: unknown } {
    const { method, pathname, query, json } = request;
    const body = json ?? {};
    const notFound = (kind: string, id: string) => badRequest(`The ${kind} id provided does not exist: ${id}`, 'id', 'NA');
    if (method === 'POST' && (pathname === '/v1/orders' || pathname === '/v1/payment_links' || pathname === '/v1/payment_links/' || /\/refund$/.test(pathname)) && json === null) {
      return badRequest('The request body must be a JSON object', null, 'NA');
    }
    if (method === 'POST' && pathname === '/v1/orders') return createOrder(body);
    if (method === 'GET' && pathname === '/v1/orders') {
      const items = [...orders.values()].filter((order) => query.receipt === undefined || order.receipt === query.receipt).reverse().slice(0, Number(query.count ?? 10));
      return { status: 200, body: { entity: 'collection', count: items.length, items } };
    }
    let match = /^\/v1\/orders\/([^/]+)$/.exec(pathname);
    if (method === 'GET' && match) return orders.has(match[1]!) ? { status: 200, body: orders.get(match[1]!) } : notFound('order', match[1]!);
    if (method === 'POST' && (pathname === '/v1/payment_links' || pathname === '/v1/payment_links/')) return createPaymentLink(body);
    if (method === 'GET' && (pathname === '/v1/payment_links' || pathname === '/v1/payment_links/')) {
      const links = [...paymentLinks.values()].filter((link) => query.reference_id === undefined || link.reference_id === query.reference_id).reverse();
      return { status: 200, body: { payment_links: links } };
    }
    match = /^\/v1\/payment_links\/([^/]+)$/.exec(pathname);
    if (method === 'GET' && match) return paymentLinks.has(match[1]!) ? { status: 200, body: paymentLinks.get(match[1]!) } : notFound('payment link', match[1]!);
    match = /^\/v1\/payments\/([^/]+)\/refund$/.exec(pathname);
    if (method === 'POST' && match) return refundPayment(match[1]!, body, request.body, request.headers['x-refund-idempotency'] ?? null);
    match = /^\/v1\/payments\/([^/]+)$/.exec(pathname);
    if (method === 'GET' && match) return payments.has(match[1]!) ? { status: 200, body: payments.get(match[1]!) } : badRequest(`${match[1]} is not a valid id`, 'id', 'NA');
    match = /^\/v1\/refunds\/([^/]+)$/.exec(pathname);
    if (method === 'GET' && match) return refunds.has(match[1]!) ? { status: 200, body: refunds.get(match[1]!) } : notFound('refund', match[1]!);
    return badRequest('The requested URL was not found on the server.', null, 'NA');
  }

  const server = await startFakeServer((recorded, response) => {
    const request = recorded as RecordedRazorpayRequest;
    if (request.headers.authorization !== expectedAuth) {
      sendJson(response, 401, { error: { code: 'BAD_REQUEST_ERROR', description: 'Authentication failed', source: 'NA', step: 'NA', reason: 'NA', metadata: {} } });
      return;
    }
    const answer = route(request);
    sendJson(response, answer.status, answer.body);
  });
  // Every recorded request gets its parsed path, query and JSON body (failures are recorded too).
  const requests = server.requests as RecordedRazorpayRequest[];
  const push = requests.push.bind(requests);
  requests.push = (...items: RecordedRequest[]) => {
    for (const item of items) {
      const url = new URL(item.path, 'http://fake');
      let json: Record<string, unknown> | null = null;
      try {
        const parsed = item.body ? JSON.parse(item.body) : null;
        json = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : null;
      } catch {
        json = null;
      }
      Object.assign(item, { pathname: url.pathname, query: Object.fromEntries(url.searchParams), json });
    }
    return push(...(items as RecordedRazorpayRequest[]));
  };

  function paymentOf(order: RazorpayEntity, status: 'captured' | 'authorized' | 'failed', notes: Record<string, string> | undefined): RazorpayEntity {
    const failed = status === 'failed';
    return {
      id: newId('pay'), entity: 'payment', amount: order.amount, currency: order.currency, status, order_id: order.id, invoice_id: null,
      international: false, method: 'upi', amount_refunded: 0, refund_status: null, captured: status === 'captured', description: null,
      card_id: null, bank: null, wallet: null, vpa: 'patient@okbank', email: null, contact: '+919000090000', notes: notes ?? [],
      fee: null, tax: null, error_code: failed ? 'BAD_REQUEST_ERROR' : null,
      error_description: failed ? 'Payment failed because the UPI app declined it' : null, error_source: failed ? 'customer' : null,
      error_step: failed ? 'payment_authorization' : null, error_reason: failed ? 'payment_declined' : null, acquirer_data: { rrn: randomKey(12) },
      created_at: now(),
    };
  }

  function markPaid(order: RazorpayEntity): void {
    Object.assign(order, { status: 'paid', amount_paid: order.amount, amount_due: 0 });
  }

  const fake: FakeRazorpay = {
    ...server,
    keyId,
    keySecret,
    linkedAccounts,
    requests,
    requestsTo: (method, pathPrefix) => requests.filter((r) => r.method === method && (r.pathname ?? r.path).startsWith(pathPrefix)),
    failNextWith: (kind, count = 1, pathPrefix) =>
      server.failNext(razorpayFailures[kind], count, pathPrefix ? (r) => new URL(r.path, 'http://fake').pathname.startsWith(pathPrefix) : undefined),
    setRefundStatus: (status) => (refundStatus = status),
    orders,
    paymentLinks,
    payments,
    refunds,
    payOrder: (orderId, { status = 'captured', notes } = {}) => {
      const order = orders.get(orderId);
      if (!order) throw new Error(`fake Razorpay: no order ${orderId}`);
      if (order.status === 'paid') throw new Error(`fake Razorpay: order ${orderId} is paid already`);
      const payment = paymentOf(order, status, notes);
      payments.set(payment.id, payment);
      order.attempts = Number(order.attempts) + 1;
      order.status = 'attempted';
      if (status === 'captured') markPaid(order);
      return { payment, order, checkout: { razorpay_order_id: order.id, razorpay_payment_id: payment.id, razorpay_signature: checkoutSignature(order.id, payment.id, keySecret) } };
    },
    capture: (paymentId) => {
      const payment = payments.get(paymentId);
      if (!payment || payment.status !== 'authorized') throw new Error(`fake Razorpay: no authorised payment ${paymentId}`);
      Object.assign(payment, { status: 'captured', captured: true });
      markPaid(orders.get(String(payment.order_id))!);
      return payment;
    },
    payLink: (linkId) => {
      const link = paymentLinks.get(linkId);
      if (!link) throw new Error(`fake Razorpay: no payment link ${linkId}`);
      const order: RazorpayEntity = { id: newId('order'), entity: 'order', amount: link.amount, amount_paid: 0, amount_due: link.amount, currency: link.currency,
                                      receipt: link.reference_id, status: 'created', attempts: 0, notes: link.notes ?? [], created_at: now(), product_type: 'payment_link_v2' };
      orders.set(order.id, order);
      const payment = paymentOf(order, 'captured', undefined);
      payments.set(payment.id, payment);
      markPaid(order);
      Object.assign(link, { status: 'paid', amount_paid: link.amount, order_id: order.id, updated_at: now(),
                            payments: [{ amount: link.amount, created_at: now(), method: 'upi', payment_id: payment.id, plink_id: link.id, status: 'captured', updated_at: now() }] });
      return { paymentLink: link, order, payment };
    },
    expireLink: (linkId) => {
      const link = paymentLinks.get(linkId);
      if (!link) throw new Error(`fake Razorpay: no payment link ${linkId}`);
      Object.assign(link, { status: 'expired', expired_at: now(), updated_at: now() });
      return link;
    },
    reset: () => {
      requests.length = 0;
      refundStatus = 'processed';
      server.setLatency(0);
    },
  };
  return fake;
}

/** Razorpay Checkout's razorpay_signature: hex HMAC-SHA256 of "<order_id>|<payment_id>" with the key secret. */
export function checkoutSignature(orderId: string, paymentId: string, keySecret: string): string {
  return createHmac('sha256', keySecret).update(`${orderId}|${paymentId}`).digest('hex');
}

/** X-Razorpay-Signature of a webhook body: hex HMAC-SHA256 of the exact body with the webhook secret. */
export function signRazorpayWebhook(body: string, webhookSecret: string): string {
  return createHmac('sha256', webhookSecret).update(body).digest('hex');
}

/** A webhook body as Razorpay POSTs it: { entity: "event", account_id, event, contains, payload: { <name>: { entity } }, created_at }. */
export function razorpayEvent(event: string, entities: Record<string, RazorpayEntity>, { accountId = 'acc_PlatformFake01' }: { accountId?: string } = {}): Record<string, unknown> {
  return {
    entity: 'event',
    account_id: accountId,
    event,
    contains: Object.keys(entities),
    payload: Object.fromEntries(Object.entries(entities).map(([name, entity]) => [name, { entity }])),
    created_at: Math.floor(Date.now() / 1000),
  };
}
