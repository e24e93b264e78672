-- Time off is a bounded, non-empty tstzrange (PT422 with a hint otherwise) of a clinician of the
-- same tenant (23503).
begin;
select plan(4);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select is(
  tests.error_of($$ insert into public.time_off (tenant_id, clinician_id, during)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tstzrange('2026-06-09 12:00Z', null)) $$),
  array['PT422', 'time off must have a start before its end, got ["2026-06-09 12:00:00+00",)',
        'Give both instants, start before end, e.g. [2026-08-03 00:00+01,2026-08-08 00:00+01).'],
  'an open-ended period: PT422 with message and hint');
select is(
  (tests.error_of($$ insert into public.time_off (tenant_id, clinician_id, during)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tstzrange('2026-06-09 12:00Z', '2026-06-09 12:00Z')) $$))[1:2],
  array['PT422', 'time off must have a start before its end, got empty'],
  'an empty period: PT422');
select throws_ok(
  $$ insert into public.time_off (tenant_id, clinician_id, during)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tstzrange('2026-06-09 13:00Z', '2026-06-09 12:00Z')) $$,
  '22000', 'range lower bound must be less than or equal to range upper bound',
  'an end before the start cannot even be built as a range: 22000');
select throws_ok(
  $$ insert into public.time_off (tenant_id, clinician_id, during)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_b'), tstzrange('2026-06-09 12:00Z', '2026-06-09 13:00Z')) $$,
  '23503', null,
  'a clinician of another tenant: 23503');

select * from finish();
rollback;
