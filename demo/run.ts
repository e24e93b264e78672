// `npm run demo`: a narrated walk through Slotbase's main flows, on a throwaway copy of the local
// stack: PostgreSQL with the platform emulation, migrations and seed; real PostgREST and the real
// Edge Functions under Deno behind the local gateway, one origin as on Supabase; Stripe replaced by
// the same local fake the tests use; SMS and e-mail going to the dev outbox (no provider keys).
// `npm run demo -- --provider=razorpay` walks the same way through the seed's clinic in Pune,
// which takes payments with Razorpay (the local fake Razorpay): Checkout, its verified result,
// signed webhooks, a Payment Link sent by the outbox, a refund reversing the Route transfer; its
// patient gets his messages on WhatsApp (the clinic's Content templates, in the dev outbox).
// Nothing is sent anywhere, and the database is deleted at the end. The app's calls are made with
// supabase-js, as a React app makes them. GoTrue and Realtime need Docker: the sessions are minted
// as GoTrue would issue them (local/stack/auth-tool.ts), and the realtime messages are read where
// the database writes them.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import { Webhook } from 'standardwebhooks';
import type { Database } from '../types/database.ts';
import { type ApiStack, startApiStack } from '../local/stack/api-stack.ts';
import { connectAsAuthAdmin, mintSession, sessionStorage } from '../local/stack/auth-tool.ts';
import { dbUrl, jwtSecret } from '../local/stack/config.ts';
import { devOutboxBlocks } from '../local/stack/dev-outbox.ts';
import type { FunctionsServer } from '../local/stack/gateway.ts';
import { hs256SigningKeys } from '../local/stack/signing.ts';
import { withThrowawayDatabase } from '../local/stack/throwaway.ts';
import { type FakeRazorpay, newRazorpayEventId, razorpayEvent, signRazorpayWebhook, startFakeRazorpay } from '../tests/fakes/razorpay.ts';
import { type FakeStripe, signStripeEvent, startFakeStripe, stripeEvent } from '../tests/fakes/stripe.ts';
import { createSlotbase } from '../clients/js/index.ts';

// The seed's cast (supabase/seed.sql): Northside Health, Sam Patel (patient with a phone
// account), Amira Haddad (owner), Kwame Mensah (patient without an account), and a
// dermatology consultation that must be paid when booking (180.00 GBP).
const seed = {
  tenant: 'b0000000-0000-4000-8000-000000000001',
  samUser: 'a0000000-0000-4000-8000-000000000101',
  samPatient: '90000000-0000-4000-8000-000000000001',
  amiraUser: 'a0000000-0000-4000-8000-000000000001',
  amiraEmail: 'amira.haddad@northside.test',
  samPhone: '+447700900001',
  kwamePatient: '90000000-0000-4000-8000-000000000003',
  dermatology: '92000000-0000-4000-8000-000000000003',
  dermatologist: 'f0000000-0000-4000-8000-000000000002',
  islington: 'c0000000-0000-4000-8000-000000000002',
};

// The seed's clinic in India: Deccan Mind Care in Pune (Asia/Kolkata, INR) takes payments with
// Razorpay and sends its money to its Route linked account, and maps a WhatsApp Content template
// to every message kind; Aarav Shah (patient with a phone account, prefers WhatsApp), Kavya Iyer
// (patient without one, prefers SMS), Rahul Joshi (front desk), a psychiatric consultation paid
// when booking (2500.00 INR).
const india = {
  tenant: 'b0000000-0000-4000-8000-000000000003',
  linkedAccount: 'acc_DeccanMindCare1',
  aaravPhone: '+919000090011',
  kavyaPatient: '90000000-0000-4000-8000-000000000022',
  rahulEmail: 'rahul.joshi@deccanmindcare.test',
  consultation: '92000000-0000-4000-8000-000000000021',
  kothrud: 'c0000000-0000-4000-8000-000000000021',
};

const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);
const dim = (text: string) => (process.stdout.isTTY ? `\x1b[2m${text}\x1b[0m` : text);
let stepNumber = 0;
function step(title: string): void {
  stepNumber++;
  process.stdout.write(`\n${bold(`${stepNumber}. ${title}`)}\n`);
}
function say(text: string): void {
  process.stdout.write(`   ${text}\n`);
}
function show(label: string, value: unknown): void {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  process.stdout.write(`${dim(`   ${label}:`)}\n${text.split('\n').map((line) => `     ${line}`).join('\n')}\n`);
}

