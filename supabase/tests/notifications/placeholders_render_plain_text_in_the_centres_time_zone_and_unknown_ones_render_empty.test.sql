-- Rendering: {{placeholders}} are filled in one pass with plain-text values (a value that looks
-- like a placeholder stays literal), unknown placeholders render empty, times are written in the
-- centre's time zone as "Tue 3 Mar 2026, 09:30 (Europe/London)", amounts with their currency.
begin;
select plan(8);

-- SETUP
select tests.create_notification_fixtures();
update public.tenants set reminder_offsets = '{}' where id = tests.tenancy_id('tenant_a');
insert into public.notification_templates (tenant_id, kind, channel, language, subject, body) values
  (tests.tenancy_id('tenant_a'), 'payment_link', 'sms', 'en-GB', null,
   'Hi {{patient_name}}{{ nonsense }}, {{clinic_name}}: {{service_name}} at {{centre_name}} on {{starts_at_local}}; pay {{amount}} at {{payment_url}}{{offer_expires_at_local}}');
update public.patients set full_name = '{{clinic_name}} <b>Pat</b>' where id = tests.tenancy_id('patient_a');
select tests.insert_appointment('hold', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'), 'pending');
select public.enqueue_notification(tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), tests.tenancy_id('hold'), 'payment_link',
  jsonb_build_object('payment_url', 'https://pay.example/p?a=1&b=2', 'amount', 100.00, 'currency', 'GBP', 'starts_at', '2026-03-03T09:30:00Z'),
  'payment_link:render');

-- TEST
select tests.authenticate_as_service_role();
select is((select body from public.claim_notifications(5, '2 minutes')),
  'Hi {{clinic_name}} <b>Pat</b>, Alpha Clinics: Paid consultation at Alpha Central on Tue 3 Mar 2026, 09:30 (Europe/London); pay 100.00 GBP at https://pay.example/p?a=1&b=2',
  'values are inserted literally (no second expansion, no HTML escaping), unknown placeholders are empty');
reset role;
select is(private.format_local_time('2026-07-14T08:05:00Z', 'Europe/London', 'en'), 'Tue 14 Jul 2026, 09:05 (Europe/London)',
  'summer time in London is UTC+1');
select is(private.format_local_time('2026-03-03T09:30:00Z', 'America/New_York', 'en-US'), 'Tue 3 Mar 2026, 04:30 (America/New_York)',
  'New York in winter is UTC-5');
select is(private.format_local_time('2026-03-03T09:30:00Z', 'Europe/Madrid', 'es-ES'), 'mar 3 mar 2026, 10:30 (Europe/Madrid)',
  'Spanish day and month names');
select is(private.format_local_time(null, 'Europe/London', 'en'), null, 'no time renders as nothing');
select is(private.render_template('{{a}}{{b}}-{{ a }}', '{"a": "x", "b": null}'), 'x-x', 'adjacent and spaced placeholders; null renders empty');
select is(private.render_template('no placeholders', '{}'), 'no placeholders', 'text without placeholders is unchanged');
select is(private.render_template('{{ unclosed', '{"unclosed": "x"}'), '{{ unclosed', 'an unclosed placeholder stays as written');

select * from finish();
rollback;
