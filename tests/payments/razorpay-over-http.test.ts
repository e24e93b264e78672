// A clinic that takes payments with Razorpay, end to end over HTTP: the payment functions
// (create-payment, verify-razorpay-payment, razorpay-webhook, process-refunds) under real Deno,
// served by the real functions server (tests/functions-server/server.ts), against the throwaway
// database of `npm test` (SLOTBASE_TEST_DB_URL), with Razorpay replaced by the fake in
// tests/fakes/razorpay.ts (RAZORPAY_API_BASE). Webhooks are signed as Razorpay signs them, Checkout
// results as Razorpay Checkout returns them. The clinic (Asia/Kolkata, INR) sends its money to a
// Route linked account. Every test books its own appointment (pending, held for payment).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '@supabase/supabase-js';
import { createSlotbase, ValidationError } from '../../clients/js/index.ts';
import { apiKeys, signHs256 } from '../../local/stack/keys.ts';
import { type FakeRazorpay, newRazorpayEventId, type RazorpayEntity, razorpayEvent, signRazorpayWebhook, startFakeRazorpay } from '../fakes/razorpay.ts';
import { type FunctionsServer, startProjectFunctions } from '../functions-server/server.ts';

const url = process.env.SLOTBASE_TEST_DB_URL;
const jwtSecret = 'super-secret-jwt-token-with-at-least-32-characters-long';
const webhookSecret = 'razorpay_webhook_secret_over_http';
const linkedAccount = 'acc_PuneClinicTest1';
const { serviceRoleKey, anonKey } = apiKeys(jwtSecret);

type Row = Record<string, unknown>;