type Sql = postgres.Sql;
type Client = SupabaseClient<Database>;

/** Node 20 has no WebSocket, and Realtime does not run locally: nothing here opens a channel. */
class NoSocket {
  constructor() {
    throw new Error('Realtime is not available locally');
  }
}

/**
 * A supabase-js client of a signed-in user, as a React app holds it after sign-in. The session
 * is minted the way GoTrue would issue it (GoTrue needs Docker); every call then goes through
 * the gateway to PostgREST or the functions with the user's access token.
 */
async function appFor(stack: ApiStack, dbPort: number, who: { phone: string } | { email: string }): Promise<Client> {
  const authAdmin = connectAsAuthAdmin(dbPort);
  try {
    const session = await mintSession(authAdmin, who, { apiUrl: stack.url, signingKeys: hs256SigningKeys(jwtSecret) });
    const { storage, storageKey } = sessionStorage(session, 'slotbase-demo');
    return createClient<Database>(stack.url, stack.anonKey, {
      auth: { storage, storageKey, persistSession: true, autoRefreshToken: false, detectSessionInUrl: false },
      realtime: { transport: NoSocket as never },
    });
  } finally {
    await authAdmin.end({ timeout: 1 });
  }
}

/** The dev outbox blocks the functions printed since `from` (an offset into the server output). */
function outboxSince(server: FunctionsServer, from: number): string[] {
  return devOutboxBlocks(server.output().slice(from));
}

