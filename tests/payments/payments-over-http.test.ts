// The payment functions (create-payment, stripe-webhook, process-refunds) under real Deno, served by
// the real functions server (tests/functions-server/server.ts), against the throwaway database of
// `npm test` (SLOTBASE_TEST_DB_URL), with Stripe replaced by the fake in tests/fakes/stripe.ts
// (STRIPE_API_BASE). Webhooks are signed like Stripe signs them. Every test books its own
// appointment as a patient (pending, held for payment) in a clinic created here.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '@supabase/supabase-js';
import { ConflictError, createSlotbase } from '../../clients/js/index.ts';
import { apiKeys, signHs256 } from '../../local/stack/keys.ts';
import { crashesOf, databaseFaults } from '../fakes/database-faults.ts';
import { type FakeStripe, signStripeEvent, startFakeStripe, stripeEvent } from '../fakes/stripe.ts';
import { type FunctionsServer, startProjectFunctions } from '../functions-server/server.ts';

const url = process.env.SLOTBASE_TEST_DB_URL;
const jwtSecret = 'super-secret-jwt-token-with-at-least-32-characters-long';
const webhookSecret = 'whsec_slotbase_payments_test_secret';
const { serviceRoleKey } = apiKeys(jwtSecret);

type Row = Record<string, unknown>;

