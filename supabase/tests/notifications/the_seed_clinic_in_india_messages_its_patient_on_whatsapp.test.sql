-- The demo seed's clinic in Pune (supabase/seed.sql, Deccan Mind Care) sends its patients'
-- messages on WhatsApp: an approved Content template for every message kind, and Aarav Shah, who
-- prefers WhatsApp, gets his confirmation and receipt as those templates with their variables in
-- English (his en-IN falls back to en along the language chain). Kavya Iyer prefers SMS and gets SMS.
begin;
select plan(6);

select results_eq(
  $$ select array_agg(w.kind::text order by w.kind) from public.whatsapp_templates as w
     where w.tenant_id = 'b0000000-0000-4000-8000-000000000003' and w.language = 'en' $$,
  $$ select array_agg(k::text order by k) from unnest(enum_range(null::public.notification_kind)) as k $$,
  'Deccan Mind Care maps an English WhatsApp template to every message kind');
select results_eq(
  $$ select preferred_channel::text, phone::text, (consents -> 'whatsapp_reminders' ->> 'granted')::boolean
     from public.patients where id = '90000000-0000-4000-8000-000000000021' $$,
  $$ values ('whatsapp', '+919000090011', true) $$,
  'Aarav Shah prefers WhatsApp and agreed to reminders there');

-- SETUP: a booked consultation for Aarav and one for Kavya (the triggers queue the confirmations),
-- Aarav's receipt as the payments wiring queues it; everything due now.
insert into public.appointments (tenant_id, id, service_id, clinician_id, centre_id, patient_id, starts_at, ends_at, status, booked_via)
select 'b0000000-0000-4000-8000-000000000003', v.id, '92000000-0000-4000-8000-000000000021', 'f0000000-0000-4000-8000-000000000021',
       'c0000000-0000-4000-8000-000000000021', v.patient, v.at, v.at + interval '50 minutes', 'booked', 'staff'
from (values
  ('93000000-0000-4000-8000-0000000000a1'::uuid, '90000000-0000-4000-8000-000000000021'::uuid, (current_date + 12 + time '11:00') at time zone 'Asia/Kolkata'),
  ('93000000-0000-4000-8000-0000000000a2'::uuid, '90000000-0000-4000-8000-000000000022'::uuid, (current_date + 12 + time '12:00') at time zone 'Asia/Kolkata')
) as v (id, patient, at);
select tests.authenticate_as_service_role();
select public.enqueue_notification('b0000000-0000-4000-8000-000000000003', '90000000-0000-4000-8000-000000000021',
  '93000000-0000-4000-8000-0000000000a1', 'payment_receipt', '{"amount": 2500.00, "currency": "INR"}', 'payment_receipt:seed-test');
reset role;
update public.notifications set send_after = now() - interval '1 second'
where appointment_id in ('93000000-0000-4000-8000-0000000000a1', '93000000-0000-4000-8000-0000000000a2') and kind <> 'reminder';

-- TEST: claimed by a dispatcher that sends WhatsApp
select tests.authenticate_as_service_role();
create temporary table claimed as select * from public.claim_notifications(100, '2 minutes', true);
reset role;
select results_eq(
  $$ select n.kind::text, c.channel::text, c.recipient, c.content_sid, n.language::text
     from claimed as c join public.notifications as n on n.id = c.id
     where n.appointment_id = '93000000-0000-4000-8000-0000000000a1' order by n.kind $$,
  $$ values ('booking_confirmed', 'whatsapp', '+919000090011', 'HX95f00e7fcb4d8054f98cef44e3d80bb5', 'en'),
            ('payment_receipt', 'whatsapp', '+919000090011', 'HX95e3786af03775d0d58ab4d83b6edb15', 'en') $$,
  'Aarav''s confirmation and receipt go on WhatsApp with the clinic''s English templates');
select is(
  (select c.content_variables from claimed as c join public.notifications as n on n.id = c.id
   where n.appointment_id = '93000000-0000-4000-8000-0000000000a1' and n.kind = 'booking_confirmed'),
  jsonb_build_object('1', 'Aarav Shah', '2', 'Psychiatric consultation',
    '3', private.format_local_time((current_date + 12 + time '11:00') at time zone 'Asia/Kolkata', 'Asia/Kolkata', 'en'),
    '4', 'Deccan Mind Care Kothrud'),
  'the confirmation''s variables: his name, the service, the time in Pune, the centre');
select is(
  (select c.content_variables ->> '2' from claimed as c join public.notifications as n on n.id = c.id
   where n.appointment_id = '93000000-0000-4000-8000-0000000000a1' and n.kind = 'payment_receipt'),
  '2500.00 INR', 'the receipt says what he paid, in rupees');
select results_eq(
  $$ select c.channel::text, c.content_sid, n.fallback_reason from claimed as c join public.notifications as n on n.id = c.id
     where n.appointment_id = '93000000-0000-4000-8000-0000000000a2' $$,
  $$ values ('sms', null::text, null::text) $$,
  'Kavya, who prefers SMS, gets SMS');

select * from finish();
rollback;