async function demo(sql: Sql, stack: ApiStack, dbPort: number, stripe: FakeStripe, secrets: { stripeWebhook: string; smsHook: string }): Promise<void> {
  const server = stack.gateway;
  const { serviceRoleKey } = stack;

  step('Sam signs in with a one-time code by SMS');
  say('The app calls supabase.auth.signInWithOtp({ phone }). GoTrue makes a code and calls the Send SMS');
  say('hook, signed with Standard Webhooks. Here the demo sends GoTrue\'s request to send-sms-hook:');
  const hookBody = JSON.stringify({ user: { id: seed.samUser, phone: '447700900001', user_metadata: { full_name: 'Sam Patel' } }, sms: { otp: '482913' } });
  const hookId = `msg_${randomUUID()}`;
  const hookHeaders = new Webhook(secrets.smsHook.replace(/^v1,whsec_/, '')).sign(hookId, new Date(), hookBody);
  let mark = server.output().length;
  const hook = await fetch(server.url('/functions/v1/send-sms-hook'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'webhook-id': hookId, 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': hookHeaders },
    body: hookBody,
  });
  say(`send-sms-hook answered ${hook.status}. No Twilio keys are set, so the SMS went to the dev outbox:`);
  await new Promise((r) => setTimeout(r, 200));
  for (const block of outboxSince(server, mark)) show('dev outbox', block);
  say('Sam types the code; GoTrue verifies it and issues a session for Sam\'s user. GoTrue needs Docker, so the');
  say('demo mints that session the way GoTrue would (its claims, an auth.sessions row, our access-token hook)');
  say(`and hands it to supabase-js. Every request below goes to ${stack.url} (PostgREST ${bold('12.0.2')} behind`);
  say('the gateway, and the Edge Functions) with Sam\'s token; the database decides what Sam may see and do.');
  const samApp = await appFor(stack, dbPort, { phone: seed.samPhone });

  step('Sam searches for a dermatology appointment');
  const from = new Date(Date.now() + 3 * 86_400_000).toISOString();
  const to = new Date(Date.now() + 10 * 86_400_000).toISOString();
  const { data: found, error: searchError } = await samApp.rpc('search_slots', {
    service_id: seed.dermatology, centre_id: seed.islington, window_start: from, window_end: to,
  });
  if (searchError) throw new Error(`search_slots failed: ${JSON.stringify(searchError)}`);
  const slots = found ?? [];
  if (slots.length === 0) throw new Error('search_slots found no dermatology slot in the seed: did the seed change?');
  say(`supabase.rpc('search_slots', { service_id, centre_id, window_start, window_end }) → POST /rest/v1/rpc/search_slots`);
  say(`offered ${slots.length} free times, e.g. (local time of the centre):`);
  for (const slot of slots.slice(0, 3)) say(`  ${slot.local_starts_at.replace('T', ' ').slice(0, 16)} (${slot.timezone})`);
  const chosen = slots[0]!;

  step('Sam books the first one');
  const { data: booked, error: bookError } = await samApp.rpc('book_appointment', {
    service_id: seed.dermatology, clinician_id: chosen.clinician_id, centre_id: seed.islington, starts_at: chosen.starts_at, client_key: `demo-${randomUUID()}`,
  });
  if (bookError || !booked) throw new Error(`book_appointment failed: ${JSON.stringify(bookError)}`);
  const appointment = booked;
  say(`supabase.rpc('book_appointment') → status ${bold(appointment.status)}: this service is paid when booking, so the slot is`);
  say(`held for Sam until ${new Date(appointment.hold_expires_at!).toISOString()} (the clinic's payment hold, 15 minutes).`);

  step('At the same moment the front desk tries to give that time to another patient');
  const frontDesk = await appFor(stack, dbPort, { email: seed.amiraEmail });
  const competing = await frontDesk.rpc('book_appointment', {
    service_id: seed.dermatology, clinician_id: chosen.clinician_id, centre_id: seed.islington, starts_at: chosen.starts_at,
    patient_id: seed.kwamePatient, client_key: `demo-${randomUUID()}`,
  });
  if (!competing.error) throw new Error('the competing booking was accepted: double booking!');
  if (competing.error.code !== 'PT409') throw new Error(`unexpected error: ${JSON.stringify(competing.error)}`);
  say(`Refused: PostgREST answered ${bold(`HTTP ${competing.status}`)} with SQLSTATE ${competing.error.code}; supabase-js hands the app:`);
  show('error', { code: competing.error.code, message: competing.error.message, hint: competing.error.hint });
  say('The exclusion constraint on appointments makes this impossible under any concurrency.');

  step('Sam pays');
  const { data: payment, error: payError } = await samApp.functions.invoke<{ payment_id: string; amount: number; currency: string }>('create-payment', {
    body: { appointment_id: appointment.id, flow: 'payment_intent' },
  });
  if (payError || !payment) throw new Error(`create-payment failed: ${String(payError)}`);
  say(`supabase.functions.invoke('create-payment') answered 200: ${payment.amount} ${payment.currency}, a client secret for Stripe's`);
  say('payment sheet. The amount came from the database, not from the app. What Stripe (the local fake) received:');
  const intentRequest = stripe.requestsTo('POST', '/v1/payment_intents')[0]!;
  show('POST /v1/payment_intents', {
    amount: intentRequest.body.amount, currency: intentRequest.body.currency, metadata: intentRequest.body.metadata,
    'Idempotency-Key': intentRequest.idempotencyKey,
  });
  say('The card is accepted; Stripe calls the signed webhook with payment_intent.succeeded:');
  const intentId = [...stripe.paymentIntents.keys()][0]!;
  const event = JSON.stringify(stripeEvent('payment_intent.succeeded', stripe.succeedPaymentIntent(intentId)));
  for (const attempt of ['first delivery', 'a retry of the same event']) {
    const webhook = await fetch(server.url('/functions/v1/stripe-webhook'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signStripeEvent(event, secrets.stripeWebhook) },
      body: event,
    });
    say(`stripe-webhook (${attempt}) → ${webhook.status} ${JSON.stringify(await webhook.json())}`);
  }
  const [after] = await sql<{ status: string; payment: string }[]>`
    select a.status::text, p.status::text as payment from public.appointments a join public.payments p on p.appointment_id = a.id
    where a.id = ${appointment.id}`;
  say(`The appointment is now ${bold(after!.status)} and the payment ${bold(after!.payment)}; the retry changed nothing.`);

  step('Messages are queued in the outbox; a reminder lands in the dev outbox');
  const queued = await sql<{ kind: string; channel: string; status: string; send_after: Date }[]>`
    select kind::text, channel::text, status::text, send_after from public.notifications
    where appointment_id = ${appointment.id} order by send_after, kind`;
  for (const n of queued) say(`  ${n.kind.padEnd(18)} ${n.channel.padEnd(5)} ${n.status.padEnd(7)} send after ${n.send_after.toISOString()}`);
  say('Reminders follow the clinic\'s offsets (24 h and 2 h before); they move if the visit moves and are voided');
  say('if it is cancelled. Pretend it is now 24 hours before the visit, and let the dispatcher run (pg_cron calls it');
  say('every minute through pg_net; here the demo calls it with the service_role key):');
  await sql`update public.notifications set send_after = now() - interval '1 second'
            where appointment_id = ${appointment.id} and kind = 'reminder' and status = 'queued'
              and send_after = (select min(send_after) from public.notifications where appointment_id = ${appointment.id} and kind = 'reminder')`;
  mark = server.output().length;
  const dispatch = await fetch(server.url('/functions/v1/dispatch-notifications'), {
    method: 'POST', headers: { Authorization: `Bearer ${serviceRoleKey}`, 'Content-Type': 'application/json' }, body: '{}',
  });
  say(`dispatch-notifications → ${dispatch.status} ${JSON.stringify(await dispatch.json())}`);
  await new Promise((r) => setTimeout(r, 200));
  for (const block of outboxSince(server, mark)) show('dev outbox', block);
  const captured = await sql<{ kind: string; status: string }[]>`
    select kind::text, status::text from public.notifications where appointment_id = ${appointment.id} and status <> 'queued' order by kind`;
  say(`Recorded as: ${captured.map((n) => `${n.kind} ${n.status}`).join(', ')} (captured = kept in the dev outbox, NOT sent).`);

  step('Realtime: the change was published to private channels');
  const messages = await sql<{ topic: string; event: string; payload: Record<string, unknown> }[]>`
    select topic, event, payload from realtime.messages
    where topic in (${`patient:${seed.tenant}:${seed.samPatient}`}, ${`schedule:${seed.tenant}:${seed.islington}`})
    order by inserted_at, id`;
  say('Broadcast-from-database wrote these messages; Realtime delivers them to subscribers whom the RLS policy on');
  say('realtime.messages lets join the topic (Sam: his patient topic; staff: the centre schedule):');
  for (const m of messages) say(`  ${m.topic.replace(/[0-9a-f-]{36}/g, (id) => id.slice(0, 8))}  ${m.event}  status=${String((m.payload as { status?: string }).status ?? (m.payload as { record?: { status?: string } }).record?.status ?? '')}`);

  step('Sam cancels in good time and is refunded');
  const { error: cancelError } = await samApp.rpc('cancel_appointment', { id: appointment.id, reason: 'patient_request' });
  if (cancelError) throw new Error(`cancel_appointment failed: ${JSON.stringify(cancelError)}`);
  const [refund] = await sql<{ id: string; amount: string; currency: string; status: string }[]>`
    select id, amount::text, currency::text, status from public.refunds where appointment_id = ${appointment.id}`;
  say(`supabase.rpc('cancel_appointment') → cancelled outside the 48 h window, so no fee: a refund of ${Number(refund!.amount).toFixed(2)} ${refund!.currency}`);
  say(`is ${refund!.status}. The process-refunds worker (pg_cron + pg_net; called here) sends it to Stripe:`);
  const processed = await fetch(server.url('/functions/v1/process-refunds'), {
    method: 'POST', headers: { Authorization: `Bearer ${serviceRoleKey}`, 'Content-Type': 'application/json' }, body: '{}',
  });
  say(`process-refunds → ${processed.status} ${JSON.stringify(await processed.json())}`);
  const refundRequest = stripe.requestsTo('POST', '/v1/refunds')[0]!;
  show('POST /v1/refunds', { payment_intent: refundRequest.body.payment_intent, amount: refundRequest.body.amount, 'Idempotency-Key': refundRequest.idempotencyKey });
  const [final] = await sql<{ refund: string; refunded: string; appointment: string }[]>`
    select r.status as refund, p.amount_refunded::text as refunded, a.status::text as appointment
    from public.refunds r join public.payments p on p.id = r.payment_id join public.appointments a on a.id = r.appointment_id
    where r.id = ${refund!.id}`;
  say(`Refund ${bold(final!.refund)}, ${Number(final!.refunded).toFixed(2)} refunded on the payment, appointment ${final!.appointment}; the cancellation`);
  say('message and the voided reminders are in the outbox, and the slot is free for the next patient.');

  process.stdout.write(`\n${bold('Done.')} Every step above used the real migrations, SQL functions, PostgREST and Edge Functions;\n`);
  process.stdout.write('only Stripe was a local fake, SMS went to the dev outbox, and the sign-in sessions were minted as GoTrue\n');
  process.stdout.write('would issue them. Read docs/payments.md, docs/notifications.md and docs/realtime.md for the details,\n');
  process.stdout.write('and `npm start` to run the stack yourself.\n');
}

