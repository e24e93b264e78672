// The seed's clinic in Pune end to end over HTTP: Deccan Mind Care takes payments with Razorpay and
// messages its patients on WhatsApp (supabase/seed.sql). Aarav Shah books, pays through Razorpay
// Checkout (verified by verify-razorpay-payment), gets his confirmation and receipt on WhatsApp as
// the clinic's approved Content templates, cancels in good time, is refunded through Razorpay and
// gets the cancellation on WhatsApp. A patient Twilio cannot reach on WhatsApp gets the SMS copy.
// The payment and messaging functions run under real Deno (tests/functions-server/server.ts)
// against the test database (SLOTBASE_TEST_DB_URL), with the fakes of Razorpay and Twilio
// (tests/fakes/razorpay.ts, tests/fakes/twilio.ts) behind RAZORPAY_API_BASE and TWILIO_API_BASE.
// Books the clinic's psychiatric consultation from three days ahead; its rows are removed afterwards.
import { randomInt, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '@supabase/supabase-js';
import { createSlotbase } from '../../clients/js/index.ts';
import { apiKeys, signHs256 } from '../../local/stack/keys.ts';
import { type FakeRazorpay, startFakeRazorpay } from '../fakes/razorpay.ts';
import { type FakeTwilio, signTwilioRequest, startFakeTwilio, type TwilioMessage } from '../fakes/twilio.ts';
import { freePort, type FunctionsServer, holdDispatcherLock, startProjectFunctions } from '../functions-server/server.ts';

const url = process.env.SLOTBASE_TEST_DB_URL;
const jwtSecret = 'super-secret-jwt-token-with-at-least-32-characters-long';
const { serviceRoleKey, anonKey } = apiKeys(jwtSecret);
const whatsappSender = '+14155238886';

// supabase/seed.sql: Deccan Mind Care and its cast, and the templates it maps.
const pune = {
  tenant: 'b0000000-0000-4000-8000-000000000003',
  centre: 'c0000000-0000-4000-8000-000000000021',
  consultation: '92000000-0000-4000-8000-000000000021',
  linkedAccount: 'acc_DeccanMindCare1',
  aarav: { userId: 'a0000000-0000-4000-8000-000000000103', patientId: '90000000-0000-4000-8000-000000000021', phone: '+919000090011' },
  rahulUserId: 'a0000000-0000-4000-8000-000000000022',
  templates: {
    booking_confirmed: 'HX95f00e7fcb4d8054f98cef44e3d80bb5',
    payment_receipt: 'HX95e3786af03775d0d58ab4d83b6edb15',
    payment_link: 'HXcb3e2ca4057fddb10c2d0e103168b7a2',
    booking_cancelled: 'HXde2e121e89fd81abb40e82051d8c8311',
  },
};

type Row = Record<string, unknown>;

describe.skipIf(!url)('a Razorpay clinic in Pune: book, pay, WhatsApp, refund over HTTP (real Deno functions, fake Razorpay and Twilio, real database)', { timeout: 90_000 }, () => {
  const admin = postgres(url ?? '', { max: 3, onnotice: () => {} });
  const ishaan = { patientId: randomUUID(), phone: `+9190000${randomInt(95_000, 100_000)}` };
  const appointments: string[] = [];
  let razorpay: FakeRazorpay;
  let twilio: FakeTwilio;
  let server: FunctionsServer;
  let tempDir: string;
  let releaseDispatcher: (() => Promise<void>) | undefined;
  let slots: Array<{ starts_at: Date; clinician_id: string }> = [];

  const tokenOf = (userId: string) =>
    signHs256({ iss: server.url('/auth/v1'), sub: userId, role: 'authenticated', aud: 'authenticated', exp: Math.floor(Date.now() / 1000) + 3600 }, jwtSecret);
  const asServer = (fn: string) => fetch(server.url(`/functions/v1/${fn}`), { method: 'POST', headers: { Authorization: `Bearer ${serviceRoleKey}` } });
  const dispatch = () => asServer('dispatch-notifications');

  /** supabase-js as the app holds it after sign-in, for the function calls (PostgREST is not part of this server). */
  function appOf(userId: string) {
    const supabase = createClient(server.url(''), anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      global: { headers: { Authorization: `Bearer ${tokenOf(userId)}` } },
      realtime: { transport: class NoSocket {} as never }, // Node 20 has no WebSocket; nothing here joins a channel
    });
    return createSlotbase(supabase as never);
  }

  /** Runs SQL as a signed-in user, the way PostgREST does. */
  function asUser<T>(userId: string, body: (tx: postgres.TransactionSql) => Promise<T>): Promise<T> {
    return admin.begin(async (tx) => {
      await tx`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${JSON.stringify({ sub: userId, role: 'authenticated' })}, true)`;
      return body(tx);
    }) as Promise<T>;
  }

  async function book(userId: string, patientId: string | null): Promise<string> {
    const slot = slots.shift()!;
    const [row] = await asUser(userId, (tx) => tx<{ id: string; status: string }[]>`
      select id, status::text from public.book_appointment(service_id => ${pune.consultation}, clinician_id => ${slot.clinician_id},
                                                           centre_id => ${pune.centre}, starts_at => ${slot.starts_at}, patient_id => ${patientId})`);
    expect(row!.status).toBe('pending');
    appointments.push(row!.id);
    return row!.id;
  }

  async function messagesOf(appointmentId: string): Promise<Row[]> {
    return admin<Row[]>`
      select id, kind::text, channel::text, status::text, recipient, provider, provider_message_id, content_sid, content_variables,
             fallback_of, fallback_reason, language::text
      from public.notifications where appointment_id = ${appointmentId} order by kind, created_at`;
  }

  const atTwilio = (sid: unknown): TwilioMessage => twilio.messages.find((m) => m.sid === sid)!;

  function twilioCallback(params: Record<string, string>): Promise<Response> {
    const target = server.url('/functions/v1/twilio-webhook');
    return fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signTwilioRequest(twilio.authToken, target, params) },
      body: new URLSearchParams(params).toString(),
    });
  }

  beforeAll(async () => {
    releaseDispatcher = await holdDispatcherLock(url as string);
    [razorpay, twilio] = await Promise.all([startFakeRazorpay(), startFakeTwilio()]);
    razorpay.linkedAccounts.add(pune.linkedAccount);
    tempDir = mkdtempSync(join(tmpdir(), 'slotbase-pune-'));
    // Secrets reach functions through the env file (the server passes only SUPABASE_* of its own env).
    writeFileSync(join(tempDir, '.env'), [
      `RAZORPAY_KEY_ID=${razorpay.keyId}`, `RAZORPAY_KEY_SECRET=${razorpay.keySecret}`, 'RAZORPAY_WEBHOOK_SECRET=pune_webhook_secret', `RAZORPAY_API_BASE=${razorpay.url}`,
      `TWILIO_ACCOUNT_SID=${twilio.accountSid}`, `TWILIO_AUTH_TOKEN=${twilio.authToken}`, 'TWILIO_FROM=+15005550006',
      `TWILIO_WHATSAPP_FROM=${whatsappSender}`, `TWILIO_API_BASE=${twilio.url}`,
    ].join('\n') + '\n');
    await admin`insert into public.patients (tenant_id, id, full_name, phone, preferred_language, preferred_channel)
                values (${pune.tenant}, ${ishaan.patientId}, 'Ishaan Patil', ${ishaan.phone}, 'en-IN', 'whatsapp')`;
    // Free times from three days ahead (outside the 24-hour cancellation window), as Aarav's app finds them.
    slots = await asUser(pune.aarav.userId, (tx) => tx<Array<{ starts_at: Date; clinician_id: string }>>`
      select starts_at, clinician_id from public.search_slots(service_id => ${pune.consultation}, centre_id => ${pune.centre},
                                                              window_start => now() + interval '3 days', window_end => now() + interval '10 days')
      order by starts_at limit 4`);
    expect(slots.length).toBeGreaterThanOrEqual(2);
    const port = await freePort();
    server = await startProjectFunctions({
      envFile: join(tempDir, '.env'),
      port,
      env: { SUPABASE_DB_URL: url as string, SUPABASE_JWT_SECRET: jwtSecret, SUPABASE_URL: `http://127.0.0.1:${port}` },
    });
  }, 240_000); // waits for another file's dispatcher first

  afterAll(async () => {
    await server?.stop();
    await Promise.all([razorpay?.close(), twilio?.close()]);
    await releaseDispatcher?.();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    await admin.begin(async (tx) => {
      if (appointments.length > 0) {
        await tx`delete from public.notifications where appointment_id in ${tx(appointments)} and fallback_of is not null`;
        await tx`delete from public.notifications where appointment_id in ${tx(appointments)}`;
        await tx`delete from public.refunds where appointment_id in ${tx(appointments)}`;
        await tx`delete from public.payments where appointment_id in ${tx(appointments)}`;
        await tx`delete from public.appointments where id in ${tx(appointments)}`;
      }
      await tx`delete from public.patients where id = ${ishaan.patientId}`;
    }).catch(() => {});
    await admin.end();
  });

  it('Aarav books and pays with Razorpay Checkout; the confirmation and the receipt go on WhatsApp; he cancels, Razorpay refunds him, and the cancellation goes on WhatsApp', async () => {
    const aarav = appOf(pune.aarav.userId);
    const appointmentId = await book(pune.aarav.userId, null);
    const started = await aarav.pay({ appointmentId, flow: 'payment_intent' });
    expect(started).toMatchObject({ provider: 'razorpay', amount: 2500, amount_minor: 250000, currency: 'INR' });
    const { checkout } = razorpay.payOrder(started.razorpay!.order_id, { notes: started.razorpay!.notes });
    expect(await aarav.confirmRazorpayPayment({ paymentId: started.payment_id, ...checkout }))
      .toMatchObject({ payment_status: 'succeeded', appointment_status: 'booked' });

    // queued on his preferred channel: the confirmation and the receipt now, the reminders later
    const queued = await messagesOf(appointmentId);
    expect(queued.map((m) => [m.kind, m.channel, m.status]).sort()).toEqual([
      ['booking_confirmed', 'whatsapp', 'queued'], ['payment_receipt', 'whatsapp', 'queued'],
      ['reminder', 'whatsapp', 'queued'], ['reminder', 'whatsapp', 'queued'],
    ]);

    expect((await dispatch()).status).toBe(200);
    const sent = (await messagesOf(appointmentId)).filter((m) => m.kind !== 'reminder');
    expect(sent).toMatchObject([
      { kind: 'booking_confirmed', channel: 'whatsapp', status: 'sent', provider: 'twilio', recipient: pune.aarav.phone, content_sid: pune.templates.booking_confirmed, language: 'en' },
      { kind: 'payment_receipt', channel: 'whatsapp', status: 'sent', provider: 'twilio', recipient: pune.aarav.phone, content_sid: pune.templates.payment_receipt, language: 'en' },
    ]);
    const confirmation = atTwilio(sent.find((m) => m.kind === 'booking_confirmed')!.provider_message_id);
    const receipt = atTwilio(sent.find((m) => m.kind === 'payment_receipt')!.provider_message_id);
    const when = expect.stringMatching(/^\w{3} \d{1,2} \w{3} \d{4}, \d{2}:\d{2} \(Asia\/Kolkata\)$/);
    expect(confirmation).toMatchObject({ channel: 'whatsapp', to: `whatsapp:${pune.aarav.phone}`, from: `whatsapp:${whatsappSender}`, body: null, contentSid: pune.templates.booking_confirmed });
    expect(confirmation.contentVariables).toEqual({ 1: 'Aarav Shah', 2: 'Psychiatric consultation', 3: when, 4: 'Deccan Mind Care Kothrud' });
    expect(receipt).toMatchObject({ to: `whatsapp:${pune.aarav.phone}`, contentSid: pune.templates.payment_receipt });
    expect(receipt.contentVariables).toEqual({ 1: 'Aarav Shah', 2: '2500.00 INR', 3: 'Psychiatric consultation', 4: when });
    expect(twilio.messages.filter((m) => m.to === pune.aarav.phone)).toEqual([]); // nothing by SMS
    // WhatsApp reports the confirmation delivered, through the signed status callback
    expect((await twilioCallback(twilio.statusCallbackFor(confirmation))).status).toBe(200);
    expect((await messagesOf(appointmentId)).find((m) => m.kind === 'booking_confirmed')).toMatchObject({ status: 'delivered' });

    // Aarav cancels more than 24 hours ahead: no fee, the whole payment is refunded through Razorpay
    await asUser(pune.aarav.userId, (tx) => tx`select public.cancel_appointment(${appointmentId}::uuid, 'patient_request')`);
    const refunded = await asServer('process-refunds');
    expect(await refunded.json()).toMatchObject({ claimed: 1, succeeded: 1 });
    const [refundRequest, ...again] = razorpay.requestsTo('POST', `/v1/payments/${checkout.razorpay_payment_id}/refund`);
    expect(again).toEqual([]);
    expect(refundRequest?.json).toMatchObject({ amount: 250000, reverse_all: true });
    const [refund] = await admin<Row[]>`select provider::text, status, amount::float8 as amount, reason::text from public.refunds where appointment_id = ${appointmentId}`;
    expect(refund).toEqual({ provider: 'razorpay', status: 'succeeded', amount: 2500, reason: 'cancellation' });

    expect((await dispatch()).status).toBe(200);
    const after = await messagesOf(appointmentId);
    expect(after.filter((m) => m.kind === 'reminder').map((m) => m.status)).toEqual(['voided', 'voided']);
    const cancelled = after.find((m) => m.kind === 'booking_cancelled')!;
    expect(cancelled).toMatchObject({ channel: 'whatsapp', status: 'sent', content_sid: pune.templates.booking_cancelled });
    expect(atTwilio(cancelled.provider_message_id)).toMatchObject({ to: `whatsapp:${pune.aarav.phone}`, contentSid: pune.templates.booking_cancelled });
    expect(atTwilio(cancelled.provider_message_id).contentVariables).toEqual({ 1: 'Aarav Shah', 2: 'Psychiatric consultation', 3: when, 4: 'Deccan Mind Care Kothrud' });
    expect(twilio.messages.filter((m) => m.to === `whatsapp:${pune.aarav.phone}`)).toHaveLength(3);
  });

  it('the front desk books Ishaan and sends a Payment Link on WhatsApp; Twilio reports he is not on WhatsApp, and the link goes to him by SMS', async () => {
    twilio.notOnWhatsApp.add(ishaan.phone);
    const appointmentId = await book(pune.rahulUserId, ishaan.patientId);
    const link = await appOf(pune.rahulUserId).pay({ appointmentId, flow: 'checkout', successUrl: 'https://deccanmindcare.test/paid', cancelUrl: 'https://deccanmindcare.test/no' });
    expect(link).toMatchObject({ provider: 'razorpay', checkout_url: expect.stringMatching(/^https:\/\/rzp\.io\//) });

    expect((await dispatch()).status).toBe(200);
    const [whatsapp] = await messagesOf(appointmentId);
    expect(whatsapp).toMatchObject({ kind: 'payment_link', channel: 'whatsapp', status: 'sent', content_sid: pune.templates.payment_link });
    const refused = atTwilio(whatsapp!.provider_message_id);
    expect(refused.contentVariables).toMatchObject({ 1: 'Ishaan Patil', 2: '2500.00 INR', 5: link.checkout_url });
    const callback = twilio.statusCallbackFor(refused);
    expect(callback).toMatchObject({ MessageStatus: 'failed', ErrorCode: '63003' });
    expect((await twilioCallback(callback)).status).toBe(200);

    const copies = (await messagesOf(appointmentId)).filter((m) => m.fallback_of === whatsapp!.id);
    expect(copies).toMatchObject([{ kind: 'payment_link', channel: 'sms', status: 'queued', fallback_reason: 'twilio failed (error 63003)' }]);
    expect((await dispatch()).status).toBe(200);
    expect((await messagesOf(appointmentId)).find((m) => m.id === copies[0]!.id)).toMatchObject({ status: 'sent', provider: 'twilio', recipient: ishaan.phone });
    const sms = twilio.messages.filter((m) => m.to === ishaan.phone);
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ channel: 'sms', from: '+15005550006', contentSid: null });
    expect(sms[0]!.body).toBe(`Deccan Mind Care: please pay 2500.00 INR to confirm your Psychiatric consultation on ${refused.contentVariables![4]}: ${link.checkout_url}`);
  });
});
