-- invitations x select, every role: owners and admins see all invitations of their tenant, managers
-- those for roles below manager; everyone else none; anon has no grant (42501).
begin;
select plan(11);

-- SETUP
select tests.create_tenancy_fixtures();
insert into public.invitations (tenant_id, id, email, phone, role, centre_id) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('inv_front'), 'new.front@alpha.test', null, 'front_desk', null),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('inv_admin'), 'new.admin@alpha.test', null, 'admin', null),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('inv_cm'), null, '+447700900555', 'centre_manager', tests.tenancy_id('centre_a1')),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('inv_spare'), 'spare@alpha.test', null, 'clinician', null);

-- TEST: anon (no grant)
select tests.clear_authentication();
select throws_ok($$ select * from public.invitations $$, '42501', 'permission denied for table invitations', 'anon cannot read invitations');
reset role;

-- TEST: what each caller sees of tenant A's invitations (probe: which query the caller runs)
with probes(probe, statement) as (values
  ('count', $$ select count(*) from public.invitations where tenant_id = tests.tenancy_id('tenant_a') $$),
  ('roles', $$ select role::text from public.invitations where tenant_id = tests.tenancy_id('tenant_a') order by role $$))
select is(tests.rows_as(m.who, p.statement), tests.rows_of(m.sees), m.description)
from (values
  (1, 'patient', 'count', $$ values (0::bigint) $$, 'a patient sees no invitations'),
  (2, 'a_owner', 'count', $$ values (4::bigint) $$, 'an owner sees all invitations of their tenant'),
  (3, 'a_admin', 'count', $$ values (4::bigint) $$, 'an admin sees all invitations of their tenant'),
  (4, 'a_manager', 'roles', $$ values ('centre_manager'), ('clinician'), ('front_desk') $$, 'a manager sees invitations for roles below manager only'),
  (5, 'a_centre_manager', 'count', $$ values (0::bigint) $$, 'a centre manager sees no invitation of tenant_a'),
  (6, 'a_clinician', 'count', $$ values (0::bigint) $$, 'a clinician sees no invitation of tenant_a'),
  (7, 'a_care_coordinator', 'count', $$ values (0::bigint) $$, 'a care coordinator sees no invitation of tenant_a'),
  (8, 'a_front_desk', 'count', $$ values (0::bigint) $$, 'front desk sees no invitation of tenant_a'),
  (9, 'b_owner', 'count', $$ values (0::bigint) $$, 'the owner of another tenant sees no invitation of tenant_a'),
  (10, 'service_role', 'count', $$ values (4::bigint) $$, 'service_role sees every invitation')
) as m(n, who, probe, sees, description)
join probes as p using (probe)
order by m.n;

select * from finish();
rollback;
