-- public.availability_rules: every staff role of the tenant reads all of it; patients, signed-in strangers and
-- other tenants read nothing; anon has no grant (42501); service_role reads everything.
begin;
select plan(14);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.create_availability_fixtures();

-- TEST: anon (no grant)
select tests.clear_authentication();
select throws_ok(
  $$ select 1 from public.availability_rules $$,
  '42501', 'permission denied for table availability_rules',
  'anon cannot read recurring hours at all: 42501');
reset role;

-- TEST: staff of tenant A, any role and scope, read all of tenant A's rows; patients, strangers and
-- tenant B read none of them; service_role bypasses RLS (the matrix all availability tables share)
select is(
  tests.outcome_as(m.who, format($$ select 1 from public.availability_rules where %s $$, m.rows)),
  m.expected,
  m.description)
from tests.availability_reader_matrix('recurring hours', 2, 1) as m;

select * from finish();
rollback;