describe.skipIf(!url)('Razorpay payments over HTTP (real Deno functions, fake Razorpay, real database)', { timeout: 90_000 }, () => {
  const admin = postgres(url ?? '', { max: 4, onnotice: () => {} });
  const run = randomUUID().slice(0, 8);
  const tenantId = randomUUID();
  const centreId = randomUUID();
  const clinicianId = randomUUID();
  const serviceId = randomUUID();
  const staff = { userId: randomUUID(), memberId: randomUUID() };
  const patients = [0, 1].map(() => ({ userId: randomUUID(), patientId: randomUUID() }));
  let fake: FakeRazorpay;
  let server: FunctionsServer;
  let tempDir: string;
  let slotIndex = 0;

  function tokenOf(userId: string): string {
    return signHs256({ iss: server.url('/auth/v1'), sub: userId, role: 'authenticated', aud: 'authenticated', exp: Math.floor(Date.now() / 1000) + 3600 }, jwtSecret);
  }

  /** A free 30-minute slot (local Asia/Kolkata, 09:00-17:00) three or more days ahead, different for every call. */
  async function nextSlot(): Promise<Date> {
    const index = slotIndex++;
    const day = 3 + Math.floor(index / 16);
    const local = `${String(9 + Math.floor((index % 16) / 2)).padStart(2, '0')}:${index % 2 === 0 ? '00' : '30'}`;
    const [row] = await admin<{ at: Date }[]>`
      select (((now() at time zone 'Asia/Kolkata')::date + ${day}::int) + ${local}::time) at time zone 'Asia/Kolkata' as at`;
    return row!.at;
  }

  /** Books a pending (held) appointment: as the patient, or (patientIndex with staff) by the front desk for the patient. */
  async function book({ patient = 0, byStaff = false } = {}): Promise<string> {
    const startsAt = await nextSlot();
    return admin.begin(async (tx) => {
      const sub = byStaff ? staff.userId : patients[patient]!.userId;
      await tx`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${JSON.stringify({ sub, role: 'authenticated' })}, true)`;
      const [row] = await tx<{ id: string; status: string }[]>`
        select id, status::text from public.book_appointment(service_id => ${serviceId}, clinician_id => ${clinicianId}, centre_id => ${centreId},
                                                             starts_at => ${startsAt}, patient_id => ${byStaff ? patients[patient]!.patientId : null})`;
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

  function call(fn: string, body: unknown, token: string): Promise<Response> {
    return fetch(server.url(`/functions/v1/${fn}`), {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }
  const createPayment = (body: unknown, token = tokenOf(patients[0]!.userId)) => call('create-payment', body, token);
  const verifyPayment = (body: unknown, token = tokenOf(patients[0]!.userId)) => call('verify-razorpay-payment', body, token);

  function deliver(event: Row, options: { eventId?: string | null; signature?: string | null; body?: string } = {}): Promise<Response> {
    const payload = JSON.stringify(event);
    const signature = options.signature === undefined ? signRazorpayWebhook(payload, webhookSecret) : options.signature;
    const eventId = options.eventId === undefined ? newRazorpayEventId() : options.eventId;
    return fetch(server.url('/functions/v1/razorpay-webhook'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(signature ? { 'X-Razorpay-Signature': signature } : {}), ...(eventId ? { 'x-razorpay-event-id': eventId } : {}) },
      body: options.body ?? payload,
    });
  }

  function processRefunds(token = serviceRoleKey): Promise<Response> {
    return fetch(server.url('/functions/v1/process-refunds'), { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  }

  async function appointment(id: string): Promise<Row> {
    const [row] = await admin<Row[]>`select status::text, cancellation_reason from public.appointments where id = ${id}`;
    return row!;
  }

  async function paymentsOf(appointmentId: string): Promise<Row[]> {
    return admin<Row[]>`select id, provider::text, flow::text, status::text, amount_minor::int, razorpay_account_id, razorpay_order_id, razorpay_payment_id,
                               razorpay_payment_link_id, checkout_url, failure_message, amount_refunded::float8 as amount_refunded
                        from public.payments where appointment_id = ${appointmentId} order by attempt`;
  }

  async function refundsOf(appointmentId: string): Promise<Row[]> {
    return admin<Row[]>`select id, provider::text, status::text, amount::float8 as amount, reason::text, razorpay_refund_id, attempts, last_error
                        from public.refunds where appointment_id = ${appointmentId} order by created_at`;
  }

  /** Book, open Razorpay Checkout (create-payment), pay it at the fake and confirm the result (verify-razorpay-payment). */
  async function bookAndPay(): Promise<{ appointmentId: string; paymentId: string; razorpayPaymentId: string }> {
    const appointmentId = await book();
    const started = (await (await createPayment({ appointment_id: appointmentId, flow: 'payment_intent' })).json()) as { payment_id: string; razorpay: { order_id: string } };
    const { checkout } = fake.payOrder(started.razorpay.order_id, { notes: { payment_id: started.payment_id } });
    const verified = await verifyPayment({ payment_id: started.payment_id, ...checkout });
    expect(verified.status).toBe(200);
    expect((await appointment(appointmentId)).status).toBe('booked');
    return { appointmentId, paymentId: started.payment_id, razorpayPaymentId: checkout.razorpay_payment_id };
  }

  beforeAll(async () => {
    fake = await startFakeRazorpay();
    fake.linkedAccounts.add(linkedAccount);
    tempDir = mkdtempSync(join(tmpdir(), 'slotbase-razorpay-'));
    // Secrets reach functions through the env file (the server passes only SUPABASE_* of its own env).
    writeFileSync(join(tempDir, '.env'), [
      `RAZORPAY_KEY_ID=${fake.keyId}`, `RAZORPAY_KEY_SECRET=${fake.keySecret}`, `RAZORPAY_WEBHOOK_SECRET=${webhookSecret}`, `RAZORPAY_API_BASE=${fake.url}`,
    ].join('\n') + '\n');

    await admin.begin(async (tx) => {
      for (const [i, id] of [staff.userId, ...patients.map((p) => p.userId)].entries()) {
        await tx`insert into auth.users (instance_id, id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
                 values ('00000000-0000-0000-0000-000000000000', ${id}, 'authenticated', 'authenticated',
                         ${`rzp-${i}-${run}@payments.test`}, now(), '{}', '{}', now(), now())`;
      }
      await tx`insert into public.tenants (id, name, slug, timezone, currency, locale)
               values (${tenantId}, 'Pune Wellness', ${`pune-wellness-${run}`}, 'Asia/Kolkata', 'INR', 'en-IN')`;
      await tx`insert into public.tenant_payment_settings (tenant_id, provider, razorpay_account_id) values (${tenantId}, 'razorpay', ${linkedAccount})`;
      await tx`insert into public.centres (tenant_id, id, name, slug, timezone, is_active, is_published)
               values (${tenantId}, ${centreId}, 'Kothrud', 'kothrud', 'Asia/Kolkata', true, true)`;
      await tx`insert into public.members (tenant_id, id, user_id, display_name) values (${tenantId}, ${staff.memberId}, ${staff.userId}, 'Front Desk')`;
      await tx`insert into public.member_roles (tenant_id, member_id, role) values (${tenantId}, ${staff.memberId}, 'front_desk')`;
      await tx`insert into public.clinicians (tenant_id, id, display_name, is_public, is_active)
               values (${tenantId}, ${clinicianId}, 'Dr Rao', true, true)`;
      await tx`insert into public.clinician_centres (tenant_id, clinician_id, centre_id) values (${tenantId}, ${clinicianId}, ${centreId})`;
      await tx`insert into public.services (tenant_id, id, name, duration_minutes, min_booking_notice, max_booking_horizon,
                                            slot_alignment_minutes, price, currency, payment_required, cancellation_window, is_public, is_active)
               values (${tenantId}, ${serviceId}, 'Counselling session', 30, '0', '30 days', 30, 1500.00, 'INR', true, '24 hours', true, true)`;
      await tx`insert into public.clinician_services (tenant_id, clinician_id, service_id) values (${tenantId}, ${clinicianId}, ${serviceId})`;
      await tx`insert into public.availability_rules (tenant_id, clinician_id, centre_id, timezone, local_start, local_end, rrule, valid_from)
               values (${tenantId}, ${clinicianId}, ${centreId}, 'Asia/Kolkata', '09:00', '17:00', 'FREQ=DAILY', current_date - 1)`;
      for (const [i, p] of patients.entries()) {
        await tx`insert into public.patients (tenant_id, id, user_id, full_name, phone, email)
                 values (${tenantId}, ${p.patientId}, ${p.userId}, ${`Rugved ${i}`}, ${`+91900009100${i}`}, ${`rzp-patient-${i}-${run}@payments.test`})`;
      }
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
      await tx`delete from public.notifications where tenant_id = ${tenantId}`;
      await tx`delete from public.refunds where tenant_id = ${tenantId}`;
      await tx`delete from public.payments where tenant_id = ${tenantId}`;
      await tx`delete from public.appointments where tenant_id = ${tenantId}`;
      await tx`delete from public.availability_rules where tenant_id = ${tenantId}`;
      await tx`delete from public.clinician_services where tenant_id = ${tenantId}`;
      await tx`delete from public.services where tenant_id = ${tenantId}`;
      await tx`delete from public.patients where tenant_id = ${tenantId}`;
      await tx`delete from public.clinician_centres where tenant_id = ${tenantId}`;
      await tx`delete from public.clinicians where tenant_id = ${tenantId}`;
      await tx`delete from public.member_roles where tenant_id = ${tenantId}`;
      await tx`delete from public.members where tenant_id = ${tenantId}`;
      await tx`delete from public.centres where tenant_id = ${tenantId}`;
      await tx`delete from public.tenant_payment_settings where tenant_id = ${tenantId}`;
      await tx`delete from public.tenants where id = ${tenantId}`;
      await tx`delete from auth.users where id in ${tx([staff.userId, ...patients.map((p) => p.userId)])}`;
    }).catch(() => {});
    await admin.end();
  });

  beforeEach(() => fake.reset());

  it('booked and paid: an Order with the amount from the database and the Route transfer, Checkout options through clients/js pay(), the verified Checkout result books the hold', async () => {
    const appointmentId = await book();
    const supabase = createClient(server.url(''), anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      global: { headers: { Authorization: `Bearer ${tokenOf(patients[0]!.userId)}` } },
      realtime: { transport: class NoSocket {} as never }, // Node 20 has no WebSocket; nothing here joins a channel
    });
    const slotbase = createSlotbase(supabase as never);
    const started = await slotbase.pay({ appointmentId, flow: 'payment_intent' });
    expect(started).toMatchObject({ provider: 'razorpay', flow: 'payment_intent', amount: 1500, amount_minor: 150000, currency: 'INR' });
    expect(started.client_secret).toBeUndefined();
    expect(started.razorpay).toMatchObject({
      key_id: fake.keyId, order_id: expect.stringMatching(/^order_/), amount: 150000, currency: 'INR', name: 'Pune Wellness',
      prefill: { name: 'Rugved 0', email: `rzp-patient-0-${run}@payments.test`, contact: '+919000091000' },
      notes: { tenant_id: tenantId, appointment_id: appointmentId, payment_id: started.payment_id },
    });
    expect(started.razorpay!.timeout).toBeGreaterThan(0);
    const [order] = fake.requestsTo('POST', '/v1/orders');
    expect(order?.json).toEqual({
      amount: 150000, currency: 'INR', receipt: started.payment_id, notes: { tenant_id: tenantId, appointment_id: appointmentId, payment_id: started.payment_id },
      transfers: [{ account: linkedAccount, amount: 150000, currency: 'INR', notes: { tenant_id: tenantId, appointment_id: appointmentId, payment_id: started.payment_id }, on_hold: false }],
    });
    expect(await paymentsOf(appointmentId)).toMatchObject([{ id: started.payment_id, provider: 'razorpay', status: 'requires_payment', razorpay_order_id: started.razorpay!.order_id, razorpay_account_id: linkedAccount }]);

    // asking again reuses the payment and the Order: nothing new at Razorpay
    const again = await slotbase.pay({ appointmentId, flow: 'payment_intent' });
    expect(again.razorpay!.order_id).toBe(started.razorpay!.order_id);
    expect(fake.requestsTo('POST', '/v1/orders')).toHaveLength(1);

    const { checkout } = fake.payOrder(started.razorpay!.order_id, { notes: started.razorpay!.notes });
    const confirmed = await slotbase.confirmRazorpayPayment({ paymentId: started.payment_id, ...checkout });
    expect(confirmed).toEqual({ payment_id: started.payment_id, outcome: 'processed', payment_status: 'succeeded', appointment_status: 'booked' });
    expect(fake.requestsTo('GET', `/v1/payments/${checkout.razorpay_payment_id}`)).toHaveLength(1);
    expect((await paymentsOf(appointmentId))[0]).toMatchObject({ status: 'succeeded', razorpay_payment_id: checkout.razorpay_payment_id });

    // Razorpay's webhooks arrive afterwards: processed, and nothing changes any more
    const payment = fake.payments.get(checkout.razorpay_payment_id)!;
    const captured = await deliver(razorpayEvent('payment.captured', { payment }));
    expect(captured.status).toBe(200);
    expect(await captured.json()).toMatchObject({ received: true, event: 'payment.captured', outcome: 'processed' });
    expect((await paymentsOf(appointmentId))[0]).toMatchObject({ status: 'succeeded' });
  });

  it('the webhooks alone book it too, in any order: authorised, then order.paid; an event delivered twice changes the state once', async () => {
    const appointmentId = await book();
    const started = (await (await createPayment({ appointment_id: appointmentId, flow: 'payment_intent' })).json()) as { payment_id: string; razorpay: { order_id: string } };
    const { payment, order } = fake.payOrder(started.razorpay.order_id, { status: 'authorized' });
    expect(await (await deliver(razorpayEvent('payment.authorized', { payment: { ...payment } }))).json()).toMatchObject({ outcome: 'processed' });
    expect((await paymentsOf(appointmentId))[0]).toMatchObject({ status: 'processing' });
    fake.capture(payment.id);
    const eventId = newRazorpayEventId();
    const paid = razorpayEvent('order.paid', { order, payment });
    expect(await (await deliver(paid, { eventId })).json()).toMatchObject({ outcome: 'processed' });
    expect((await appointment(appointmentId)).status).toBe('booked');
    const history = async () => (await admin<{ n: number }[]>`select count(*)::int as n from public.appointment_status_history where appointment_id = ${appointmentId}`)[0]!.n;
    const before = { history: await history(), payment: (await paymentsOf(appointmentId))[0] };
    const second = await deliver(paid, { eventId });
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ outcome: 'duplicate' });
    expect(await history()).toBe(before.history);
    expect((await paymentsOf(appointmentId))[0]).toEqual(before.payment);
    // an authorisation delivered late changes nothing either
    expect(await (await deliver(razorpayEvent('payment.authorized', { payment: { ...payment, status: 'authorized' } }))).json()).toMatchObject({ outcome: 'processed' });
    expect((await paymentsOf(appointmentId))[0]).toMatchObject({ status: 'succeeded' });
  });

  it('failed: a declined attempt is noted and the hold kept; a retry on the same order is paid and books it', async () => {
    const appointmentId = await book();
    const started = (await (await createPayment({ appointment_id: appointmentId, flow: 'payment_intent' })).json()) as { payment_id: string; razorpay: { order_id: string } };
    const failedAttempt = fake.payOrder(started.razorpay.order_id, { status: 'failed' });
    expect(await (await deliver(razorpayEvent('payment.failed', { payment: failedAttempt.payment }))).json()).toMatchObject({ outcome: 'processed' });
    expect(await appointment(appointmentId)).toMatchObject({ status: 'pending' });
    expect((await paymentsOf(appointmentId))[0]).toMatchObject({ status: 'requires_payment', failure_message: 'Payment failed because the UPI app declined it (payment_declined).' });
    // a failed attempt's Checkout result does not confirm anything
    const notConfirmed = await verifyPayment({ payment_id: started.payment_id, ...failedAttempt.checkout });
    expect(await notConfirmed.json()).toMatchObject({ payment_status: 'requires_payment', appointment_status: 'pending' });

    const retry = fake.payOrder(started.razorpay.order_id);
    expect((await verifyPayment({ payment_id: started.payment_id, ...retry.checkout })).status).toBe(200);
    expect((await appointment(appointmentId)).status).toBe('booked');
    expect(fake.requestsTo('POST', '/v1/orders')).toHaveLength(1);
  });

  it('expired: the hold runs out and the payment expires; money that still arrives is refunded right away through Razorpay, reversing the Route transfer', async () => {
    const appointmentId = await book();
    const started = (await (await createPayment({ appointment_id: appointmentId, flow: 'payment_intent' })).json()) as { payment_id: string; razorpay: { order_id: string } };
    await admin`update public.appointments set hold_expires_at = now() - interval '1 second' where id = ${appointmentId}`;
    await admin`select private.expire_appointment_holds()`;
    expect(await appointment(appointmentId)).toMatchObject({ status: 'cancelled' });
    expect((await paymentsOf(appointmentId))[0]).toMatchObject({ status: 'expired' });

    const late = fake.payOrder(started.razorpay.order_id);
    const delivered = await deliver(razorpayEvent('payment.captured', { payment: late.payment }));
    expect(await delivered.json()).toMatchObject({ outcome: 'processed', refunds: { claimed: 1, succeeded: 1 } });
    const [refund] = await refundsOf(appointmentId);
    expect(refund).toMatchObject({ provider: 'razorpay', reason: 'slot_released', amount: 1500, status: 'succeeded', razorpay_refund_id: expect.stringMatching(/^rfnd_/) });
    const [request] = fake.requestsTo('POST', `/v1/payments/${late.payment.id}/refund`);
    expect(request?.headers['x-refund-idempotency']).toBe(`refund_${refund!.id}`);
    expect(request?.json).toMatchObject({ amount: 150000, speed: 'normal', reverse_all: true, notes: { refund_id: refund!.id, tenant_id: tenantId } });
    expect((await appointment(appointmentId)).status).toBe('cancelled');
  });

  it('cancel and refund: the cancellation refund goes through process-refunds with its idempotency key; refund.processed completes it', async () => {
    const { appointmentId, razorpayPaymentId } = await bookAndPay();
    await cancelAsPatient(appointmentId);
    const [refund] = await refundsOf(appointmentId);
    expect(refund).toMatchObject({ provider: 'razorpay', status: 'requested', amount: 1500, reason: 'cancellation' });

    fake.setRefundStatus('pending');
    expect((await processRefunds(tokenOf(patients[0]!.userId))).status).toBe(403);
    const response = await processRefunds();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ claimed: 1, submitted: 1, failed: 0, retried: 0 });
    const requests = fake.requestsTo('POST', `/v1/payments/${razorpayPaymentId}/refund`);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.headers['x-refund-idempotency']).toBe(`refund_${refund!.id}`);
    expect(requests[0]?.json).toMatchObject({ amount: 150000, reverse_all: true, receipt: refund!.id });
    const [submitted] = await refundsOf(appointmentId);
    expect(submitted).toMatchObject({ status: 'submitted', razorpay_refund_id: expect.stringMatching(/^rfnd_/) });

    const razorpayRefund: RazorpayEntity = { ...fake.refunds.get(submitted!.razorpay_refund_id as string)!, status: 'processed' };
    expect(await (await deliver(razorpayEvent('refund.processed', { refund: razorpayRefund, payment: fake.payments.get(razorpayPaymentId)! }))).json()).toMatchObject({ outcome: 'processed' });
    expect((await refundsOf(appointmentId))[0]).toMatchObject({ status: 'succeeded' });
    expect((await paymentsOf(appointmentId))[0]).toMatchObject({ amount_refunded: 1500 });
    await processRefunds();
    expect(fake.requestsTo('POST', `/v1/payments/${razorpayPaymentId}/refund`)).toHaveLength(1);
  });

  it('Razorpay answers 500: the refund is retried later with the same key and made once', async () => {
    const { appointmentId, razorpayPaymentId } = await bookAndPay();
    await cancelAsPatient(appointmentId);
    fake.failNextWith('server_error', 1, '/v1/payments');
    expect(await (await processRefunds()).json()).toMatchObject({ claimed: 1, succeeded: 0, retried: 1 });
    const [waiting] = await refundsOf(appointmentId);
    expect(waiting).toMatchObject({ status: 'requested', attempts: 1, last_error: expect.stringContaining('SERVER_ERROR') });
    expect(await (await processRefunds()).json()).toMatchObject({ claimed: 0 });
    await admin`update public.refunds set next_attempt_at = now() where id = ${waiting!.id as string}`;
    expect(await (await processRefunds()).json()).toMatchObject({ claimed: 1, succeeded: 1 });
    const attempts = fake.requestsTo('POST', `/v1/payments/${razorpayPaymentId}/refund`);
    expect(new Set(attempts.map((r) => r.headers['x-refund-idempotency']))).toEqual(new Set([`refund_${waiting!.id}`]));
    expect([...fake.refunds.values()].filter((r) => r.payment_id === razorpayPaymentId)).toHaveLength(1);
  });

  it('forged webhooks are 400 and change nothing: no, wrong or stale-secret signatures, a changed body, no event id', async () => {
    const appointmentId = await book();
    const started = (await (await createPayment({ appointment_id: appointmentId, flow: 'payment_intent' })).json()) as { razorpay: { order_id: string } };
    const { payment } = fake.payOrder(started.razorpay.order_id);
    const event = razorpayEvent('payment.captured', { payment });
    const payload = JSON.stringify(event);
    const answers = [
      await deliver(event, { signature: null }),
      await deliver(event, { signature: signRazorpayWebhook(payload, 'not-the-webhook-secret') }),
      await deliver(event, { signature: signRazorpayWebhook(payload, fake.keySecret) }),
      await deliver(event, { body: payload.replace('"amount":150000', '"amount":100') }),
      await deliver(event, { eventId: null }),
    ];
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400, 400]);
    expect(await Promise.all(answers.map(async (a) => ((await a.json()) as Row).code))).toEqual(['invalid_signature', 'invalid_signature', 'invalid_signature', 'invalid_signature', 'invalid_event']);
    expect(await appointment(appointmentId)).toMatchObject({ status: 'pending' });
    expect((await paymentsOf(appointmentId))[0]).toMatchObject({ status: 'requires_payment', razorpay_payment_id: null });
  });

  it('a forged Checkout signature is 400 invalid_signature (clients/js: ValidationError): Razorpay is not asked and nothing changes; another patient\'s payment is 404', async () => {
    const appointmentId = await book();
    const started = (await (await createPayment({ appointment_id: appointmentId, flow: 'payment_intent' })).json()) as { payment_id: string; razorpay: { order_id: string } };
    const { checkout } = fake.payOrder(started.razorpay.order_id, { status: 'authorized' });
    const forged = { ...checkout, razorpay_signature: signRazorpayWebhook(`${checkout.razorpay_order_id}|${checkout.razorpay_payment_id}`, 'guessed-secret') };
    const supabase = createClient(server.url(''), anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      global: { headers: { Authorization: `Bearer ${tokenOf(patients[0]!.userId)}` } },
      realtime: { transport: class NoSocket {} as never },
    });
    const failure = await createSlotbase(supabase as never).confirmRazorpayPayment({ paymentId: started.payment_id, ...forged }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationError);
    expect(failure).toMatchObject({ code: 'invalid_signature', status: 400 });
    expect(fake.requestsTo('GET', '/v1/payments')).toHaveLength(0);
    expect((await paymentsOf(appointmentId))[0]).toMatchObject({ status: 'requires_payment' });
    expect(await appointment(appointmentId)).toMatchObject({ status: 'pending' });
    const stranger = await verifyPayment({ payment_id: started.payment_id, ...checkout }, tokenOf(patients[1]!.userId));
    expect(stranger.status).toBe(404);
  });

  it('a staff-booked hold gets a Payment Link, sent by the outbox as the payment_link message; paying it books the hold; an expired link releases another', async () => {
    const appointmentId = await book({ byStaff: true });
    const response = await createPayment({ appointment_id: appointmentId, flow: 'checkout', success_url: 'https://clinic.example/paid', cancel_url: 'https://clinic.example/no' }, tokenOf(staff.userId));
    expect(response.status).toBe(200);
    const started = (await response.json()) as { payment_id: string; provider: string; checkout_url: string };
    expect(started).toMatchObject({ provider: 'razorpay', checkout_url: expect.stringMatching(/^https:\/\/rzp\.io\//) });
    const [request] = fake.requestsTo('POST', '/v1/payment_links');
    expect(request?.json).toMatchObject({
      amount: 150000, currency: 'INR', accept_partial: false, reference_id: started.payment_id, notify: { sms: false, email: false },
      callback_url: 'https://clinic.example/paid', callback_method: 'get', customer: { name: 'Rugved 0', contact: '+919000091000' },
      options: { order: { transfers: [{ account: linkedAccount, amount: 150000, currency: 'INR' }] } },
    });
    expect(Number(request?.json?.expire_by) * 1000).toBeGreaterThanOrEqual(Date.now() + 14 * 60_000);
    const [message] = await admin<Row[]>`select kind::text, status::text, payload ->> 'payment_url' as url from public.notifications
                                         where appointment_id = ${appointmentId} and kind = 'payment_link'`;
    expect(message).toMatchObject({ kind: 'payment_link', status: 'queued', url: started.checkout_url });

    const linkId = (await paymentsOf(appointmentId))[0]!.razorpay_payment_link_id as string;
    const paid = fake.payLink(linkId);
    expect(await (await deliver(razorpayEvent('payment_link.paid', { payment_link: paid.paymentLink, order: paid.order, payment: paid.payment }))).json()).toMatchObject({ outcome: 'processed' });
    expect((await appointment(appointmentId)).status).toBe('booked');
    expect((await paymentsOf(appointmentId))[0]).toMatchObject({ status: 'succeeded', razorpay_order_id: paid.order.id, razorpay_payment_id: paid.payment.id });

    const other = await book({ byStaff: true, patient: 1 });
    await createPayment({ appointment_id: other, flow: 'checkout', success_url: 'https://clinic.example/paid', cancel_url: 'https://clinic.example/no' }, tokenOf(staff.userId));
    const otherLink = fake.expireLink((await paymentsOf(other))[0]!.razorpay_payment_link_id as string);
    expect(await (await deliver(razorpayEvent('payment_link.expired', { payment_link: otherLink }))).json()).toMatchObject({ outcome: 'processed' });
    expect(await appointment(other)).toMatchObject({ status: 'cancelled', cancellation_reason: 'payment_expired' });
  });
});
