// The messaging Edge Functions under real Deno, through the real functions server, against the
// test database (SLOTBASE_TEST_DB_URL) and local fakes of Twilio and Resend (tests/fakes):
// booking → outbox → dispatch-notifications → provider → signed webhooks → delivery status.
//
// The dispatcher claims every due notification in the database, not only this file's; so every
// assertion is about this file's own patients (random phone numbers and addresses), failures are
// injected per recipient, and nothing here counts totals.
import { randomInt, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys } from '../../local/stack/keys.ts';
import { crashesOf, databaseFaults } from '../fakes/database-faults.ts';
import { type FakeResend, newResendWebhookSecret, resendEvent, signResendEvent, startFakeResend } from '../fakes/resend.ts';
import { type FakeTwilio, inboundMessageParams, signTwilioRequest, startFakeTwilio, statusCallbackParams } from '../fakes/twilio.ts';
import { eventually, freePort, type FunctionsServer, holdDispatcherLock, repoRoot, startProjectFunctions } from '../functions-server/server.ts';

const url = process.env.SLOTBASE_TEST_DB_URL;
const localJwtSecret = 'super-secret-jwt-token-with-at-least-32-characters-long';
const { anonKey, serviceRoleKey } = apiKeys(localJwtSecret);
const noEnvFile = join(repoRoot, 'tests', 'fixtures', 'functions', 'no-such.env');

/** The project's own config.toml: it must declare these functions' verify_jwt as the tests expect. */
const projectConfig = join(repoRoot, 'supabase', 'config.toml');

interface NotificationRow {
  id: string;
  kind: string;
  channel: string | null;
  recipient: string | null;
  status: string;
  attempts: number;
  provider: string | null;
  provider_message_id: string | null;
  body: string | null;
  subject: string | null;
  last_error: string | null;
  next_attempt_at: Date | null;
  delivered_at: Date | null;
  dedupe_key: string;
}

