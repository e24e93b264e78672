// Razorpay's webhook, the app's Checkout confirmation and the patient's cancellation of the same
// held appointment, at the same moment on real parallel connections, many rounds: they queue in
// the lock order (the appointment, then the payment; docs/booking.md#lock-order), never deadlock
// or fail, and whichever order they run in, the money ends up exactly once on the right side: the
// payment succeeded once and one refund of all of it goes back (a cancellation refund if the
// capture came first, slot_released if the cancellation did).
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const url = process.env.SLOTBASE_TEST_DB_URL;

describe.skipIf(!url)('Razorpay events, Checkout confirmations and cancellations racing on one appointment', { timeout: 120_000 }, () => {
  const admin = postgres(url ?? '', { max: 8, onnotice: () => {} });
  const run = randomUUID().slice(0, 8);
  const tenantId = randomUUID();
  const centreId = randomUUID();
  const clinicianId = randomUUID();
  const serviceId = randomUUID();
  const userId = randomUUID();
  const patientId = randomUUID();

  beforeAll(async () => {
    await admin.begin(async (tx) => {
      await tx`insert into auth.users (instance_id, id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
               values ('00000000-0000-0000-0000-000000000000', ${userId}, 'authenticated', 'authenticated', ${`race-${run}@payments.test`}, now(), '{}', '{}', now(), now())`;
      await tx`insert into public.tenants (id, name, slug, timezone, currency, locale) values (${tenantId}, 'Race Clinic', ${`race-${run}`}, 'Asia/Kolkata', 'INR', 'en-IN')`;
      await tx`insert into public.tenant_payment_settings (tenant_id, provider) values (${tenantId}, 'razorpay')`;
      await tx`insert into public.centres (tenant_id, id, name, slug, timezone, is_active, is_published) values (${tenantId}, ${centreId}, 'Race Centre', 'race', 'Asia/Kolkata', true, true)`;
      await tx`insert into public.clinicians (tenant_id, id, display_name, is_public, is_active) values (${tenantId}, ${clinicianId}, 'Dr Race', true, true)`;
      await tx`insert into public.clinician_centres (tenant_id, clinician_id, centre_id) values (${tenantId}, ${clinicianId}, ${centreId})`;
      await tx`insert into public.services (tenant_id, id, name, duration_minutes, min_booking_notice, max_booking_horizon, slot_alignment_minutes, price, currency,
                                            payment_required, cancellation_window, is_public, is_active)
               values (${tenantId}, ${serviceId}, 'Race session', 30, '0', '60 days', 30, 1500.00, 'INR', true, '24 hours', true, true)`;
      await tx`insert into public.clinician_services (tenant_id, clinician_id, service_id) values (${tenantId}, ${clinicianId}, ${serviceId})`;
      await tx`insert into public.availability_rules (tenant_id, clinician_id, centre_id, timezone, local_start, local_end, rrule, valid_from)
               values (${tenantId}, ${clinicianId}, ${centreId}, 'Asia/Kolkata', '09:00', '17:00', 'FREQ=DAILY', current_date - 1)`;
      await tx`insert into public.patients (tenant_id, id, user_id, full_name) values (${tenantId}, ${patientId}, ${userId}, 'Racing Patient')`;
    });
  });

  afterAll(async () => {
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
      await tx`delete from public.centres where tenant_id = ${tenantId}`;
      await tx`delete from public.tenant_payment_settings where tenant_id = ${tenantId}`;
      await tx`delete from public.tenants where id = ${tenantId}`;
      await tx`delete from auth.users where id = ${userId}`;
    }).catch(() => {});
    await admin.end();
  });

  /** A held appointment `round` slots ahead, with a Razorpay payment whose Order exists. */
  async function heldAndOrdered(round: number): Promise<{ appointmentId: string; paymentId: string; orderId: string }> {
    const orderId = `order_Race${run}${round}`;
    return admin.begin(async (tx) => {
      const [slot] = await tx<{ at: Date }[]>`
        select (((now() at time zone 'Asia/Kolkata')::date + ${3 + Math.floor(round / 14)}::int) + (time '09:00' + ${(round % 14) * 30} * interval '1 minute')) at time zone 'Asia/Kolkata' as at`;
      await tx`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${JSON.stringify({ sub: userId, role: 'authenticated' })}, true)`;
      const [appointment] = await tx<{ id: string }[]>`
        select id from public.book_appointment(service_id => ${serviceId}, clinician_id => ${clinicianId}, centre_id => ${centreId}, starts_at => ${slot!.at})`;
      const [payment] = await tx<{ id: string }[]>`select id from public.open_payment(${appointment!.id}::uuid, 'payment_intent')`;
      await tx`select set_config('role', 'service_role', true), set_config('request.jwt.claims', '{"role": "service_role"}', true)`;
      await tx`select public.attach_razorpay_payment(${payment!.id}::uuid, ${orderId})`;
      return { appointmentId: appointment!.id, paymentId: payment!.id, orderId };
    });
  }

  const captured = (orderId: string, paymentId: string, round: number) => ({
    id: `pay_Race${run}${round}`, entity: 'payment', amount: 150000, currency: 'INR', status: 'captured', order_id: orderId, notes: { payment_id: paymentId },
  });

  it('twenty rounds: no deadlock, no error, the payment succeeds once and all of it goes back once', async () => {
    const outcomes = new Map<string, number>();
    for (let round = 0; round < 20; round++) {
      const { appointmentId, paymentId, orderId } = await heldAndOrdered(round);
      const entity = captured(orderId, paymentId, round);
      const asService = <T>(work: (tx: postgres.TransactionSql) => Promise<T>) =>
        admin.begin(async (tx) => {
          await tx`select set_config('role', 'service_role', true), set_config('request.jwt.claims', '{"role": "service_role"}', true)`;
          return work(tx);
        });
      const results = await Promise.allSettled([
        asService((tx) => tx`select public.handle_razorpay_event(${`race-${run}-${round}`}, ${tx.json({ entity: 'event', event: 'payment.captured', payload: { payment: { entity } } })}::jsonb)`),
        asService((tx) => tx`select public.confirm_razorpay_payment(${paymentId}::uuid, ${tx.json(entity)}::jsonb)`),
        admin.begin(async (tx) => {
          await tx`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${JSON.stringify({ sub: userId, role: 'authenticated' })}, true)`;
          await tx`select public.cancel_appointment(${appointmentId}::uuid, 'changed my mind')`;
        }),
      ]);
      expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
      const [state] = await admin<{ appointment: string; payment: string; refunds: string[]; refunded: string }[]>`
        select a.status::text as appointment, p.status::text as payment,
               array(select r.reason || ' ' || r.amount::text from public.refunds as r where r.payment_id = p.id order by r.created_at) as refunds,
               coalesce((select sum(r.amount) from public.refunds as r where r.payment_id = p.id), 0)::text as refunded
        from public.appointments as a join public.payments as p on p.appointment_id = a.id where a.id = ${appointmentId}`;
      expect(state).toMatchObject({ appointment: 'cancelled', payment: 'succeeded', refunded: '1500.000' });
      expect(state!.refunds).toHaveLength(1);
      const kind = state!.refunds[0]!.split(' ')[0]!;
      outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
    }
    // both interleavings are valid; which ones occurred is up to the scheduler
    expect([...outcomes.keys()].every((kind) => kind === 'cancellation' || kind === 'slot_released')).toBe(true);
  });
});
