-- tenants x select, every role: anon and signed-in users see active tenants; staff also see
-- their own tenant when it is inactive; service_role sees everything.
begin;
select plan(13);

-- SETUP: tenant_a, tenant_b active; tenant_c inactive (owner c_owner)
select tests.create_tenancy_fixtures();

-- TEST: one assertion per role (probe: which query the caller runs)
with probes(probe, statement) as (values
  ('slugs', $$ select slug::text from public.tenants where slug like 'fixture-%' order by slug $$),
  ('count', $$ select count(*) from public.tenants where slug like 'fixture-%' $$),
  ('gamma', $$ select count(*) from public.tenants where slug = 'fixture-gamma-care' $$))
select is(tests.rows_as(m.who, p.statement), tests.rows_of(m.sees), m.description)
from (values
  (1, 'anon', 'slugs', $$ values ('fixture-alpha-clinics'), ('fixture-beta-health') $$, 'anon sees the active tenants only'),
  (2, 'patient', 'slugs', $$ values ('fixture-alpha-clinics'), ('fixture-beta-health') $$, 'a patient sees the active tenants only'),
  (3, 'outsider', 'slugs', $$ values ('fixture-alpha-clinics'), ('fixture-beta-health') $$, 'a signed-in user with no ties sees the active tenants only'),
  (4, 'a_owner', 'slugs', $$ values ('fixture-alpha-clinics'), ('fixture-beta-health') $$, 'an owner sees the active tenants'),
  (5, 'a_admin', 'count', $$ values (2::bigint) $$, 'an admin sees the active tenants'),
  (6, 'a_manager', 'count', $$ values (2::bigint) $$, 'a manager sees the active tenants'),
  (7, 'a_centre_manager', 'count', $$ values (2::bigint) $$, 'a centre manager sees the active tenants'),
  (8, 'a_clinician', 'count', $$ values (2::bigint) $$, 'a clinician sees the active tenants'),
  (9, 'a_care_coordinator', 'count', $$ values (2::bigint) $$, 'a care coordinator sees the active tenants'),
  (10, 'a_front_desk', 'count', $$ values (2::bigint) $$, 'front desk sees the active tenants'),
  (11, 'c_owner', 'slugs', $$ values ('fixture-alpha-clinics'), ('fixture-beta-health'), ('fixture-gamma-care') $$, 'staff of an inactive tenant still see it (and other tenants'' staff do not)'),
  (12, 'b_owner', 'gamma', $$ values (0::bigint) $$, 'staff of another tenant do not see an inactive tenant'),
  (13, 'service_role', 'count', $$ values (3::bigint) $$, 'service_role sees every tenant')
) as m(n, who, probe, sees, description)
join probes as p using (probe)
order by m.n;

select * from finish();
rollback;
