-- centres x insert, every role: owners, admins and managers open centres in their tenant; other
-- roles, patients and staff of another tenant get 42501 (RLS), anon has no grant (42501).
begin;
select plan(12);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: each caller opens a centre in tenant A; permitted ones are kept
select is(tests.attempt_as(m.who, format($$ insert into public.centres (tenant_id, name, slug) values (tests.tenancy_id('tenant_a'), %L, %L) $$, m.name, m.slug)), m.expected, m.description)
from (values
  ('anon', 'New anon', 'anon', '42501: permission denied for table centres', 'anon cannot open a centre'),
  ('patient', 'New patient', 'patient', '42501: new row violates row-level security policy for table "centres"', 'a patient cannot open a centre in tenant_a'),
  ('a_owner', 'New a-owner', 'a-owner', '1 row', 'an owner opens a centre in their tenant'),
  ('a_admin', 'New a-admin', 'a-admin', '1 row', 'an admin opens a centre in their tenant'),
  ('a_manager', 'New a-manager', 'a-manager', '1 row', 'a manager opens a centre in their tenant'),
  ('a_centre_manager', 'New a-centre-manager', 'a-centre-manager', '42501: new row violates row-level security policy for table "centres"', 'a centre manager cannot open a centre in tenant_a'),
  ('a_clinician', 'New a-clinician', 'a-clinician', '42501: new row violates row-level security policy for table "centres"', 'a clinician cannot open a centre in tenant_a'),
  ('a_care_coordinator', 'New a-care-coordinator', 'a-care-coordinator', '42501: new row violates row-level security policy for table "centres"', 'a care coordinator cannot open a centre in tenant_a'),
  ('a_front_desk', 'New a-front-desk', 'a-front-desk', '42501: new row violates row-level security policy for table "centres"', 'front desk cannot open a centre in tenant_a'),
  ('b_owner', 'New b-owner', 'b-owner', '42501: new row violates row-level security policy for table "centres"', 'the owner of another tenant cannot open a centre in tenant_a'),
  ('service_role', 'New service', 'service', '1 row', 'service_role opens a centre')
) as m(who, name, slug, expected, description);

select is((select timezone::text from public.centres where tenant_id = tests.tenancy_id('tenant_a') and slug = 'a-owner'), 'Europe/London', 'a centre without a time zone takes the tenant''s');

select * from finish();
rollback;
