-- Catalogue-wide: every text, JSON and number argument of a public function that anon or
-- authenticated may call is bounded, and a value far beyond the bound (100,000 characters, NaN)
-- is refused with an explicit SQLSTATE. The list of such arguments is read from the catalogue and
-- must equal the list below, so a new argument fails this test until it has a bound and a case.
-- request_refund's arguments end in refunds' check constraints (a fixed list of reasons, a
-- number: refunds_amount_is_a_number); they need a paid appointment and are pinned by the
-- payments tests, so they have no call here.
begin;
select plan(3);

-- SETUP: a booked check-up of patient_a, a paid one, and who calls
select tests.create_appointment_fixtures();
select tests.insert_appointment('bounded_args', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));
create temporary table cases (function_name text, argument text, bound text, call text, expected_code text);
insert into cases values
  ('appointments_by_status_and_period', 'period', 'day, week or month', $$ select * from public.appointments_by_status_and_period(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-01-31', period => $v$) $$, '22023'),
  ('book_appointment', 'client_key', '1 to 200 characters', $$ select public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), tests.appointment_slot(4, '10:00'), tests.tenancy_id('patient_a'), $v$) $$, '22023'),
  ('book_appointment', 'override_reason', '500 characters (appointments_override_reason_length)', $$ select public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), tests.appointment_slot(4, '10:00'), tests.tenancy_id('patient_a'), null, true, $v$) $$, '23514'),
  ('book_appointment_series', 'client_key', '1 to 196 characters', $$ select public.book_appointment_series(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), tests.appointment_slot(4, '10:00'), 'FREQ=WEEKLY;COUNT=2', tests.tenancy_id('patient_a'), $v$) $$, '22023'),
  ('book_appointment_series', 'rrule', '2000 characters', $$ select public.book_appointment_series(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), tests.appointment_slot(4, '10:00'), $v$, tests.tenancy_id('patient_a')) $$, '22001'),
  ('cancel_appointment', 'reason', '500 characters', $$ select public.cancel_appointment(tests.tenancy_id('bounded_args'), $v$) $$, '22001'),
  ('cancel_appointment_series', 'reason', '500 characters', $$ select public.cancel_appointment_series(tests.tenancy_id('bounded_args'), 'all', $v$) $$, '22001'),
  ('cancel_appointment_series', 'scope', 'this, following or all', $$ select public.cancel_appointment_series(tests.tenancy_id('bounded_args'), $v$, 'x') $$, '22023'),
  ('centre_public_page', 'centre_slug', 'a slug of at most 63 characters: a longer one names no centre', $$ select public.centre_public_page('bounded', $v$) $$, 'PT404'),
  ('centre_public_page', 'tenant_slug', 'a slug of at most 63 characters: a longer one names no centre', $$ select public.centre_public_page($v$, 'bounded') $$, 'PT404'),
  ('collected_revenue', 'period', 'day, week or month', $$ select * from public.collected_revenue(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-01-31', period => $v$) $$, '22023'),
  ('create_tenant', 'currency', 'ISO 4217', $$ select public.create_tenant('Bounded', 'bounded', 'Europe/London', $v$, 'en') $$, '22023'),
  ('create_tenant', 'locale', 'language tag of 35 characters', $$ select public.create_tenant('Bounded', 'bounded', 'Europe/London', 'GBP', $v$) $$, '22023'),
  ('create_tenant', 'name', '500 characters', $$ select public.create_tenant($v$, 'bounded', 'Europe/London', 'GBP', 'en') $$, '22023'),
  ('create_tenant', 'slug', '2 to 63 characters', $$ select public.create_tenant('Bounded', $v$, 'Europe/London', 'GBP', 'en') $$, '22023'),
  ('create_tenant', 'timezone', 'an IANA zone', $$ select public.create_tenant('Bounded', 'bounded', $v$, 'GBP', 'en') $$, '22023'),
  ('edit_review', 'body', '2000 characters', $$ select public.edit_review(tests.tenancy_id('bounded_args'), 5, $v$) $$, '22023'),
  ('hide_review', 'reason', '1 to 500 characters', $$ select public.hide_review(tests.tenancy_id('bounded_args'), $v$) $$, '22023'),
  ('import_rows', 'kind', 'patients, services or clinicians', $$ select * from public.import_rows(tests.tenancy_id('tenant_a'), $v$, array['full_name'], '[]') $$, '22023'),
  ('import_rows', 'rows', 'a JSON array of at most 1000 rows, each cell bounded by its column', $$ select * from public.import_rows(tests.tenancy_id('tenant_a'), 'patients', array['full_name'], pg_catalog.to_jsonb($v$::text)) $$, '22023'),
  ('mark_entered_in_error', 'reason', '500 characters', $$ select public.mark_entered_in_error(tests.tenancy_id('bounded_args'), $v$) $$, '22001'),
  ('new_vs_returning_patients', 'period', 'day, week or month', $$ select * from public.new_vs_returning_patients(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-01-31', period => $v$) $$, '22023'),
  ('request_refund', 'amount', 'a number up to what is refundable', $$ select public.request_refund(tests.tenancy_id('bounded_args'), 'NaN'::numeric, 'x') $$, null),
  ('request_refund', 'reason', 'a fixed list', $$ select public.request_refund(tests.tenancy_id('bounded_args'), 1, $v$) $$, null),
  ('reschedule_appointment_series', 'scope', 'this, following or all', $$ select public.reschedule_appointment_series(tests.tenancy_id('bounded_args'), $v$, now()) $$, '22023'),
  ('revenue_by_period', 'period', 'day, week or month', $$ select * from public.revenue_by_period(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-01-31', period => $v$) $$, '22023'),
  ('search_directory', 'language', 'a BCP 47 tag', $$ select * from public.search_directory(null, $v$) $$, '22023'),
  ('search_directory', 'query', '100 characters', $$ select * from public.search_directory($v$) $$, '22023'),
  ('search_patients', 'query', '3 to 100 characters', $$ select * from public.search_patients(tests.tenancy_id('tenant_a'), $v$) $$, '22023'),
  ('search_products', 'category', '100 characters', $$ select * from public.search_products(null, null, null, $v$) $$, '22023'),
  ('search_products', 'query', '100 characters', $$ select * from public.search_products($v$) $$, '22023'),
  ('submit_review', 'body', '2000 characters', $$ select public.submit_review(tests.tenancy_id('bounded_args'), 5, $v$) $$, '22023');

-- TEST: the arguments are exactly these
select is(
  array(select p.proname || '.' || a.name
        from pg_catalog.pg_proc as p
        cross join lateral rows from (pg_catalog.unnest(p.proargnames[1:pg_catalog.cardinality(p.proargtypes::oid[])]),
                                     pg_catalog.unnest(p.proargtypes::oid[])) as a (name, type)
        where p.pronamespace = 'public'::regnamespace
          and (pg_catalog.has_function_privilege('anon', p.oid, 'EXECUTE') or pg_catalog.has_function_privilege('authenticated', p.oid, 'EXECUTE'))
          and (a.type in ('text'::regtype, 'varchar'::regtype, 'jsonb'::regtype, 'json'::regtype, 'numeric'::regtype)
               or a.type in (select t.oid from pg_catalog.pg_type as t where t.typbasetype in ('text'::regtype, 'numeric'::regtype)))
        order by 1),
  array(select c.function_name || '.' || c.argument from cases as c order by 1),
  'every text, JSON and number argument a client can pass has a bound and a case here');

-- TEST: a value far beyond the bound is refused
create temporary table outcomes as select c.function_name, c.argument, c.expected_code, null::text as code from cases as c where false;
grant select, insert on outcomes to authenticated;
grant select on cases to authenticated;
create function pg_temp.run_cases() returns void language plpgsql as $$
declare
  v_case record;
begin
  for v_case in select * from cases where expected_code is not null loop
    insert into outcomes values (v_case.function_name, v_case.argument, v_case.expected_code,
      tests.error_details_of(pg_catalog.replace(v_case.call, '$v$', pg_catalog.quote_literal(pg_catalog.repeat('x', 100000)))) ->> 'code');
  end loop;
end $$;
grant execute on function pg_temp.run_cases() to authenticated;
select tests.authenticate_as('a_owner');
select pg_temp.run_cases();
select is(
  array(select o.function_name || '.' || o.argument || ': ' || coalesce(o.code, 'accepted') from outcomes as o
        where o.code is distinct from o.expected_code order by 1),
  '{}'::text[],
  '100,000 characters are refused with the expected SQLSTATE for every bounded argument (as an owner)');
reset role;
select is((select count(*)::integer from public.appointments where tenant_id = tests.tenancy_id('tenant_a')
             and (status <> 'booked' or char_length(cancellation_reason) > 500 or char_length(override_reason) > 500)),
  0, 'nothing was booked, cancelled or stored');

select * from finish();
rollback;
