-- supabase/tests/_setup/notifications_fixtures.sql — what the notification tests work
-- with, on top of the waitlist fixtures (waitlist_fixtures.sql: appointments, catalogue,
-- tenancy), in schema `tests`. Applied like the other _setup files (as postgres, committed,
-- creates no data); a test calls `select tests.create_notification_fixtures();` after `begin`
-- and the final `rollback` removes everything.
--
--   everything of tests.create_waitlist_fixtures() (appt_checkup, appt_paid, ... at centre_a1,
--   Europe/London; patients patient_a, patient_a_2, patient_a_3, patient_a_walk_in with phones;
--   tenant_a reminder_offsets default {24 hours,2 hours}), plus in tenant_a
--     patient_a_es       no account, e-mail only (ana.es@example.com), preferred_language es-MX
--     patient_a_nobody   no account, neither phone nor e-mail
--
-- tests.notifications_of(appointment name) lists the notifications of a fixture appointment;
-- tests.make_notifications_due() moves every queued notification's send_after and
-- next_attempt_at into the past so claim_notifications takes them now.

create schema if not exists tests;

create or replace function tests.create_notification_fixtures()
returns void
language plpgsql
set search_path = ''
as $$
begin
  perform tests.create_waitlist_fixtures();
  insert into public.patients (tenant_id, id, user_id, full_name, phone, email, preferred_language, preferred_channel) values
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a_es'), null, 'Ana García', null, 'ana.es@example.com', 'es-MX', 'email'),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a_nobody'), null, 'No Body', null, null, null, null);
end
$$;
comment on function tests.create_notification_fixtures() is
  'pgTAP fixtures: the waitlist fixtures plus patient_a_es (e-mail only, es-MX) and patient_a_nobody (no address) in tenant_a; see supabase/tests/_setup/notifications_fixtures.sql. Call as postgres, once per test.';

create or replace function tests.notifications_of(appointment text)
returns setof public.notifications
language plpgsql
stable
set search_path = ''
as $$
begin
  -- plpgsql: bodies are checked when called, and this file is applied before tenancy_fixtures.sql
  return query
  select n.*
  from public.notifications as n
  where n.appointment_id = tests.tenancy_id(appointment)
  order by n.kind, n.send_after, n.created_at;
end
$$;
comment on function tests.notifications_of(text) is
  'pgTAP fixtures: the notifications about fixture appointment `appointment`, by kind and send_after.';

create or replace function tests.make_notifications_due()
returns integer
language sql
volatile
set search_path = ''
as $$
  with due as (
    update public.notifications as n
       set send_after = pg_catalog.now() - interval '1 second',
           next_attempt_at = case when n.next_attempt_at is not null then pg_catalog.now() - interval '1 second' end
     where n.status = 'queued'
    returning 1
  )
  select pg_catalog.count(*)::integer from due
$$;
comment on function tests.make_notifications_due() is
  'pgTAP fixtures: makes every queued notification due now (send_after and next_attempt_at in the past); returns how many.';

revoke execute on function tests.create_notification_fixtures() from public;
revoke execute on function tests.notifications_of(text) from public;
revoke execute on function tests.make_notifications_due() from public;
grant execute on function tests.notifications_of(text) to authenticated, service_role;

create or replace function tests.fail_notification_insert()
returns trigger
language plpgsql
set search_path = ''
as $$
-- BEFORE INSERT trigger on public.notifications for the tests of unexpected queueing errors:
-- raises XX000 'boom' for every message, or only for the kind named as the trigger's argument.
begin
  if tg_nargs = 0 or new.kind::text = tg_argv[0] then
    raise exception using errcode = 'XX000', message = 'boom';
  end if;
  return new;
end
$$;
comment on function tests.fail_notification_insert() is
  'pgTAP fixtures: a BEFORE INSERT trigger function for public.notifications that fails with XX000 boom (every message, or only the kind given as its argument). A test creates the trigger and drops it again.';
