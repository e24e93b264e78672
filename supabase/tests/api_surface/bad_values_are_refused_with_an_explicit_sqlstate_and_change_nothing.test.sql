-- One test per class of bad value a client can send (the catalogue side is
-- every_value_a_client_sets_is_bounded.test.sql). Each is refused with an explicit SQLSTATE, a
-- message and, from the RPCs, a reason and a hint, and changes nothing:
--   NaN and Infinity prices, amounts with more decimals than the currency, currencies outside
--   ISO 4217; over-long reasons (cancel, entered in error, series cancel), rule texts, language
--   tags and JSON.
begin;
select plan(18);

-- SETUP: a patient's booked check-up; a manager and the owner of tenant_a
select tests.create_appointment_fixtures();
insert into public.tenants (id, name, slug, timezone, currency, locale) values (tests.tenancy_id('bad_values_tenant'), 'x', 'bad-values', 'UTC', 'GBP', 'en');
select tests.authenticate_as('patient');
create temporary table booked (id uuid);
grant select, insert on booked to authenticated;
insert into booked select id from public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'),
                                                          tests.tenancy_id('centre_a1'), tests.appointment_slot(3, '10:00'));
select tests.authenticate_as('a_manager');

-- TEST: numbers that are not numbers
select throws_ok($$ update public.services set price = 'NaN' where id = tests.tenancy_id('appt_checkup') $$,
  '23514', 'new row for relation "services" violates check constraint "services_price_fits_currency"',
  'a NaN price is refused (it passed price >= 0)');
select throws_ok($$ update public.clinician_services set price_override = 'NaN'
                    where clinician_id = tests.tenancy_id('clinician_a') and service_id = tests.tenancy_id('appt_checkup') $$,
  '23514', 'new row for relation "clinician_services" violates check constraint "clinician_services_price_override_is_a_number"',
  'a NaN price override is refused');
select throws_ok($$ update public.services set price = 'Infinity' where id = tests.tenancy_id('appt_checkup') $$,
  '22003', null, 'an infinite price does not fit numeric(12, 2): 22003');
select throws_ok($$ update public.services set cancellation_fee = 'NaN' where id = tests.tenancy_id('appt_checkup') $$,
  'PT422', 'cancellation_fee and reschedule_fee must be between 0 and the price',
  'a NaN fee is refused (by the service rules, before the NaN check)');

-- TEST: amounts in the currency's minor unit, currencies from ISO 4217
select throws_ok($$ update public.services set currency = 'JPY', price = 1050.50, cancellation_fee = 0 where id = tests.tenancy_id('appt_checkup') $$,
  '23514', 'new row for relation "services" violates check constraint "services_price_fits_currency"',
  'yen have no decimals: 1050.50 JPY is refused');
select lives_ok($$ update public.services set currency = 'JPY', price = 5000, cancellation_fee = 0 where id = tests.tenancy_id('appt_checkup') $$,
  '5000 JPY is a price');
select throws_ok($$ update public.services set currency = 'ZZZ' where id = tests.tenancy_id('appt_checkup') $$,
  '23514', 'value for domain currency_code violates check constraint "currency_code_iso_4217"', 'ZZZ is not a currency');
select is((select price::text || ' ' || currency from public.services where id = tests.tenancy_id('appt_checkup')), '5000.00 JPY',
  'the refused updates changed nothing');

-- TEST: reasons
select is(tests.error_details_of(format('select public.cancel_appointment(%L, %L)', (select id from booked), repeat('x', 501))),
  jsonb_build_object('code', '22001', 'message', 'reason is too long: 501 characters, at most 500', 'detail', 'value_too_long',
                     'hint', 'Shorten reason to at most 500 characters.'),
  'a cancellation reason of 501 characters: 22001 value_too_long with a hint');
select is(tests.error_details_of(format('select public.cancel_appointment(%L, %L)', (select id from booked), repeat('x', 1000000))) ->> 'code',
  '22001', 'a 1 MB reason is refused the same way');
select is((select status::text from public.appointments where id = (select id from booked)), 'booked', 'the appointment is still booked');
select is(tests.error_details_of(format('select public.mark_entered_in_error(%L, %L)', (select id from booked), repeat('x', 501))) ->> 'detail',
  'value_too_long', 'mark_entered_in_error: the same cap');
select is(tests.error_details_of(format('select public.cancel_appointment_series(%L, %L, %L)', (select id from booked), 'all', repeat('x', 501))) ->> 'detail',
  'value_too_long', 'cancel_appointment_series: the same cap, before anything else is looked at');
select lives_ok(format('select public.cancel_appointment(%L, %L)', (select id from booked), repeat('x', 500)),
  'a reason of exactly 500 characters is accepted');

-- TEST: rule texts, language tags, JSON
select is(tests.error_details_of(format($$
  insert into public.availability_rules (tenant_id, clinician_id, centre_id, local_start, local_end, rrule, valid_from)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), '09:00', '17:00', %L, current_date) $$,
  e'FREQ=DAILY\nEXDATE:' || repeat('20260101T090000Z,', 200) || '20260101T090000Z')) - 'message',
  jsonb_build_object('code', '22001', 'detail', 'value_too_long', 'hint', 'Exclude fewer dates, or end the rule and start a new one.'),
  'a rule over 2000 characters is refused before it is parsed');
select tests.authenticate_as('a_owner');
select throws_ok($$ update public.tenants set locale = 'en-' || repeat('abcdefgh-', 4) || 'xy' where id = tests.tenancy_id('tenant_a') $$,
  '23514', 'value for domain language_tag violates check constraint "language_tag_length"', 'a language tag over 35 characters');
select throws_ok($$ update public.patients set consents = (select jsonb_object_agg('consent_' || g, jsonb_build_object('granted', true, 'at', '2026-01-01T00:00:00Z'))
                                                           from generate_series(1, 200) as g)
                    where id = tests.tenancy_id('patient_a') $$,
  '23514', 'new row for relation "patients" violates check constraint "patients_consents_size"', '200 consents (about 10 kB) are refused');
select is((select tenant_id from public.patients where id = tests.tenancy_id('patient_a') and consents ? 'consent_1'), null,
  'and not stored');

select * from finish();
rollback;