describe.skipIf(!url)('payments over HTTP (real Deno functions, fake Stripe, real database)', { timeout: 90_000 }, () => {
  const admin = postgres(url ?? '', { max: 4, onnotice: () => {} });
  const run = randomUUID().slice(0, 8);
  const tenantId = randomUUID();
  const centreId = randomUUID();
  const clinicianId = randomUUID();
  const serviceId = randomUUID();
  const patients = [0, 1].map(() => ({ userId: randomUUID(), patientId: randomUUID() }));
  let fake: FakeStripe;
  let server: FunctionsServer;
  let tempDir: string;
  let slotIndex = 0;

  function userToken(userId: string): string {
    // A legacy HS256 session of the project's Auth (issuer: the server's SUPABASE_URL + /auth/v1).
    return signHs256({ iss: server.url('/auth/v1'), sub: userId, role: 'authenticated', aud: 'authenticated', exp: Math.floor(Date.now() / 1000) + 3600 }, jwtSecret);
  }

  /** A free 30-minute slot (local Europe/London, 09:00-17:00) three or more days ahead, different for every call. */
  async function nextSlot(): Promise<Date> {
    const index = slotIndex++;
    const day = 3 + Math.floor(index / 16);
    const local = `${String(9 + Math.floor((index % 16) / 2)).padStart(2, '0')}:${index % 2 === 0 ? '00' : '30'}`;
    const [row] = await admin<{ at: Date }[]>`
      select (((now() at time zone 'Europe/London')::date + ${day}::int) + ${local}::time) at time zone 'Europe/London' as at`;
    return row!.at;
  }

  /** Books a pending (held) appointment as the patient, like the app does through PostgREST. */
  async function book(patient = 0): Promise<string> {
    const startsAt = await nextSlot();
    return admin.begin(async (tx) => {
      await tx`select set_config('role', 'authenticated', true),
                      set_config('request.jwt.claims', ${JSON.stringify({ sub: patients[patient]!.userId, role: 'authenticated' })}, true)`;
      const [row] = await tx<{ id: string; status: string }[]>`
        select id, status::text from public.book_appointment(service_id => ${serviceId}, clinician_id => ${clinicianId},
                                                             centre_id => ${centreId}, starts_at => ${startsAt})`;
      expect(row!.status).toBe('pending');
      return row!.id;
    });
  }

  async function cancelAsPatient(appointmentId: string, patient = 0): Promise<void> {
    await admin.begin(async (tx) => {
      await tx`select set_config('role', 'authenticated', true),
                      set_config('request.jwt.claims', ${JSON.stringify({ sub: patients[patient]!.userId, role: 'authenticated' })}, true)`;
      await tx`select public.cancel_appointment(${appointmentId}::uuid, 'cannot come')`;
    });
  }

  function createPayment(body: unknown, token = userToken(patients[0]!.userId)): Promise<Response> {
    return fetch(server.url('/functions/v1/create-payment'), {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  function deliver(event: Row, options: { signature?: string | null; body?: string } = {}): Promise<Response> {
    const payload = JSON.stringify(event);
    const signature = options.signature === undefined ? signStripeEvent(payload, webhookSecret) : options.signature;
    return fetch(server.url('/functions/v1/stripe-webhook'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(signature ? { 'Stripe-Signature': signature } : {}) },
      body: options.body ?? payload,
    });
  }

  function processRefunds(token = serviceRoleKey): Promise<Response> {
    return fetch(server.url('/functions/v1/process-refunds'), { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  }

  async function appointment(id: string): Promise<Row> {
    const [row] = await admin<Row[]>`select status::text, hold_expires_at from public.appointments where id = ${id}`;
    return row!;
  }

  async function paymentsOf(appointmentId: string): Promise<Row[]> {
    return admin<Row[]>`select id, status::text, amount::float8 as amount, amount_minor::int, stripe_payment_intent_id, amount_refunded::float8 as amount_refunded, updated_at
                        from public.payments where appointment_id = ${appointmentId} order by attempt`;
  }

  async function refundsOf(appointmentId: string): Promise<Row[]> {
    return admin<Row[]>`select id, status::text, amount::float8 as amount, reason::text, stripe_refund_id, attempts, last_error
                        from public.refunds where appointment_id = ${appointmentId} order by created_at`;
  }

  /** Book, create a PaymentIntent through the function, succeed it at the fake and deliver the event. */
  async function bookAndPay(): Promise<{ appointmentId: string; paymentId: string; intentId: string }> {
    const appointmentId = await book();
    const response = await createPayment({ appointment_id: appointmentId, flow: 'payment_intent' });
    expect(response.status).toBe(200);
    const { payment_id: paymentId } = (await response.json()) as { payment_id: string };
    const [payment] = await paymentsOf(appointmentId);
    const intent = fake.succeedPaymentIntent(payment!.stripe_payment_intent_id as string);
    expect((await deliver(stripeEvent('payment_intent.succeeded', intent))).status).toBe(200);
    expect((await appointment(appointmentId)).status).toBe('booked');
    return { appointmentId, paymentId, intentId: intent.id };
  }

  beforeAll(async () => {
    fake = await startFakeStripe();
    tempDir = mkdtempSync(join(tmpdir(), 'slotbase-payments-'));
    // Secrets reach functions through the env file (the server passes only SUPABASE_* of its own env).
    writeFileSync(join(tempDir, '.env'), [`STRIPE_SECRET_KEY=sk_test_slotbase_fake`, `STRIPE_WEBHOOK_SECRET=${webhookSecret}`, `STRIPE_API_BASE=${fake.url}`].join('\n') + '\n');

    await admin.begin(async (tx) => {
      for (const [i, p] of patients.entries()) {
        await tx`insert into auth.users (instance_id, id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
                 values ('00000000-0000-0000-0000-000000000000', ${p.userId}, 'authenticated', 'authenticated',
                         ${`payer-${i}-${run}@payments.test`}, now(), '{}', '{}', now(), now())`;
      }
      await tx`insert into public.tenants (id, name, slug, timezone, currency, locale)
               values (${tenantId}, 'Paying Clinic', ${`paying-${run}`}, 'Europe/London', 'GBP', 'en-GB')`;
      await tx`insert into public.centres (tenant_id, id, name, slug, timezone, is_active, is_published)
               values (${tenantId}, ${centreId}, 'Till Street', 'till-street', 'Europe/London', true, true)`;
      await tx`insert into public.clinicians (tenant_id, id, display_name, is_public, is_active)
               values (${tenantId}, ${clinicianId}, 'Dr Ledger', true, true)`;
      await tx`insert into public.clinician_centres (tenant_id, clinician_id, centre_id) values (${tenantId}, ${clinicianId}, ${centreId})`;
      await tx`insert into public.services (tenant_id, id, name, duration_minutes, min_booking_notice, max_booking_horizon,
                                            slot_alignment_minutes, price, currency, payment_required, cancellation_window, is_public, is_active)
               values (${tenantId}, ${serviceId}, 'Physio assessment', 30, '0', '30 days', 30, 45.50, 'GBP', true, '24 hours', true, true)`;
      await tx`insert into public.clinician_services (tenant_id, clinician_id, service_id) values (${tenantId}, ${clinicianId}, ${serviceId})`;
      await tx`insert into public.availability_rules (tenant_id, clinician_id, centre_id, timezone, local_start, local_end, rrule, valid_from)
               values (${tenantId}, ${clinicianId}, ${centreId}, 'Europe/London', '09:00', '17:00', 'FREQ=DAILY', current_date - 1)`;
      for (const [i, p] of patients.entries()) {
        await tx`insert into public.patients (tenant_id, id, user_id, full_name, email)
                 values (${tenantId}, ${p.patientId}, ${p.userId}, ${`Payer ${i}`}, ${`payer-${i}-${run}@payments.test`})`;
      }
      // The first test patient opens far more payments in these minutes than any patient would:
      // this clinic allows it (its own rate limits, docs/rate-limits.md).
      await tx`insert into public.tenant_rate_limits (tenant_id, action, per_user, per_ip, period)
               values (${tenantId}, 'payment', 1000, 10000, '1 hour')`;
    });

    server = await startProjectFunctions({
      envFile: join(tempDir, '.env'),
      env: { SUPABASE_DB_URL: url as string, SUPABASE_JWT_SECRET: jwtSecret },
    });
  });

  afterAll(async () => {
    await server?.stop();
    await fake?.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    await admin.begin(async (tx) => {
      await tx`delete from public.refunds where tenant_id = ${tenantId}`;
      await tx`delete from public.payments where tenant_id = ${tenantId}`;
      await tx`delete from public.appointments where tenant_id = ${tenantId}`;
      await tx`delete from public.availability_rules where tenant_id = ${tenantId}`;
      await tx`delete from public.clinician_services where tenant_id = ${tenantId}`;
      await tx`delete from public.services where tenant_id = ${tenantId}`;
      await tx`delete from public.patients where tenant_id = ${tenantId}`;
      await tx`delete from public.clinician_centres where tenant_id = ${tenantId}`;
      await tx`delete from public.clinicians where tenant_id = ${tenantId}`;
      await tx`delete from public.centres where tenant_id = ${tenantId}`;
      await tx`delete from public.tenants where id = ${tenantId}`;
      await tx`delete from auth.users where id in ${tx(patients.map((p) => p.userId))}`;
    }).catch(() => {});
    await admin.end();
  });

  beforeEach(() => fake.reset());

  it('a patient who opens more payments than the clinic allows gets 429 with Retry-After, and Stripe is not called', async () => {
    const token = userToken(patients[1]!.userId);
    await admin`update public.tenant_rate_limits set per_user = 1 where tenant_id = ${tenantId} and action = 'payment'`;
    await admin`delete from private.rate_limit_hits where bucket = private.rate_limit_bucket(${tenantId}, 'payment', 'user', ${patients[1]!.userId})`;
    try {
      const first = await book(1);
      const second = await book(1);
      expect((await createPayment({ appointment_id: first, flow: 'payment_intent' }, token)).status).toBe(200);
      const calls = fake.requests.length;
      const limited = await createPayment({ appointment_id: second, flow: 'payment_intent' }, token);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(3000);
      expect(await limited.json()).toMatchObject({ code: 'PT429', details: 'rate_limited', message: 'too many payment attempts in a short time' });
      expect(fake.requests.length).toBe(calls);
      expect(await paymentsOf(second)).toEqual([]);
    } finally {
      await admin`update public.tenant_rate_limits set per_user = 1000 where tenant_id = ${tenantId} and action = 'payment'`;
    }
  });

  it('book, pay with a PaymentIntent, signed payment_intent.succeeded: the appointment is booked and the payment succeeded', async () => {
    const appointmentId = await book();
    const response = await createPayment({ appointment_id: appointmentId, flow: 'payment_intent' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Row;
    expect(body).toMatchObject({ flow: 'payment_intent', amount: 45.5, amount_minor: 4550, currency: 'GBP' });
    expect(String(body.client_secret)).toMatch(/^pi_\w+_secret_/);

    // Stripe got the amount from the database, the metadata and the payment's idempotency key
    const [request] = fake.requestsTo('POST', '/v1/payment_intents');
    expect(request?.body).toMatchObject({
      amount: '4550',
      currency: 'gbp',
      metadata: { tenant_id: tenantId, appointment_id: appointmentId, payment_id: body.payment_id },
      automatic_payment_methods: { enabled: 'true' },
      receipt_email: `payer-0-${run}@payments.test`,
    });
    expect(request?.idempotencyKey).toBe(`payment:${appointmentId}:1`);
    expect(request?.stripeAccount).toBeNull();
    const [payment] = await paymentsOf(appointmentId);
    expect(payment).toMatchObject({ id: body.payment_id, status: 'requires_payment', stripe_payment_intent_id: expect.stringMatching(/^pi_/) });

    // asking again reuses the payment and the PaymentIntent
    const again = (await (await createPayment({ appointment_id: appointmentId, flow: 'payment_intent' })).json()) as Row;
    expect(again.payment_id).toBe(body.payment_id);
    expect(again.client_secret).toBe(body.client_secret);
    expect(fake.paymentIntents.size).toBeGreaterThanOrEqual(1);
    expect(fake.requestsTo('POST', '/v1/payment_intents')).toHaveLength(1);

    const intent = fake.succeedPaymentIntent(payment!.stripe_payment_intent_id as string);
    const delivered = await deliver(stripeEvent('payment_intent.succeeded', intent));
    expect(delivered.status).toBe(200);
    expect(await delivered.json()).toMatchObject({ received: true, outcome: 'processed' });
    expect((await appointment(appointmentId)).status).toBe('booked');
    expect((await paymentsOf(appointmentId))[0]).toMatchObject({ status: 'succeeded' });
  });

  it('the same event delivered twice changes the state once', async () => {
    const appointmentId = await book();
    await createPayment({ appointment_id: appointmentId, flow: 'payment_intent' });
    const [payment] = await paymentsOf(appointmentId);
    const event = stripeEvent('payment_intent.succeeded', fake.succeedPaymentIntent(payment!.stripe_payment_intent_id as string));
    expect(await (await deliver(event)).json()).toMatchObject({ outcome: 'processed' });
    const history = async () => (await admin<{ n: number }[]>`select count(*)::int as n from public.appointment_status_history where appointment_id = ${appointmentId}`)[0]!.n;
    const before = { history: await history(), payment: (await paymentsOf(appointmentId))[0] };
    const second = await deliver(event);
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ outcome: 'duplicate' });
    expect(await history()).toBe(before.history);
    expect((await paymentsOf(appointmentId))[0]).toEqual(before.payment);
  });

  it('missing, wrong, stale and tampered signatures are 400 and change nothing', async () => {
    const appointmentId = await book();
    await createPayment({ appointment_id: appointmentId, flow: 'payment_intent' });
    const [payment] = await paymentsOf(appointmentId);
    const event = stripeEvent('payment_intent.succeeded', fake.succeedPaymentIntent(payment!.stripe_payment_intent_id as string));
    const payload = JSON.stringify(event);
    const tampered = payload.replace('"amount_received":4550', '"amount_received":1');
    const attempts = [
      deliver(event, { signature: null }),
      deliver(event, { signature: signStripeEvent(payload, 'whsec_not_ours') }),
      deliver(event, { signature: signStripeEvent(payload, webhookSecret, Math.floor(Date.now() / 1000) - 3600) }),
      deliver(event, { body: tampered }), // signed for the original body
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'invalid_signature' });
    }
    expect(tampered).not.toBe(payload);
    expect((await appointment(appointmentId)).status).toBe('pending');
    expect((await paymentsOf(appointmentId))[0]).toMatchObject({ status: 'requires_payment' });
    const [recorded] = await admin<{ n: number }[]>`select count(*)::int as n from private.stripe_events where id = ${event.id as string}`;
    expect(recorded!.n).toBe(0);
    // the genuine delivery still works afterwards
    expect(await (await deliver(event)).json()).toMatchObject({ outcome: 'processed' });
  });

  it('a validly signed event with an empty id is 400 invalid_event with the reason, and nothing is recorded', async () => {
    for (const id of ['', '   ', 'not-an-event-id']) {
      const response = await deliver({ ...stripeEvent('payment_intent.succeeded', { id: 'pi_none', object: 'payment_intent' }), id });
      expect(response.status, JSON.stringify(id)).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'invalid_event', message: expect.stringContaining('id must be a Stripe event id') });
      expect(await admin`select 1 from private.stripe_events where id = ${id}`).toHaveLength(0);
    }
  });

  it("another patient's appointment is 404 and nothing reaches Stripe", async () => {
    const appointmentId = await book(0);
    const response = await createPayment({ appointment_id: appointmentId, flow: 'payment_intent' }, userToken(patients[1]!.userId));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'PT404' });
    expect(fake.requests).toHaveLength(0);
    expect(await paymentsOf(appointmentId)).toHaveLength(0);
  });

  it('a body with an amount is 400 before anything happens; anon and missing tokens never get in', async () => {
    const appointmentId = await book();
    const response = await createPayment({ appointment_id: appointmentId, flow: 'payment_intent', amount: 1 });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('amount') });
    const anon = await createPayment({ appointment_id: appointmentId, flow: 'payment_intent' }, apiKeys(jwtSecret).anonKey);
    expect(anon.status).toBe(401);
    expect(await anon.json()).toMatchObject({ code: 'unauthorized', message: 'Sign in to pay for an appointment.' });
    const noToken = await fetch(server.url('/functions/v1/create-payment'), { method: 'POST', body: '{}' });
    expect(noToken.status).toBe(401); // the gateway (verify_jwt)
    expect(fake.requests).toHaveLength(0);
    expect(await paymentsOf(appointmentId)).toHaveLength(0);
  });

  it('checkout: hosted session with the DB amount, then checkout.session.completed books the appointment', async () => {
    const appointmentId = await book();
    const response = await createPayment({ appointment_id: appointmentId, flow: 'checkout', success_url: 'https://clinic.example/paid', cancel_url: 'https://clinic.example/cancelled' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Row;
    expect(String(body.checkout_url)).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    const [request] = fake.requestsTo('POST', '/v1/checkout/sessions');
    expect(request?.body).toMatchObject({
      mode: 'payment',
      client_reference_id: body.payment_id,
      line_items: [{ quantity: '1', price_data: { currency: 'gbp', unit_amount: '4550' } }],
      payment_intent_data: { metadata: { payment_id: body.payment_id } },
    });
    expect(Number(request?.body.expires_at) * 1000).toBeGreaterThanOrEqual(Date.now() + 29 * 60_000);
    const sessionId = [...fake.checkoutSessions.keys()].at(-1)!;
    const delivered = await deliver(stripeEvent('checkout.session.completed', fake.completeCheckoutSession(sessionId)));
    expect(await delivered.json()).toMatchObject({ outcome: 'processed' });
    expect((await appointment(appointmentId)).status).toBe('booked');
    expect((await paymentsOf(appointmentId))[0]).toMatchObject({ status: 'succeeded', stripe_payment_intent_id: expect.stringMatching(/^pi_/) });
  });

  it('a refusal of the database reaches the app with its reason code: an expired hold is 409 hold_expired, and clients/js pay() says so', async () => {
    const appointmentId = await book();
    await admin`update public.appointments set hold_expires_at = now() - interval '1 second' where id = ${appointmentId}`;
    const response = await createPayment({ appointment_id: appointmentId, flow: 'payment_intent' });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ code: 'PT409', details: 'hold_expired', message: expect.any(String), hint: expect.any(String) });
    const supabase = createClient(server.url(''), apiKeys(jwtSecret).anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      global: { headers: { Authorization: `Bearer ${userToken(patients[0]!.userId)}` } },
      realtime: { transport: class NoSocket {} as never }, // Node 20 has no WebSocket; nothing here joins a channel
    });
    const failure = await createSlotbase(supabase as never).pay({ appointmentId, flow: 'payment_intent' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConflictError);
    expect(failure).toMatchObject({ code: 'PT409', reason: 'hold_expired', status: 409 });
    expect(fake.requests).toHaveLength(0);
    expect(await paymentsOf(appointmentId)).toHaveLength(0);
  });

  it('a payment that succeeds after its hold was released is refunded right away by the webhook', async () => {
    const appointmentId = await book();
    expect((await createPayment({ appointment_id: appointmentId, flow: 'payment_intent' })).status).toBe(200);
    const [payment] = await paymentsOf(appointmentId);
    // the hold runs out and the job releases it
    await admin`update public.appointments set hold_expires_at = now() - interval '1 second' where id = ${appointmentId}`;
    await admin`select private.expire_appointment_holds()`;
    expect((await appointment(appointmentId)).status).toBe('cancelled');

    const intent = fake.succeedPaymentIntent(payment!.stripe_payment_intent_id as string);
    const delivered = await deliver(stripeEvent('payment_intent.succeeded', intent));
    expect(delivered.status).toBe(200);
    expect(await delivered.json()).toMatchObject({ outcome: 'processed', refunds: { claimed: 1, succeeded: 1 } });
    const [refund] = await refundsOf(appointmentId);
    expect(refund).toMatchObject({ reason: 'slot_released', amount: 45.5, status: 'succeeded' });
    const [request] = fake.requestsTo('POST', '/v1/refunds');
    expect(request).toMatchObject({ idempotencyKey: `refund:${refund!.id}`, body: { payment_intent: intent.id, amount: '4550' } });
    expect((await appointment(appointmentId)).status).toBe('cancelled');
  });

  it('payment_intent.payment_failed releases the hold', async () => {
    const appointmentId = await book();
    await createPayment({ appointment_id: appointmentId, flow: 'payment_intent' });
    const [payment] = await paymentsOf(appointmentId);
    const intent = { ...fake.paymentIntents.get(payment!.stripe_payment_intent_id as string)!, status: 'requires_payment_method', last_payment_error: { code: 'card_declined', message: 'Your card was declined.' } };
    expect(await (await deliver(stripeEvent('payment_intent.payment_failed', intent))).json()).toMatchObject({ outcome: 'processed' });
    expect((await appointment(appointmentId)).status).toBe('cancelled');
    expect((await paymentsOf(appointmentId))[0]).toMatchObject({ status: 'failed' });
  });

  it("Connect: a clinic's connected account is sent as Stripe-Account, and its events are matched", async () => {
    await admin`insert into public.tenant_payment_settings (tenant_id, stripe_account_id) values (${tenantId}, 'acct_1SlotbaseTest')`;
    try {
      const appointmentId = await book();
      expect((await createPayment({ appointment_id: appointmentId, flow: 'payment_intent' })).status).toBe(200);
      expect(fake.requestsTo('POST', '/v1/payment_intents')[0]?.stripeAccount).toBe('acct_1SlotbaseTest');
      const [payment] = await paymentsOf(appointmentId);
      const intent = fake.succeedPaymentIntent(payment!.stripe_payment_intent_id as string);
      expect(await (await deliver(stripeEvent('payment_intent.succeeded', intent, { account: 'acct_1SlotbaseTest' }))).json()).toMatchObject({ outcome: 'processed' });
      expect((await appointment(appointmentId)).status).toBe('booked');
    } finally {
      await admin`delete from public.tenant_payment_settings where tenant_id = ${tenantId}`;
    }
  });

  it('cancel outside the window: a refund row, process-refunds sends it with its idempotency key, refund.updated completes it', async () => {
    const { appointmentId, intentId } = await bookAndPay();
    await cancelAsPatient(appointmentId);
    const [refund] = await refundsOf(appointmentId);
    expect(refund).toMatchObject({ status: 'requested', amount: 45.5, reason: 'cancellation' });

    fake.setRefundStatus('pending');
    const forbidden = await processRefunds(userToken(patients[0]!.userId));
    expect(forbidden.status).toBe(403);
    const response = await processRefunds();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ claimed: 1, submitted: 1, failed: 0, retried: 0 });
    expect(fake.requestsTo('POST', '/v1/refunds')).toHaveLength(1);
    const [request] = fake.requestsTo('POST', '/v1/refunds');
    expect(request?.idempotencyKey).toBe(`refund:${refund!.id}`);
    expect(request?.body).toMatchObject({ payment_intent: intentId, amount: '4550', metadata: { refund_id: refund!.id, tenant_id: tenantId } });
    const [submitted] = await refundsOf(appointmentId);
    expect(submitted).toMatchObject({ status: 'submitted', stripe_refund_id: expect.stringMatching(/^re_/) });

    const stripeRefund = fake.refunds.get(submitted!.stripe_refund_id as string)!;
    stripeRefund.status = 'succeeded';
    expect(await (await deliver(stripeEvent('refund.updated', stripeRefund))).json()).toMatchObject({ outcome: 'processed' });
    expect((await refundsOf(appointmentId))[0]).toMatchObject({ status: 'succeeded' });
    expect((await paymentsOf(appointmentId))[0]).toMatchObject({ amount_refunded: 45.5 });
    // nothing left to do for this refund
    await processRefunds();
    expect(fake.requestsTo('POST', '/v1/refunds')).toHaveLength(1);
  });

  it('Stripe answers 500: the refund is retried later with the same idempotency key and succeeds once', async () => {
    const { appointmentId } = await bookAndPay();
    await cancelAsPatient(appointmentId);
    fake.failNext(5, 'server_error', '/v1/refunds');
    const first = await processRefunds();
    expect(await first.json()).toMatchObject({ claimed: 1, succeeded: 0, retried: 1 });
    expect(fake.requestsTo('POST', '/v1/refunds')).toHaveLength(2); // the SDK's own retry, same key
    expect(new Set(fake.requestsTo('POST', '/v1/refunds').map((r) => r.idempotencyKey))).toEqual(new Set([`refund:${(await refundsOf(appointmentId))[0]!.id}`]));
    const [waiting] = await refundsOf(appointmentId);
    expect(waiting).toMatchObject({ status: 'requested', attempts: 1, last_error: expect.stringContaining('500') });
    // not due yet: nothing claimed
    expect(await (await processRefunds()).json()).toMatchObject({ claimed: 0 });
    fake.reset();
    await admin`update public.refunds set next_attempt_at = now() where id = ${waiting!.id as string}`;
    expect(await (await processRefunds()).json()).toMatchObject({ claimed: 1, succeeded: 1 });
    expect((await refundsOf(appointmentId))[0]).toMatchObject({ status: 'succeeded', attempts: 2 });
    const refundsAtStripe = [...fake.refunds.values()].filter((r) => (r.metadata as Row).refund_id === waiting!.id);
    expect(refundsAtStripe).toHaveLength(1);
  });

  it('concurrent process-refunds calls never send the same refund twice', async () => {
    const paid = [];
    for (let i = 0; i < 4; i++) paid.push(await bookAndPay());
    for (const { appointmentId } of paid) await cancelAsPatient(appointmentId);
    fake.reset();
    fake.setLatency(150); // keep the first claimers busy while the others claim
    const answers = await Promise.all(Array.from({ length: 4 }, () => processRefunds().then((r) => r.json() as Promise<Row>)));
    const claimed = answers.reduce((sum, a) => sum + Number(a.claimed), 0);
    expect(claimed).toBe(4);
    const ours = new Set<string>();
    for (const { appointmentId } of paid) for (const refund of await refundsOf(appointmentId)) ours.add(refund.id as string);
    expect(ours.size).toBe(4);
    const keys = fake.requestsTo('POST', '/v1/refunds').map((r) => r.idempotencyKey);
    expect(keys.sort()).toEqual([...ours].map((id) => `refund:${id}`).sort()); // each exactly once, not even replayed
    expect([...fake.refunds.values()].filter((r) => ours.has((r.metadata as Row).refund_id as string))).toHaveLength(4);
    for (const { appointmentId } of paid) expect((await refundsOf(appointmentId))[0]).toMatchObject({ status: 'succeeded' });
  });

  describe('a killed database connection (a restart, a pooler recycling it) fails no later request and crashes nothing', () => {
    const faults = databaseFaults(admin);
    const ignoredEvent = () => stripeEvent('customer.created', { id: `cus_${randomUUID().slice(0, 8)}`, object: 'customer' }, { id: `evt_${randomUUID().replaceAll('-', '')}` });

    it('between requests: the next request of each function is answered normally', async () => {
      for (let round = 0; round < 3; round++) {
        const appointmentId = await book();
        expect((await createPayment({ appointment_id: appointmentId, flow: 'payment_intent' })).status).toBe(200);
        expect((await deliver(ignoredEvent())).status).toBe(200);
        expect((await processRefunds()).status).toBe(200);
        for (const name of ['create-payment', 'stripe-webhook', 'process-refunds']) expect(await faults.terminateBackends(name)).toBeGreaterThan(0);

        const next = await book();
        expect((await createPayment({ appointment_id: next, flow: 'payment_intent' })).status).toBe(200);
        expect(await (await deliver(ignoredEvent())).json()).toMatchObject({ outcome: 'ignored' });
        expect((await processRefunds()).status).toBe(200);
      }
      for (const name of ['create-payment', 'stripe-webhook', 'process-refunds']) expect(crashesOf(server.output(), name)).toEqual([]);
    });

    it('mid-request: the statement that lost its connection runs again on a fresh one and the request succeeds', async () => {
      // create-payment: open_payment waits for the appointment row the test holds, and loses its connection
      const appointmentId = await book();
      let payment: Promise<Response> | undefined;
      await admin.begin(async (tx) => {
        await tx`select 1 from public.appointments where id = ${appointmentId} for update`;
        payment = createPayment({ appointment_id: appointmentId, flow: 'payment_intent' });
        await faults.terminateWhileWaiting('create-payment');
      });
      expect((await payment!).status).toBe(200);
      expect(await paymentsOf(appointmentId)).toHaveLength(1);

      // stripe-webhook: the event id insert waits for the test's uncommitted insert of the same id
      const event = ignoredEvent();
      let delivery: Promise<Response> | undefined;
      await admin.begin(async (tx) => {
        await tx`insert into private.stripe_events (id, type) values (${event.id as string}, 'customer.created')`;
        delivery = deliver(event);
        await faults.terminateWhileWaiting('stripe-webhook');
        throw new Error('roll back');
      }).catch((error: Error) => expect(error.message).toBe('roll back'));
      const delivered = await delivery!;
      expect(delivered.status).toBe(200);
      expect(await delivered.json()).toMatchObject({ outcome: 'ignored' });

      // process-refunds: recording the refund's result waits for the refund row while Stripe is slow
      const { appointmentId: paidId } = await bookAndPay();
      await cancelAsPatient(paidId);
      const [refund] = await refundsOf(paidId);
      fake.setLatency(1500);
      let run: Promise<Response> | undefined;
      await admin.begin(async (tx) => {
        run = processRefunds();
        for (let i = 0; i < 100 && (await refundsOf(paidId))[0]!.status !== 'processing'; i++) await new Promise((r) => setTimeout(r, 20));
        await tx`select 1 from public.refunds where id = ${refund!.id as string} for update`;
        await faults.terminateWhileWaiting('process-refunds');
      });
      fake.setLatency(0);
      const ran = await run!;
      expect(ran.status).toBe(200);
      expect(await ran.json()).toMatchObject({ succeeded: 1 });
      expect((await refundsOf(paidId))[0]).toMatchObject({ status: 'succeeded' });
      expect(fake.requestsTo('POST', '/v1/refunds').filter((r) => (r.body.metadata as Row).refund_id === refund!.id)).toHaveLength(1);

      for (const name of ['create-payment', 'stripe-webhook', 'process-refunds']) expect(crashesOf(server.output(), name)).toEqual([]);
    });
  });
});
