-- The template language is the first of: the patient's preferred_language, its primary subtag,
-- the tenant's locale, its primary subtag, en - for which a template exists. Built-in defaults
-- exist for en and es (every kind x channel); dates follow the language.
begin;
select plan(7);

-- SETUP
select tests.create_notification_fixtures();
update public.patients set preferred_language = 'fr' where id = tests.tenancy_id('patient_a_2');
update public.patients set preferred_language = 'pt-BR' where id = tests.tenancy_id('patient_a_3');
update public.tenants set locale = 'es-ES' where id = tests.tenancy_id('tenant_b');
update public.tenants set reminder_offsets = '{}' where id in (tests.tenancy_id('tenant_a'), tests.tenancy_id('tenant_b'));
select tests.insert_appointment('es_visit', 'appt_checkup', 'clinician_a', 'patient_a_es', now() + interval '3 days');
select tests.insert_appointment('fr_visit', 'appt_checkup', 'clinician_a', 'patient_a_2', now() + interval '4 days');
select tests.insert_appointment('b_visit', 'appt_b_checkup', 'clinician_b', 'patient_b', now() + interval '3 days', 'booked', 'tenant_b', 'centre_b1');

-- TEST
select tests.authenticate_as_service_role();
create temporary table claimed as select * from public.claim_notifications(20, '2 minutes');
reset role;
select is((select count(*)::integer from claimed), 3, 'three confirmations are claimed');
select results_eq(
  $$ select n.language::text, c.subject from claimed as c join public.notifications as n on n.id = c.id
      where n.patient_id = tests.tenancy_id('patient_a_es') $$,
  $$ values ('es', 'Cita confirmada: Check-up el ' || private.format_local_time(now() + interval '3 days', 'Europe/London', 'es')) $$,
  'es-MX falls back to the built-in es template (its primary subtag)');
select matches((select c.body from claimed as c join public.notifications as n on n.id = c.id where n.patient_id = tests.tenancy_id('patient_a_es')),
  '^Hola, Ana García:\n\nSu cita de Check-up está reservada para el (dom|lun|mar|mié|jue|vie|sáb) \d{1,2} (ene|feb|mar|abr|may|jun|jul|ago|sept|oct|nov|dic) \d{4}, \d\d:\d\d \(Europe/London\) en Alpha Central\.\n\nAlpha Clinics$',
  'the Spanish e-mail greets the patient and writes the date with Spanish names');
select is((select n.language::text from public.notifications as n where n.patient_id = tests.tenancy_id('patient_a_2') and n.kind = 'booking_confirmed'),
  'en', 'fr (no template) falls back to the tenant locale en-GB, then en');
select matches((select c.body from claimed as c join public.notifications as n on n.id = c.id where n.patient_id = tests.tenancy_id('patient_a_2')),
  '^Alpha Clinics: your Check-up is booked for (Sun|Mon|Tue|Wed|Thu|Fri|Sat) \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}, \d\d:\d\d \(Europe/London\) at Alpha Central\.$',
  'the English text message names the clinic, service, local time and centre');
select is((select n.language::text from public.notifications as n where n.patient_id = tests.tenancy_id('patient_b')),
  'es', 'a patient without a preference gets the tenant''s locale (es-ES -> es)');
select is(private.notification_language_chain('pt-BR', 'es-ES'), array['pt-BR', 'pt', 'es-ES', 'es', 'en'],
  'the chain: preferred language, its primary subtag, tenant locale, its primary subtag, en');

select * from finish();
rollback;