describe.skipIf(!url)('messaging functions over HTTP (real Deno, test database, fake providers)', () => {
  const admin = postgres(url ?? '', { max: 3, onnotice: () => {} });
  const run = randomUUID().slice(0, 8);
  const tenantId = randomUUID();
  const centreId = randomUUID();
  const clinicianId = randomUUID();
  const serviceId = randomUUID();
  const webhookSecret = newResendWebhookSecret();
  const whatsappTemplate = `HX${randomUUID().replaceAll('-', '')}`;
  const phone = () => `+4477009${String(randomInt(0, 100_000)).padStart(5, '0')}`;
  const lucia = { id: randomUUID(), phone: phone(), email: null as string | null };
  const ana = { id: randomUUID(), phone: null as string | null, email: `ana-${run}@example.test` };
  let twilio: FakeTwilio;
  let resend: FakeResend;
  let server: FunctionsServer;
  let tempDir: string;
  let releaseDispatcher: (() => Promise<void>) | undefined;
  let slotIndex = 0;

  const fn = (name: string) => server.url(`/functions/v1/${name}`);
  const dispatch = (key = serviceRoleKey, target = server) =>
    fetch(target.url('/functions/v1/dispatch-notifications'), { method: 'POST', headers: { Authorization: `Bearer ${key}` } });

  /** A bookable time: 10:00 + 30 min per call until 19:30, London, from the day after tomorrow (so 24 h and 2 h reminders are ahead). */
  async function nextSlot(): Promise<Date> {
    const index = slotIndex++;
    const minutes = 10 * 60 + 30 * (index % 20);
    const day = 2 + Math.floor(index / 20);
    const [row] = await admin<{ at: Date }[]>`
      select (((now() at time zone 'Europe/London')::date + ${day}::int) + make_interval(mins => ${minutes})) at time zone 'Europe/London' as at`;
    return row!.at;
  }

  /** Books as the server (service_role), like PostgREST with the service key would. */
  async function book(patientId: string): Promise<string> {
    const startsAt = await nextSlot();
    return admin.begin(async (tx) => {
      await tx`select set_config('role', 'service_role', true), set_config('request.jwt.claims', '{"role":"service_role"}', true)`;
      const [row] = await tx<{ id: string }[]>`
        select id from public.book_appointment(service_id => ${serviceId}, clinician_id => ${clinicianId}, centre_id => ${centreId},
                                               starts_at => ${startsAt}, patient_id => ${patientId})`;
      return row!.id;
    });
  }

  async function notificationsOf(appointmentId: string): Promise<NotificationRow[]> {
    return admin<NotificationRow[]>`
      select id, kind::text, channel::text, recipient, status::text, attempts, provider, provider_message_id, body, subject,
             last_error, next_attempt_at, delivered_at, dedupe_key
      from public.notifications where tenant_id = ${tenantId} and appointment_id = ${appointmentId} order by kind, send_after`;
  }

  async function notification(id: string): Promise<NotificationRow> {
    const [row] = await admin<NotificationRow[]>`
      select id, kind::text, channel::text, recipient, status::text, attempts, provider, provider_message_id, body, subject,
             last_error, next_attempt_at, delivered_at, dedupe_key
      from public.notifications where id = ${id}`;
    return row!;
  }

  /** Time travel for one message: due now (as if its send time and any backoff had passed). */
  async function makeDue(id: string): Promise<void> {
    await admin`update public.notifications set send_after = now() - interval '1 second',
                  next_attempt_at = case when next_attempt_at is null then null else now() - interval '1 second' end
                where id = ${id}`;
  }

  /** The booking confirmation of a fresh appointment (due at once), and its reminders (queued, not due). */
  async function freshBooking(patientId: string) {
    const appointmentId = await book(patientId);
    const rows = await notificationsOf(appointmentId);
    const confirmation = rows.find((r) => r.kind === 'booking_confirmed');
    const reminders = rows.filter((r) => r.kind === 'reminder');
    expect(confirmation, 'booking_confirmed queued by the booking').toBeDefined();
    return { appointmentId, confirmation: confirmation!, reminders };
  }

  async function signedTwilioPost(params: Record<string, string>, signatureFor = fn('twilio-webhook')) {
    return fetch(fn('twilio-webhook'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signTwilioRequest(twilio.authToken, signatureFor, params) },
      body: new URLSearchParams(params).toString(),
    });
  }

  async function signedResendPost(event: unknown, options?: Parameters<typeof signResendEvent>[2]) {
    const payload = JSON.stringify(event);
    return fetch(fn('resend-webhook'), { method: 'POST', headers: signResendEvent(payload, webhookSecret, options), body: payload });
  }

  beforeAll(async () => {
    releaseDispatcher = await holdDispatcherLock(url as string);
    [twilio, resend] = await Promise.all([startFakeTwilio(), startFakeResend()]);
    tempDir = mkdtempSync(join(tmpdir(), 'slotbase-messaging-'));
    await admin.begin(async (tx) => {
      await tx`insert into public.tenants (id, name, slug, timezone, currency, locale)
               values (${tenantId}, 'Clínica Sol', ${`messaging-${run}`}, 'Europe/London', 'GBP', 'en-GB')`;
      await tx`insert into public.centres (tenant_id, id, name, slug, timezone, is_active, is_published)
               values (${tenantId}, ${centreId}, 'Sol Centro', 'sol-centro', 'Europe/London', true, true)`;
      await tx`insert into public.clinicians (tenant_id, id, display_name, is_public, is_active)
               values (${tenantId}, ${clinicianId}, 'Dr Sol', true, true)`;
      await tx`insert into public.clinician_centres (tenant_id, clinician_id, centre_id) values (${tenantId}, ${clinicianId}, ${centreId})`;
      await tx`insert into public.services (tenant_id, id, name, duration_minutes, min_booking_notice, max_booking_horizon,
                                            slot_alignment_minutes, price, currency, is_public, is_active)
               values (${tenantId}, ${serviceId}, 'Fisioterapia', 30, '0', '30 days', 15, 10, 'GBP', true, true)`;
      await tx`insert into public.clinician_services (tenant_id, clinician_id, service_id) values (${tenantId}, ${clinicianId}, ${serviceId})`;
      await tx`insert into public.availability_rules (tenant_id, clinician_id, centre_id, timezone, local_start, local_end, rrule, valid_from)
               values (${tenantId}, ${clinicianId}, ${centreId}, 'Europe/London', '08:00', '20:00', 'FREQ=DAILY', current_date - 1)`;
      await tx`insert into public.patients (tenant_id, id, full_name, phone, email, preferred_language, preferred_channel)
               values (${tenantId}, ${lucia.id}, 'Lucía Gómez', ${lucia.phone}, null, 'es', 'sms'),
                      (${tenantId}, ${ana.id}, 'Ana Smith', null, ${ana.email}, 'en-GB', 'email')`;
      await tx`insert into public.whatsapp_templates (tenant_id, kind, language, content_sid, variables)
               values (${tenantId}, 'booking_confirmed', 'en', ${whatsappTemplate}, array['patient_name', 'service_name', 'starts_at_local'])`;
    });
    // Secrets reach functions through the env file (like supabase/functions/.env), not the server's environment.
    const secrets = {
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_FROM: '+15005550006',
      TWILIO_WHATSAPP_FROM: '+14155238886',
      TWILIO_API_BASE: twilio.url,
      RESEND_API_KEY: resend.apiKey,
      RESEND_FROM: '"Clínica Sol <citas@example.test>"',
      RESEND_API_BASE: resend.url,
      RESEND_WEBHOOK_SECRET: webhookSecret,
    };
    const envFile = join(tempDir, 'functions.env');
    writeFileSync(envFile, Object.entries(secrets).map(([name, value]) => `${name}=${value}\n`).join(''));
    const port = await freePort();
    server = await startProjectFunctions({
      config: projectConfig,
      envFile,
      port,
      env: { SUPABASE_DB_URL: url as string, SUPABASE_URL: `http://127.0.0.1:${port}` },
    });
  }, 240_000); // waits for another file's dispatcher first

  afterAll(async () => {
    await server?.stop();
    await Promise.all([twilio?.close(), resend?.close()]);
    await releaseDispatcher?.();
    await admin.begin(async (tx) => {
      await tx`delete from public.notifications where tenant_id = ${tenantId} and fallback_of is not null`;
      await tx`delete from public.notifications where tenant_id = ${tenantId}`;
      await tx`delete from public.whatsapp_templates where tenant_id = ${tenantId}`;
      await tx`delete from public.appointments where tenant_id = ${tenantId}`;
      await tx`delete from public.availability_rules where tenant_id = ${tenantId}`;
      await tx`delete from public.clinician_services where tenant_id = ${tenantId}`;
      await tx`delete from public.services where tenant_id = ${tenantId}`;
      await tx`delete from public.patients where tenant_id = ${tenantId}`;
      await tx`delete from public.clinician_centres where tenant_id = ${tenantId}`;
      await tx`delete from public.clinicians where tenant_id = ${tenantId}`;
      await tx`delete from public.centres where tenant_id = ${tenantId}`;
      await tx`delete from public.tenants where id = ${tenantId}`;
    }).catch(() => {});
    await admin.end();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  });

  it('reminder flow: booking queues reminders; due ones go out in the patient\'s language; the status callback marks them delivered', async () => {
    const { confirmation, reminders } = await freshBooking(lucia.id);
    expect(reminders.map((r) => r.status)).toEqual(['queued', 'queued']); // 24 h and 2 h before, both ahead
    const reminder = reminders[0]!;
    await makeDue(reminder.id);

    const response = await dispatch();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ claimed: expect.any(Number) });

    const sentReminder = await notification(reminder.id);
    const sentConfirmation = await notification(confirmation.id);
    expect(sentReminder).toMatchObject({ status: 'sent', provider: 'twilio', channel: 'sms', recipient: lucia.phone, attempts: 1 });
    expect(sentConfirmation).toMatchObject({ status: 'sent', provider: 'twilio' });
    expect((await notification(reminders[1]!.id)).status).toBe('queued'); // not due yet: untouched

    const atTwilio = twilio.messages.find((m) => m.sid === sentReminder.provider_message_id);
    expect(atTwilio).toBeDefined();
    expect(atTwilio!.to).toBe(lucia.phone);
    expect(atTwilio!.body).toBe(sentReminder.body);
    expect(atTwilio!.body).toMatch(/^Clínica Sol: le recordamos su cita de Fisioterapia el .+ en Sol Centro\.$/);
    expect(atTwilio!.statusCallback).toBe(fn('twilio-webhook'));

    const callback = await signedTwilioPost(statusCallbackParams(twilio.accountSid, atTwilio!.sid, 'delivered'));
    expect(callback.status).toBe(200);
    expect(await callback.text()).toContain('<Response/>');
    const delivered = await notification(reminder.id);
    expect(delivered.status).toBe('delivered');
    expect(delivered.delivered_at).not.toBeNull();
  });

  it('email: Resend gets the rendered subject and text with an idempotency key; the signed webhook marks it delivered', async () => {
    const { confirmation } = await freshBooking(ana.id);
    expect((await dispatch()).status).toBe(200);
    const sent = await notification(confirmation.id);
    expect(sent).toMatchObject({ status: 'sent', provider: 'resend', channel: 'email', recipient: ana.email });
    const atResend = resend.emails.find((e) => e.id === sent.provider_message_id);
    expect(atResend).toMatchObject({ to: [ana.email], subject: sent.subject, text: sent.body, idempotencyKey: `notification/${confirmation.id}` });
    expect(atResend!.subject).toMatch(/^Booking confirmed: Fisioterapia on /);
    expect(atResend!.text).toMatch(/^Hello Ana Smith,/);

    const response = await signedResendPost(resendEvent('email.delivered', sent.provider_message_id!, ana.email!));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, outcome: 'processed' });
    expect((await notification(confirmation.id)).status).toBe('delivered');
  });

  it('a provider 500 is retried with backoff, then succeeds', async () => {
    const patient = { id: randomUUID(), phone: phone() };
    await admin`insert into public.patients (tenant_id, id, full_name, phone, preferred_language, preferred_channel)
                values (${tenantId}, ${patient.id}, 'Retry Patient', ${patient.phone}, 'en', 'sms')`;
    const { confirmation } = await freshBooking(patient.id);
    twilio.failNextWith('server_error', 1, patient.phone);
    expect((await dispatch()).status).toBe(200);
    const afterFailure = await notification(confirmation.id);
    expect(afterFailure).toMatchObject({ status: 'queued', attempts: 1 });
    expect(afterFailure.last_error).toContain('20500');
    expect(afterFailure.next_attempt_at!.getTime()).toBeGreaterThan(Date.now() + 30_000); // backoff: not before ~1 min

    expect((await dispatch()).status).toBe(200);
    expect((await notification(confirmation.id)).status).toBe('queued'); // still backing off

    await makeDue(confirmation.id);
    expect((await dispatch()).status).toBe(200);
    const sent = await notification(confirmation.id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, provider: 'twilio' });
    expect(twilio.requests.filter((r) => new URLSearchParams(r.body).get('To') === patient.phone)).toHaveLength(2);
  });

  it('poisoned outbox rows of every kind are parked with their reason; every other message still goes out', async () => {
    const poisoned = { id: randomUUID(), phone: phone() };
    await admin`insert into public.patients (tenant_id, id, full_name, phone, preferred_language, preferred_channel)
                values (${tenantId}, ${poisoned.id}, 'Poisoned Patient', ${poisoned.phone}, 'en', 'sms')`;
    const payloads: Record<string, unknown> = {
      booking_confirmed: { starts_at: 'not a time' },
      booking_rescheduled: { starts_at: '2026-03-03T09:30:00Z', previous_starts_at: 'yesterday' },
      booking_cancelled: { starts_at: 12345 },
      reminder: { starts_at: '2026-03-03T09:30:00Z', offset: 'soon' },
      waitlist_offer: { offer_id: randomUUID(), offer_expires_at: 'later' },
      payment_link: { payment_url: 'https://pay.example/1', amount: 'NaN', currency: 'GBP' },
      payment_receipt: { amount: 10, currency: 'pounds' },
    };
    // Written around enqueue_notification (which would refuse them), as a direct insert could.
    for (const [kind, payload] of Object.entries(payloads)) {
      await admin`insert into public.notifications (tenant_id, patient_id, kind, channel, payload, dedupe_key, send_after)
                  values (${tenantId}, ${poisoned.id}, ${kind}, 'sms', ${admin.json(payload as never)}, ${`poison:${kind}:${run}`}, now() - interval '1 hour')`;
    }
    const { confirmation } = await freshBooking(lucia.id);

    const response = await dispatch();
    expect(response.status).toBe(200);
    const summary = (await response.json()) as { parked: number; sent: number };
    expect((await notification(confirmation.id)).status).toBe('sent');
    const rows = await admin<{ id: string; kind: string; status: string; last_error: string }[]>`
      select id, kind::text, status::text, last_error from public.notifications where patient_id = ${poisoned.id} order by kind`;
    expect(rows).toHaveLength(7);
    for (const row of rows) {
      expect(row.status, row.kind).toBe('parked');
      expect(row.last_error, row.kind).toMatch(/^invalid_payload: /);
    }
    expect(twilio.requests.filter((r) => new URLSearchParams(r.body).get('To') === poisoned.phone)).toHaveLength(0);
    // Counted and logged by the run that parked them (every dispatcher of the test database claims
    // every due row, so another test's run may have been first).
    const loggedHere = () => rows.filter((row) => server.output().includes(`notification ${row.id} (${row.kind}, tenant ${tenantId}) parked: invalid_payload: `)).length;
    await eventually(async () => loggedHere() === summary.parked, 3000);
    // and they stay out of the way
    const again = await dispatch();
    expect(again.status).toBe(200);
    expect(rows.filter((row) => server.output().split(`notification ${row.id} (`).length > 2)).toEqual([]);
  });

  it('Twilio closes the connection after reading a send: it got the SMS once, the attempt counter says one, and the retry is attempt two', async () => {
    const patient = { id: randomUUID(), phone: phone() };
    await admin`insert into public.patients (tenant_id, id, full_name, phone, preferred_language, preferred_channel)
                values (${tenantId}, ${patient.id}, 'Reset Patient', ${patient.phone}, 'en', 'sms')`;
    const { confirmation } = await freshBooking(patient.id);
    const sendsTo = () => twilio.requests.filter((r) => new URLSearchParams(r.body).get('To') === patient.phone);
    twilio.failNextWith('closed_connection', 1, patient.phone);
    expect((await dispatch()).status).toBe(200);
    const afterReset = await notification(confirmation.id);
    expect(afterReset).toMatchObject({ status: 'queued', attempts: 1 });
    expect(afterReset.last_error).toMatch(/^twilio: request failed/);
    expect(sendsTo(), 'the runtime did not send it again by itself').toHaveLength(1);

    await makeDue(confirmation.id);
    expect((await dispatch()).status).toBe(200);
    expect(await notification(confirmation.id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(sendsTo(), 'two attempts, two sends').toHaveLength(2);
  });

  it('Twilio 21610 (recipient unsubscribed) parks the message; it is not retried', async () => {
    const patient = { id: randomUUID(), phone: phone() };
    await admin`insert into public.patients (tenant_id, id, full_name, phone, preferred_language, preferred_channel)
                values (${tenantId}, ${patient.id}, 'Stopped Elsewhere', ${patient.phone}, 'en', 'sms')`;
    const { confirmation } = await freshBooking(patient.id);
    twilio.failNextWith('unsubscribed', 1, patient.phone);
    expect((await dispatch()).status).toBe(200);
    const parked = await notification(confirmation.id);
    expect(parked.status).toBe('parked');
    expect(parked.last_error).toContain('21610');
    await makeDue(confirmation.id);
    expect((await dispatch()).status).toBe(200);
    expect((await notification(confirmation.id)).status).toBe('parked');
    expect(twilio.requests.filter((r) => new URLSearchParams(r.body).get('To') === patient.phone)).toHaveLength(1);
  });

  it('a dispatcher that dies between claim and result loses nothing: the lease ends and the next run sends it', async () => {
    const patient = { id: randomUUID(), phone: phone() };
    await admin`insert into public.patients (tenant_id, id, full_name, phone, preferred_language, preferred_channel)
                values (${tenantId}, ${patient.id}, 'Crash Patient', ${patient.phone}, 'en', 'sms')`;
    const { confirmation } = await freshBooking(patient.id);
    // The "crashed" dispatcher: claims (shortest lease claim_notifications allows), never sends, never records.
    const claimed = await admin.begin(async (tx) => {
      await tx`select set_config('role', 'service_role', true), set_config('request.jwt.claims', '{"role":"service_role"}', true)`;
      return tx<{ id: string }[]>`select id from public.claim_notifications(1000, interval '10 seconds')`;
    });
    expect(claimed.map((r) => r.id)).toContain(confirmation.id);
    expect((await notification(confirmation.id)).status).toBe('sending');
    expect((await dispatch()).status).toBe(200);
    expect((await notification(confirmation.id)).status).toBe('sending'); // lease still running: not sent twice
    await new Promise((resolve) => setTimeout(resolve, 10_500));
    expect((await dispatch()).status).toBe(200);
    const sent = await notification(confirmation.id);
    expect(sent.status).toBe('sent');
    expect(twilio.messages.filter((m) => m.to === patient.phone)).toHaveLength(1);
  }, 60_000);

  it('dispatchers running at the same time send every due message exactly once', async () => {
    const patients = Array.from({ length: 8 }, () => ({ id: randomUUID(), phone: phone() }));
    for (const [i, patient] of patients.entries()) {
      await admin`insert into public.patients (tenant_id, id, full_name, phone, preferred_language, preferred_channel)
                  values (${tenantId}, ${patient.id}, ${`Parallel Patient ${i}`}, ${patient.phone}, 'en', 'sms')`;
    }
    const confirmations = [];
    for (const patient of patients) confirmations.push((await freshBooking(patient.id)).confirmation);

    // Four runs at once, as overlapping pg_cron invocations (or a manual call during one) would be.
    const responses = await Promise.all(Array.from({ length: 4 }, () => dispatch()));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);

    for (const [i, patient] of patients.entries()) {
      expect(twilio.messages.filter((m) => m.to === patient.phone), `messages to patient ${i}`).toHaveLength(1);
      expect(await notification(confirmations[i]!.id)).toMatchObject({ status: 'sent', attempts: 1 });
    }
  });

  it('STOP opts the number out: later messages are suppressed; START opts it back in', async () => {
    const patient = { id: randomUUID(), phone: phone() };
    await admin`insert into public.patients (tenant_id, id, full_name, phone, preferred_language, preferred_channel)
                values (${tenantId}, ${patient.id}, 'Stop Patient', ${patient.phone}, 'en', 'sms')`;
    const stop = await signedTwilioPost(inboundMessageParams(twilio.accountSid, patient.phone, 'Stop'));
    expect(stop.status).toBe(200);
    expect(stop.headers.get('content-type')).toBe('text/xml');
    const [optOut] = await admin`select source from private.notification_opt_outs where channel = 'sms' and address = ${patient.phone}`;
    expect(optOut).toMatchObject({ source: 'sms_stop' });

    const { confirmation } = await freshBooking(patient.id);
    expect((await dispatch()).status).toBe(200);
    expect((await notification(confirmation.id)).status).toBe('suppressed');
    expect(twilio.requests.filter((r) => new URLSearchParams(r.body).get('To') === patient.phone)).toHaveLength(0);

    expect((await signedTwilioPost(inboundMessageParams(twilio.accountSid, patient.phone, 'START'))).status).toBe(200);
    expect(await admin`select 1 from private.notification_opt_outs where channel = 'sms' and address = ${patient.phone}`).toHaveLength(0);
  });

  it('a replayed genuine START after a later STOP does not opt the number back in', async () => {
    const patient = { id: randomUUID(), phone: phone() };
    await admin`insert into public.patients (tenant_id, id, full_name, phone, preferred_language, preferred_channel)
                values (${tenantId}, ${patient.id}, 'Replay Patient', ${patient.phone}, 'en', 'sms')`;
    const optedOut = async () => (await admin`select 1 from private.notification_opt_outs where channel = 'sms' and address = ${patient.phone}`).length === 1;
    const stop = inboundMessageParams(twilio.accountSid, patient.phone, 'STOP');
    const start = inboundMessageParams(twilio.accountSid, patient.phone, 'START');
    const laterStop = inboundMessageParams(twilio.accountSid, patient.phone, 'STOP');
    expect((await signedTwilioPost(stop)).status).toBe(200);
    expect((await signedTwilioPost(start)).status).toBe(200);
    expect(await optedOut()).toBe(false);
    expect((await signedTwilioPost(laterStop)).status).toBe(200);
    expect(await optedOut()).toBe(true);
    // the same genuine, signed START again (Twilio signatures carry no time)
    const replay = await signedTwilioPost(start);
    expect(replay.status).toBe(200);
    expect(await optedOut()).toBe(true);
    const { confirmation } = await freshBooking(patient.id);
    expect((await dispatch()).status).toBe(200);
    expect((await notification(confirmation.id)).status).toBe('suppressed');
  });

  it('an email complaint opts the address out and marks the message undelivered', async () => {
    const patient = { id: randomUUID(), email: `complainer-${run}@example.test` };
    await admin`insert into public.patients (tenant_id, id, full_name, email, preferred_language, preferred_channel)
                values (${tenantId}, ${patient.id}, 'Complainer', ${patient.email}, 'en', 'email')`;
    const { confirmation } = await freshBooking(patient.id);
    expect((await dispatch()).status).toBe(200);
    const sent = await notification(confirmation.id);
    expect(sent.status).toBe('sent');
    expect((await signedResendPost(resendEvent('email.complained', sent.provider_message_id!, patient.email))).status).toBe(200);
    expect((await notification(confirmation.id)).status).toBe('undelivered');
    const [optOut] = await admin`select source from private.notification_opt_outs where channel = 'email' and address = ${patient.email}`;
    expect(optOut).toMatchObject({ source: 'email_complaint' });
  });

  it('Twilio webhook: missing, wrong and tampered signatures get 403 and change nothing', async () => {
    const { confirmation } = await freshBooking(lucia.id);
    await dispatch();
    const sent = await notification(confirmation.id);
    expect(sent.status).toBe('sent');
    const params = statusCallbackParams(twilio.accountSid, sent.provider_message_id!, 'undelivered');
    const attempts = [
      fetch(fn('twilio-webhook'), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString() }),
      // signed for another URL than the one Twilio called
      signedTwilioPost(params, 'https://other.example/functions/v1/twilio-webhook'),
      // a genuine signature replayed with a changed body
      fetch(fn('twilio-webhook'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signTwilioRequest(twilio.authToken, fn('twilio-webhook'), { ...params, MessageStatus: 'delivered' }) },
        body: new URLSearchParams(params).toString(),
      }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: 'invalid_signature' });
    }
    // an opt-out with a bad signature does nothing either
    const stopParams = inboundMessageParams(twilio.accountSid, lucia.phone, 'STOP');
    const forgedStop = await fetch(fn('twilio-webhook'), { method: 'POST', headers: { 'x-twilio-signature': 'AAAA' }, body: new URLSearchParams(stopParams).toString() });
    expect(forgedStop.status).toBe(403);
    expect(await admin`select 1 from private.notification_opt_outs where address = ${lucia.phone}`).toHaveLength(0);
    expect((await notification(confirmation.id)).status).toBe('sent');
  });

  it('Resend webhook: missing, wrong, tampered and replayed-stale signatures get 400 and change nothing', async () => {
    const { confirmation } = await freshBooking(ana.id);
    await dispatch();
    const sent = await notification(confirmation.id);
    const payload = JSON.stringify(resendEvent('email.bounced', sent.provider_message_id!, ana.email!));
    const headers = signResendEvent(payload, webhookSecret);
    const stale = signResendEvent(payload, webhookSecret, { timestamp: new Date(Date.now() - 6 * 60_000) });
    const attempts = [
      fetch(fn('resend-webhook'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload }),
      fetch(fn('resend-webhook'), { method: 'POST', headers: signResendEvent(payload, newResendWebhookSecret()), body: payload }),
      fetch(fn('resend-webhook'), { method: 'POST', headers, body: payload.replace(sent.provider_message_id!, randomUUID()) }),
      fetch(fn('resend-webhook'), { method: 'POST', headers: stale, body: payload }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'invalid_signature' });
    }
    expect((await notification(confirmation.id)).status).toBe('sent');
  });

  it('WhatsApp: the approved template goes to whatsapp:+…, the callback marks it delivered; a number not on WhatsApp gets the SMS; STOP on WhatsApp stops WhatsApp only', async () => {
    const priya = { id: randomUUID(), phone: phone() };
    const ravi = { id: randomUUID(), phone: phone() };
    await admin`insert into public.patients (tenant_id, id, full_name, phone, preferred_language, preferred_channel)
                values (${tenantId}, ${priya.id}, 'Priya Rao', ${priya.phone}, 'en', 'whatsapp'),
                       (${tenantId}, ${ravi.id}, 'Ravi Kumar', ${ravi.phone}, 'en', 'whatsapp')`;
    twilio.notOnWhatsApp.add(ravi.phone);

    const forPriya = await freshBooking(priya.id);
    const forRavi = await freshBooking(ravi.id);
    expect(forPriya.confirmation.channel).toBe('whatsapp');
    expect((await dispatch()).status).toBe(200);
    const sentToPriya = await notification(forPriya.confirmation.id);
    expect(sentToPriya).toMatchObject({ status: 'sent', channel: 'whatsapp', provider: 'twilio', recipient: priya.phone });
    const atTwilio = twilio.messages.find((m) => m.sid === sentToPriya.provider_message_id)!;
    expect(atTwilio).toMatchObject({ channel: 'whatsapp', to: `whatsapp:${priya.phone}`, from: 'whatsapp:+14155238886', contentSid: whatsappTemplate, body: null });
    expect(atTwilio.contentVariables).toEqual({ 1: 'Priya Rao', 2: 'Fisioterapia', 3: expect.stringMatching(/ \(Europe\/London\)$/) });
    expect((await signedTwilioPost(twilio.statusCallbackFor(atTwilio))).status).toBe(200);
    expect((await notification(forPriya.confirmation.id)).status).toBe('delivered');

    // Twilio accepted the message to Ravi and reports 63003 (not on WhatsApp) in the callback.
    const sentToRavi = await notification(forRavi.confirmation.id);
    const refused = twilio.messages.find((m) => m.sid === sentToRavi.provider_message_id)!;
    expect(twilio.statusCallbackFor(refused)).toMatchObject({ MessageStatus: 'failed', ErrorCode: '63003' });
    expect((await signedTwilioPost(twilio.statusCallbackFor(refused))).status).toBe(200);
    expect((await signedTwilioPost(twilio.statusCallbackFor(refused))).status).toBe(200); // Twilio repeats itself: one copy
    const [copy, ...more] = await admin<Array<NotificationRow & { fallback_of: string; fallback_reason: string }>>`
      select id, channel::text, status::text, fallback_of, fallback_reason from public.notifications where fallback_of = ${forRavi.confirmation.id}`;
    expect(more).toEqual([]);
    expect(copy).toMatchObject({ channel: 'sms', status: 'queued', fallback_reason: 'twilio failed (error 63003)' });
    expect((await notification(forRavi.confirmation.id)).status).toBe('undelivered');
    expect((await dispatch()).status).toBe(200);
    expect(await notification(copy!.id)).toMatchObject({ status: 'sent', channel: 'sms', recipient: ravi.phone });
    expect(twilio.messages.find((m) => m.to === ravi.phone)?.body).toMatch(/^Clínica Sol: your Fisioterapia is booked for /);

    // STOP on WhatsApp: Priya's next message goes by SMS, with the reason.
    expect((await signedTwilioPost(inboundMessageParams(twilio.accountSid, `whatsapp:${priya.phone}`, 'STOP', { To: 'whatsapp:+14155238886' }))).status).toBe(200);
    const next = await freshBooking(priya.id);
    expect((await dispatch()).status).toBe(200);
    const [row] = await admin<Array<{ channel: string; status: string; fallback_reason: string }>>`
      select channel::text, status::text, fallback_reason from public.notifications where id = ${next.confirmation.id}`;
    expect(row).toEqual({ channel: 'sms', status: 'sent', fallback_reason: `whatsapp_opted_out: ${priya.phone} has opted out of whatsapp messages` });
  });

  it('dispatch-notifications is for the server only', async () => {
    expect((await fetch(fn('dispatch-notifications'), { method: 'POST' })).status).toBe(401); // gateway: no token
    const response = await dispatch(anonKey);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'forbidden' });
  });

  it('without provider keys, messages are captured by the dev outbox (NOT sent) and printed in the server output', async () => {
    const patient = { id: randomUUID(), phone: phone() };
    const onWhatsApp = { id: randomUUID(), phone: phone() };
    await admin`insert into public.patients (tenant_id, id, full_name, phone, preferred_language, preferred_channel)
                values (${tenantId}, ${patient.id}, 'Dev Patient', ${patient.phone}, 'en', 'sms'),
                       (${tenantId}, ${onWhatsApp.id}, 'Dev WhatsApp', ${onWhatsApp.phone}, 'en', 'whatsapp')`;
    const local = await startProjectFunctions({
      config: projectConfig,
      envFile: noEnvFile,
      env: { SUPABASE_DB_URL: url as string },
    });
    try {
      const { confirmation } = await freshBooking(patient.id);
      const { confirmation: whatsapp } = await freshBooking(onWhatsApp.id);
      expect((await dispatch(serviceRoleKey, local)).status).toBe(200);
      expect(await notification(whatsapp.id)).toMatchObject({ status: 'captured', provider: 'dev_outbox', channel: 'whatsapp' });
      await eventually(async () => local.output().includes(`whatsapp:${onWhatsApp.phone}`), 5000);
      expect(local.output()).toContain(`template: ${whatsappTemplate}`);
      const captured = await notification(confirmation.id);
      expect(captured).toMatchObject({ status: 'captured', provider: 'dev_outbox' });
      expect(twilio.requests.filter((r) => new URLSearchParams(r.body).get('To') === patient.phone)).toHaveLength(0);
      await eventually(async () => local.output().includes(patient.phone), 5000);
      const output = local.output();
      expect(output).toContain('DEV OUTBOX — NOT SENT');
      expect(output).toContain(captured.body!.split('\n')[0]!);
      expect(output).toContain('messaging: sms via the dev outbox');
      expect(output).toContain('whatsapp via the dev outbox');
    } finally {
      await local.stop();
    }
  });

  describe('a killed database connection (a restart, a pooler recycling it) fails no later request and crashes nothing', () => {
    const faults = databaseFaults(admin);
    const names = ['dispatch-notifications', 'twilio-webhook', 'resend-webhook'];

    /** A sent SMS and a sent e-mail of fresh bookings, with their provider ids. */
    async function sentMessages() {
      const sms = (await freshBooking(lucia.id)).confirmation;
      const email = (await freshBooking(ana.id)).confirmation;
      expect((await dispatch()).status).toBe(200);
      return { sms: await notification(sms.id), email: await notification(email.id) };
    }

    it('between requests: the next request of each function is answered normally', async () => {
      for (let round = 0; round < 3; round++) {
        const { sms, email } = await sentMessages();
        expect((await signedTwilioPost(statusCallbackParams(twilio.accountSid, sms.provider_message_id!, 'undelivered'))).status).toBe(200);
        expect((await signedResendPost(resendEvent('email.bounced', email.provider_message_id!, ana.email!))).status).toBe(200);
        for (const name of names) expect(await faults.terminateBackends(name)).toBeGreaterThan(0);

        const next = await sentMessages();
        expect(next.sms.status).toBe('sent');
        expect(next.email.status).toBe('sent');
        expect((await signedTwilioPost(statusCallbackParams(twilio.accountSid, next.sms.provider_message_id!, 'delivered'))).status).toBe(200);
        expect((await notification(next.sms.id)).status).toBe('delivered');
        expect((await signedResendPost(resendEvent('email.delivered', next.email.provider_message_id!, ana.email!))).status).toBe(200);
        expect((await notification(next.email.id)).status).toBe('delivered');
      }
      for (const name of names) expect(crashesOf(server.output(), name)).toEqual([]);
    });

    it('mid-request: the statement that lost its connection runs again on a fresh one and the request succeeds', async () => {
      // dispatch-notifications: recording the result waits for the row the test holds while Twilio is slow
      const { confirmation } = await freshBooking(lucia.id);
      twilio.setLatency(1500);
      let run: Promise<Response> | undefined;
      try {
        await admin.begin(async (tx) => {
          run = dispatch();
          for (let i = 0; i < 100 && (await notification(confirmation.id)).status !== 'sending'; i++) await new Promise((r) => setTimeout(r, 20));
          await tx`select 1 from public.notifications where id = ${confirmation.id} for update`;
          await faults.terminateWhileWaiting('dispatch-notifications');
        });
      } finally {
        twilio.setLatency(0);
      }
      expect((await run!).status).toBe(200);
      const sent = await notification(confirmation.id);
      expect(sent).toMatchObject({ status: 'sent', attempts: 1 });
      expect(twilio.messages.filter((m) => m.sid === sent.provider_message_id)).toHaveLength(1);

      // twilio-webhook and resend-webhook: the delivery report waits for the notification row
      const { email } = await sentMessages();
      const reports: Array<[string, () => Promise<Response>, string]> = [
        ['twilio-webhook', () => signedTwilioPost(statusCallbackParams(twilio.accountSid, sent.provider_message_id!, 'delivered')), sent.id],
        ['resend-webhook', () => signedResendPost(resendEvent('email.delivered', email.provider_message_id!, ana.email!)), email.id],
      ];
      for (const [name, report, id] of reports) {
        let response: Promise<Response> | undefined;
        await admin.begin(async (tx) => {
          await tx`select 1 from public.notifications where id = ${id} for update`;
          response = report();
          await faults.terminateWhileWaiting(name);
        });
        expect((await response!).status, name).toBe(200);
        expect((await notification(id)).status, name).toBe('delivered');
      }
      for (const name of names) expect(crashesOf(server.output(), name)).toEqual([]);
    });
  });
});
