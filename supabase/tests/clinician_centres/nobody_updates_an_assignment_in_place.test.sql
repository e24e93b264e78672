-- An assignment is a pure key (tenant, clinician, centre): nobody updates one in place; it is
-- removed and re-created. No API role holds UPDATE on public.clinician_centres (42501).
begin;
select plan(4);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: every caller with a role on the assignment, service_role too
select is(tests.attempt_as(m.who, $$ update public.clinician_centres set centre_id = tests.tenancy_id('centre_a2') where clinician_id = tests.tenancy_id('clinician_a') and centre_id = tests.tenancy_id('centre_a1') $$), m.expected, m.description)
from (values
  ('a_owner', '42501: permission denied for table clinician_centres', 'the owner of the tenant cannot update an assignment (no UPDATE grant: delete and insert instead)'),
  ('a_manager', '42501: permission denied for table clinician_centres', 'a manager of the tenant cannot update an assignment (no UPDATE grant: delete and insert instead)'),
  ('a_clinician', '42501: permission denied for table clinician_centres', 'the clinician cannot update an assignment (no UPDATE grant: delete and insert instead)'),
  ('service_role', '42501: permission denied for table clinician_centres', 'service_role cannot update an assignment either')
) as m(who, expected, description);

select * from finish();
rollback;