/** Delivers a webhook body as Razorpay does: signed raw body, with its event id. */
async function deliverRazorpay(server: FunctionsServer, secret: string, event: Record<string, unknown>, eventId = newRazorpayEventId()): Promise<{ status: number; body: Record<string, unknown> }> {
  const payload = JSON.stringify(event);
  const response = await fetch(server.url('/functions/v1/razorpay-webhook'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Razorpay-Signature': signRazorpayWebhook(payload, secret), 'x-razorpay-event-id': eventId },
    body: payload,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The messages of an appointment that are not yet sent or captured, in the order they are due. */
function queuedFor(sql: Sql, appointmentId: string) {
  return sql<{ kind: string; channel: string; status: string; send_after: Date }[]>`
    select kind::text, channel::text, status::text, send_after from public.notifications
    where appointment_id = ${appointmentId} and status in ('queued', 'voided') order by send_after, kind`;
}

/** Runs the dispatcher as pg_cron would, and shows the WhatsApp messages it captured for `phone`. */
async function showWhatsAppDispatch(server: FunctionsServer, serviceRoleKey: string, phone: string): Promise<void> {
  const mark = server.output().length;
  const dispatch = await fetch(server.url('/functions/v1/dispatch-notifications'), {
    method: 'POST', headers: { Authorization: `Bearer ${serviceRoleKey}`, 'Content-Type': 'application/json' }, body: '{}',
  });
  say(`dispatch-notifications → ${dispatch.status} ${JSON.stringify(await dispatch.json())}`);
  await new Promise((r) => setTimeout(r, 200));
  for (const block of outboxSince(server, mark).filter((b) => b.includes(`whatsapp:${phone}`))) show('dev outbox', block);
}

async function demoRazorpay(sql: Sql, stack: ApiStack, dbPort: number, razorpay: FakeRazorpay, secrets: { razorpayWebhook: string }): Promise<void> {
  const server = stack.gateway;
  const { serviceRoleKey } = stack;

  step('Aarav, a patient of Deccan Mind Care in Pune, signs in');
  say('The clinic takes payments with Razorpay (Stripe does not onboard businesses in India): its row in');
  say(`tenant_payment_settings says provider razorpay, and its money goes to its Route linked account ${india.linkedAccount}.`);
  say('Aarav signs in with a one-time code, as in `npm run demo` (GoTrue calls the Send SMS hook; he prefers WhatsApp, so');
  say('the code goes there once the clinic sets TWILIO_WHATSAPP_OTP_CONTENT_SID, else by SMS); the demo mints the session');
  say('GoTrue would issue.');
  const aaravApp = await appFor(stack, dbPort, { phone: india.aaravPhone });
  const aarav = createSlotbase(aaravApp as never);

  step('Aarav searches for a psychiatric consultation and books the first free time');
  const from = new Date(Date.now() + 2 * 86_400_000).toISOString();
  const to = new Date(Date.now() + 9 * 86_400_000).toISOString();
  const slots = await aarav.searchSlots({ serviceId: india.consultation, centreId: india.kothrud, from, to });
  if (slots.length === 0) throw new Error('search_slots found no consultation slot in the seed: did the seed change?');
  say(`offered ${slots.length} free times, e.g. (local time of the centre):`);
  for (const slot of slots.slice(0, 3)) say(`  ${slot.local_starts_at.replace('T', ' ').slice(0, 16)} (${slot.timezone})`);
  const chosen = slots[0]!;
  const appointment = await aarav.book({ serviceId: india.consultation, clinicianId: chosen.clinician_id, centreId: india.kothrud, startsAt: chosen.starts_at });
  say(`book → status ${bold(appointment.status)}, held for payment until ${new Date(appointment.hold_expires_at!).toISOString()}.`);

  step('Aarav pays with Razorpay Checkout');
  const started = await aarav.pay({ appointmentId: appointment.id, flow: 'payment_intent' });
  say(`pay() → create-payment answered 200 for provider ${bold(started.provider)}: ${started.amount} ${started.currency}, and the options the app opens`);
  say('Razorpay Checkout with (the amount came from the database, in paise):');
  show('razorpay', started.razorpay);
  const orderRequest = razorpay.requestsTo('POST', '/v1/orders')[0]!;
  say('What Razorpay (the local fake) received: an Order with the payment id as receipt, the notes that tie it to the');
  say('tenant, the appointment and the payment, and the transfer of the whole amount to the clinic\'s linked account:');
  show('POST /v1/orders', orderRequest.json);
  say('Aarav pays by UPI in Checkout; its handler gives the app the payment id and a signature:');
  const { checkout } = razorpay.payOrder(started.razorpay!.order_id, { notes: started.razorpay!.notes });
  show('Checkout handler', checkout);
  const forged = await aarav.confirmRazorpayPayment({ paymentId: started.payment_id, ...checkout, razorpay_signature: '0'.repeat(64) }).catch((error: unknown) => error as { code: string; status: number });
  say(`confirmRazorpayPayment with a forged signature → ${bold(`HTTP ${(forged as { status: number }).status} ${(forged as { code: string }).code}`)} (checked against the order the server stored, in constant time).`);
  const confirmed = await aarav.confirmRazorpayPayment({ paymentId: started.payment_id, ...checkout });
  say(`confirmRazorpayPayment with Checkout's result → verify-razorpay-payment checked the signature, fetched the payment from`);
  say(`Razorpay and applied it: payment ${bold(confirmed.payment_status)}, appointment ${bold(confirmed.appointment_status)}.`);

  step('Razorpay\'s signed webhooks arrive afterwards');
  const payment = razorpay.payments.get(checkout.razorpay_payment_id)!;
  const eventId = newRazorpayEventId();
  const event = razorpayEvent('payment.captured', { payment });
  for (const attempt of ['first delivery', 'a retry of the same event']) {
    const answer = await deliverRazorpay(server, secrets.razorpayWebhook, event, eventId);
    say(`razorpay-webhook (${attempt}) → ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  const [after] = await sql<{ status: string; payment: string }[]>`
    select a.status::text, p.status::text as payment from public.appointments a join public.payments p on p.appointment_id = a.id where a.id = ${appointment.id}`;
  say(`The appointment is ${bold(after!.status)} and the payment ${bold(after!.payment)}: the webhook found it done, the retry was a duplicate.`);

  step('Aarav\'s confirmation and receipt take WhatsApp (to the dev outbox here: NOT sent)');
  say('Booking and payment queued messages in the outbox on Aarav\'s preferred channel, WhatsApp. A clinic may start a');
  say('WhatsApp conversation only with templates WhatsApp approved, so each kind maps to the clinic\'s Twilio Content');
  say('template (public.whatsapp_templates): its ContentSid and the values of its variables {{1}}, {{2}}, …');
  for (const n of await queuedFor(sql, appointment.id)) say(`  ${n.kind.padEnd(18)} ${n.channel.padEnd(9)} ${n.status.padEnd(7)} send after ${n.send_after.toISOString()}`);
  say('The dispatcher runs (pg_cron calls it every minute; here the demo calls it with the service_role key):');
  await showWhatsAppDispatch(server, serviceRoleKey, india.aaravPhone);
  const senders = server.output().split('\n').find((line) => line.includes('messaging: sms via'));
  say('No Twilio keys are set here, so the dispatcher\'s WhatsApp sender is the dev outbox, as its log says:');
  if (senders) show('dispatch-notifications log', senders.replace(/^\[[a-z0-9_-]+\] ?/, ''));
  say('It printed what Twilio would get and recorded the messages as captured: NOTHING was sent. With Twilio\'s keys and');
  say('TWILIO_WHATSAPP_FROM (or TWILIO_WHATSAPP_MESSAGING_SERVICE_SID) the same ContentSid and ContentVariables go to');
  say('Twilio\'s Messages API for whatsapp:+91…; with Twilio but no WhatsApp sender these messages go by SMS instead.');
  say('The text in each block is the SMS wording of the same message, kept as a preview: on WhatsApp Aarav reads the');
  say('approved template filled with those variables.');

  step('The front desk books Kavya by phone and sends her a Payment Link');
  const frontDesk = await appFor(stack, dbPort, { email: india.rahulEmail });
  const desk = createSlotbase(frontDesk as never);
  const second = slots.find((slot) => slot.starts_at !== chosen.starts_at && slot.clinician_id === chosen.clinician_id)!;
  const held = await desk.book({ serviceId: india.consultation, clinicianId: second.clinician_id, centreId: india.kothrud, startsAt: second.starts_at, patientId: india.kavyaPatient });
  const link = await desk.pay({ appointmentId: held.id, flow: 'checkout', successUrl: 'https://deccanmindcare.test/paid', cancelUrl: 'https://deccanmindcare.test/no' });
  say(`pay({ flow: 'checkout' }) as the front desk → a Razorpay Payment Link: ${link.checkout_url}`);
  const linkRequest = razorpay.requestsTo('POST', '/v1/payment_links')[0]!.json!;
  show('POST /v1/payment_links', { amount: linkRequest.amount, currency: linkRequest.currency, reference_id: linkRequest.reference_id, notify: linkRequest.notify, expire_by: linkRequest.expire_by });
  say('Razorpay is told not to notify (notify: false): the outbox sends the link as the payment_link message. Kavya prefers');
  say('SMS, so it goes by SMS (the dev outbox again, NOT sent). The dispatcher runs:');
  const mark = server.output().length;
  const dispatch = await fetch(server.url('/functions/v1/dispatch-notifications'), {
    method: 'POST', headers: { Authorization: `Bearer ${serviceRoleKey}`, 'Content-Type': 'application/json' }, body: '{}',
  });
  say(`dispatch-notifications → ${dispatch.status} ${JSON.stringify(await dispatch.json())}`);
  await new Promise((r) => setTimeout(r, 200));
  for (const block of outboxSince(server, mark).filter((b) => b.includes(link.checkout_url!))) show('dev outbox', block);
  const paidLink = razorpay.payLink((await sql<{ id: string }[]>`select razorpay_payment_link_id as id from public.payments where appointment_id = ${held.id}`)[0]!.id);
  const linkPaid = await deliverRazorpay(server, secrets.razorpayWebhook, razorpayEvent('payment_link.paid', { payment_link: paidLink.paymentLink, order: paidLink.order, payment: paidLink.payment }));
  const [kavya] = await sql<{ status: string }[]>`select status::text from public.appointments where id = ${held.id}`;
  say(`Kavya pays on the link's page; razorpay-webhook (payment_link.paid) → ${linkPaid.status} ${linkPaid.body.outcome}: her appointment is ${bold(kavya!.status)}.`);

  step('Aarav cancels in good time and is refunded');
  await aarav.cancel(appointment.id, 'patient_request');
  const [refund] = await sql<{ id: string; amount: string; currency: string; status: string }[]>`
    select id, amount::text, currency::text, status from public.refunds where appointment_id = ${appointment.id}`;
  say(`cancel → outside the 24 h window, no fee: a refund of ${Number(refund!.amount).toFixed(2)} ${refund!.currency} is ${refund!.status}; process-refunds sends it:`);
  const processed = await fetch(server.url('/functions/v1/process-refunds'), {
    method: 'POST', headers: { Authorization: `Bearer ${serviceRoleKey}`, 'Content-Type': 'application/json' }, body: '{}',
  });
  say(`process-refunds → ${processed.status} ${JSON.stringify(await processed.json())}`);
  const refundRequest = razorpay.requestsTo('POST', `/v1/payments/${checkout.razorpay_payment_id}/refund`)[0]!;
  show(`POST /v1/payments/${checkout.razorpay_payment_id}/refund`, { ...refundRequest.json, 'X-Refund-Idempotency': refundRequest.headers['x-refund-idempotency'] });
  const [final] = await sql<{ refund: string; refunded: string }[]>`
    select r.status as refund, p.amount_refunded::text as refunded from public.refunds r join public.payments p on p.id = r.payment_id where r.id = ${refund!.id}`;
  say(`Refund ${bold(final!.refund)}, ${Number(final!.refunded).toFixed(2)} INR refunded; reverse_all took it back from the clinic's linked account.`);
  say('The cancellation voided his reminders and queued the cancellation message; the dispatcher sends it on WhatsApp');
  say('(the clinic\'s approved cancellation template says that a refund due goes back the way he paid):');
  for (const n of await queuedFor(sql, appointment.id)) say(`  ${n.kind.padEnd(18)} ${n.channel.padEnd(9)} ${n.status}`);
  await showWhatsAppDispatch(server, serviceRoleKey, india.aaravPhone);

  process.stdout.write(`\n${bold('Done.')} Every step used the real migrations, SQL functions, PostgREST and Edge Functions; only Razorpay was a\n`);
  process.stdout.write('local fake, and the WhatsApp and SMS messages went to the dev outbox (NOT sent). docs/payments.md and\n');
  process.stdout.write('docs/notifications.md say how to configure Razorpay and Twilio\'s WhatsApp sender on a hosted project.\n');
}

/** `--provider=razorpay` (or `--provider razorpay`); default stripe. */
function providerOf(argv: string[]): 'stripe' | 'razorpay' {
  const index = argv.findIndex((arg) => arg === '--provider' || arg.startsWith('--provider='));
  const value = index < 0 ? 'stripe' : argv[index]!.includes('=') ? argv[index]!.split('=')[1] : argv[index + 1];
  if (value !== 'stripe' && value !== 'razorpay') throw new Error(`--provider must be stripe or razorpay, not ${String(value)}`);
  return value;
}

async function main(): Promise<void> {
  const provider = providerOf(process.argv.slice(2));
  process.stdout.write(`${bold('Slotbase demo')}${provider === 'razorpay' ? ' (Razorpay, a clinic in Pune)' : ''}: building a throwaway local stack (PostgreSQL, migrations, seed, PostgREST, Edge Functions)…\n`);
  const stripe = provider === 'stripe' ? await startFakeStripe() : null;
  const razorpay = provider === 'razorpay' ? await startFakeRazorpay() : null;
  razorpay?.linkedAccounts.add(india.linkedAccount);
  const secrets = {
    stripeWebhook: `whsec_${randomBytes(24).toString('base64')}`,
    razorpayWebhook: randomBytes(24).toString('base64url'),
    smsHook: `v1,whsec_${randomBytes(32).toString('base64')}`,
  };
  const configDir = mkdtempSync(join(tmpdir(), 'slotbase-demo-'));
  let stack: ApiStack | undefined;
  try {
    await withThrowawayDatabase('demo', { seed: true }, async (cluster) => {
      const databaseUrl = dbUrl(cluster.port);
      writeFileSync(join(configDir, '.env'), [
        ...(stripe ? ['STRIPE_SECRET_KEY=sk_test_slotbase_demo', `STRIPE_WEBHOOK_SECRET=${secrets.stripeWebhook}`, `STRIPE_API_BASE=${stripe.url}`] : []),
        ...(razorpay ? [`RAZORPAY_KEY_ID=${razorpay.keyId}`, `RAZORPAY_KEY_SECRET=${razorpay.keySecret}`, `RAZORPAY_WEBHOOK_SECRET=${secrets.razorpayWebhook}`, `RAZORPAY_API_BASE=${razorpay.url}`] : []),
        `SEND_SMS_HOOK_SECRET=${secrets.smsHook}`,
      ].join('\n') + '\n');
      stack = await startApiStack(cluster.port, { envFile: join(configDir, '.env') });
      const sql = postgres(databaseUrl, { max: 4, onnotice: () => {} });
      try {
        if (razorpay) await demoRazorpay(sql, stack, cluster.port, razorpay, secrets);
        else await demo(sql, stack, cluster.port, stripe!, secrets);
      } finally {
        await sql.end({ timeout: 1 });
      }
    });
  } finally {
    await stack?.stop();
    await stripe?.close();
    await razorpay?.close();
    rmSync(configDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`\ndemo failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
