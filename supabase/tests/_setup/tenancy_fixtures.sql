-- supabase/tests/_setup/tenancy_fixtures.sql — a standard two-tenant cast for the pgTAP tests of
-- the tenancy tables, in schema `tests`.
--
-- Applied by the test runner AS postgres, committed, in name order with the other _setup files
-- (after 00_test_helpers.sql, whose functions it calls; `create schema if not exists` keeps it
-- independent of that order). Re-applying it is harmless (create or replace). It creates NO data when applied: a test calls
-- `select tests.create_tenancy_fixtures();` inside its own transaction, after `begin`, and the
-- final `rollback` removes everything again.
--
-- Ids are derived from names (`tests.tenancy_id('patient_a')`), so a test refers to any fixture
-- row by name, also inside `$$ … $$` statements it runs as another role. Users are found with
-- `tests.get_supabase_uid('<identifier>')` and become the request user with
-- `tests.authenticate_as('<identifier>')`.
--
-- The cast (every name below is both a tenancy_id name and, for people, a user identifier):
--
--   tenant_a  "Alpha Clinics" (active)         tenant_b  "Beta Health" (active)
--   tenant_c  "Gamma Care" (INACTIVE)
--
--   centres   centre_a1 (published)  centre_a2 (published)  centre_a_unpublished (not published)
--             centre_b1 (published)  centre_c1 (published, of the inactive tenant)
--
--   staff of tenant_a (active members; member id = tenancy_id('<identifier>.member'))
--     a_owner            owner
--     a_admin            admin
--     a_manager          manager
--     a_centre_manager   centre_manager of centre_a1 only
--     a_clinician        clinician (tenant-wide), profile clinician_a
--     a_clinician_2      clinician at centre_a2 only, profile clinician_a_2
--     a_care_coordinator care_coordinator
--     a_front_desk       front_desk
--   staff of tenant_b
--     b_owner            owner
--     b_clinician        clinician, profile clinician_b
--   staff of tenant_c
--     c_owner            owner
--
--   clinician profiles ("member": the staff account linked in public.clinician_members)
--     clinician_a          member a_clinician,   public,     active   works at centre_a1, centre_a_unpublished
--     clinician_a_2        member a_clinician_2, NOT public, active   works at centre_a2
--     clinician_a_retired  no member,            public,     INACTIVE works at centre_a1
--     clinician_a_visiting no member,            public,     active   works at centre_a2
--     clinician_b          member b_clinician,   public,     active   works at centre_b1
--     clinician_c          no member,            public,     active   works at centre_c1 (inactive tenant)
--
--   patients (people with an account: user identifier in brackets)
--     patient_a           [patient]       record in tenant_a
--     patient_b           [patient]       record in tenant_b (the same person, two tenants)
--     patient_a_2         [a_patient_2]   record in tenant_a
--     patient_a_walk_in   (no account)    record in tenant_a, created by the front desk
--     the user `outsider` has an account but no patient record and no membership
--
--   medical notes
--     note_a     about patient_a, by a_clinician
--     note_a_2   about patient_a, by a_clinician_2
--     note_b     about patient_b, by b_clinician
--
-- Users are created without phone numbers (default e-mail <uuid>@test.com), so the auth.users
-- linking trigger never links them by itself; patient records are linked explicitly.

create schema if not exists tests;
grant usage on schema tests to anon, authenticated, service_role;

-- A stable uuid for a fixture name (md5 of the name): the same in every test and every role.
create or replace function tests.tenancy_id(name text)
returns uuid
language sql
immutable
parallel safe
set search_path = ''
as $$
  select pg_catalog.md5('slotbase tenancy fixture: ' || name)::uuid
$$;
comment on function tests.tenancy_id(text) is
  'pgTAP fixtures: the id of the tenancy fixture row called `name` (e.g. tenant_a, centre_a1, clinician_a, patient_b, note_a, a_owner.member).';

-- The fixture tenants, to keep assertions clear of other data (the seed) in the database.
create or replace function tests.tenancy_tenant_ids()
returns uuid[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  select array[tests.tenancy_id('tenant_a'), tests.tenancy_id('tenant_b'), tests.tenancy_id('tenant_c')]
$$;
comment on function tests.tenancy_tenant_ids() is
  'pgTAP fixtures: ids of the fixture tenants (tenant_a, tenant_b, tenant_c), e.g. `where tenant_id = any (tests.tenancy_tenant_ids())`.';

-- Adds an active member with one role (optionally scoped to a centre) to a tenant.
create or replace function tests.add_tenancy_member(identifier text, tenant text, role public.staff_role, centre text default null)
returns uuid
language plpgsql
set search_path = ''
as $$
declare
  v_member_id uuid := tests.tenancy_id(identifier || '.member');
begin
  insert into public.members (tenant_id, id, user_id, display_name)
  values (tests.tenancy_id(tenant), v_member_id, tests.get_supabase_uid(identifier), identifier)
  on conflict (tenant_id, user_id) do nothing;
  insert into public.member_roles (tenant_id, member_id, role, centre_id)
  values (tests.tenancy_id(tenant), v_member_id, role, case when centre is not null then tests.tenancy_id(centre) end);
  return v_member_id;
end
$$;
comment on function tests.add_tenancy_member(text, text, public.staff_role, text) is
  'pgTAP fixtures: makes the test user `identifier` an active member of fixture tenant `tenant` with `role` (at fixture centre `centre` when given); returns the member id (tenancy_id(identifier || ''.member'')).';

-- Creates the whole cast described at the top of this file. Call it as postgres, once per test.
create or replace function tests.create_tenancy_fixtures()
returns void
language plpgsql
set search_path = ''
as $$
declare
  v_identifier text;
begin
  -- people
  foreach v_identifier in array array[
    'a_owner', 'a_admin', 'a_manager', 'a_centre_manager', 'a_clinician', 'a_clinician_2',
    'a_care_coordinator', 'a_front_desk', 'b_owner', 'b_clinician', 'c_owner',
    'patient', 'a_patient_2', 'outsider'
  ] loop
    perform tests.create_supabase_user(v_identifier);
  end loop;

  -- tenants
  insert into public.tenants (id, name, slug, timezone, currency, locale, is_active) values
    (tests.tenancy_id('tenant_a'), 'Alpha Clinics', 'fixture-alpha-clinics', 'Europe/London', 'GBP', 'en-GB', true),
    (tests.tenancy_id('tenant_b'), 'Beta Health', 'fixture-beta-health', 'America/New_York', 'USD', 'en-US', true),
    (tests.tenancy_id('tenant_c'), 'Gamma Care', 'fixture-gamma-care', 'Europe/Madrid', 'EUR', 'es-ES', false);

  -- centres
  insert into public.centres (tenant_id, id, name, slug, timezone, is_active, is_published) values
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a1'), 'Alpha Central', 'central', 'Europe/London', true, true),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a2'), 'Alpha North', 'north', 'Europe/London', true, true),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a_unpublished'), 'Alpha Back Office', 'back-office', 'Europe/London', true, false),
    (tests.tenancy_id('tenant_b'), tests.tenancy_id('centre_b1'), 'Beta Harbor', 'harbor', 'America/New_York', true, true),
    (tests.tenancy_id('tenant_c'), tests.tenancy_id('centre_c1'), 'Gamma Centro', 'centro', 'Europe/Madrid', true, true);

  -- staff
  perform tests.add_tenancy_member('a_owner', 'tenant_a', 'owner');
  perform tests.add_tenancy_member('a_admin', 'tenant_a', 'admin');
  perform tests.add_tenancy_member('a_manager', 'tenant_a', 'manager');
  perform tests.add_tenancy_member('a_centre_manager', 'tenant_a', 'centre_manager', 'centre_a1');
  perform tests.add_tenancy_member('a_clinician', 'tenant_a', 'clinician');
  perform tests.add_tenancy_member('a_clinician_2', 'tenant_a', 'clinician', 'centre_a2');
  perform tests.add_tenancy_member('a_care_coordinator', 'tenant_a', 'care_coordinator');
  perform tests.add_tenancy_member('a_front_desk', 'tenant_a', 'front_desk');
  perform tests.add_tenancy_member('b_owner', 'tenant_b', 'owner');
  perform tests.add_tenancy_member('b_clinician', 'tenant_b', 'clinician');
  perform tests.add_tenancy_member('c_owner', 'tenant_c', 'owner');

  -- clinician profiles and where they work
  insert into public.clinicians (tenant_id, id, display_name, specialisations, languages,
                                 consultation_fee, fee_currency, is_public, is_active) values
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'),
     'Dr Ada Alpha', '{cardiology}', '{en}', 80, 'GBP', true, true),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'),
     'Dr Una Listed', '{dermatology}', '{en,fr}', 90, 'GBP', false, true),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_retired'),
     'Dr Ret Ired', '{cardiology}', '{en}', null, null, true, false),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_visiting'),
     'Dr Vi Siting', '{paediatrics}', '{en,es}', 60, 'GBP', true, true),
    (tests.tenancy_id('tenant_b'), tests.tenancy_id('clinician_b'),
     'Dr Bea Beta', '{psychiatry}', '{en}', 150, 'USD', true, true),
    (tests.tenancy_id('tenant_c'), tests.tenancy_id('clinician_c'),
     'Dr Gus Gamma', '{cardiology}', '{es}', 70, 'EUR', true, true);

  -- which profiles belong to staff accounts
  insert into public.clinician_members (tenant_id, clinician_id, member_id) values
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('a_clinician.member')),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('a_clinician_2.member')),
    (tests.tenancy_id('tenant_b'), tests.tenancy_id('clinician_b'), tests.tenancy_id('b_clinician.member'));

  insert into public.clinician_centres (tenant_id, clinician_id, centre_id) values
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1')),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a_unpublished')),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2')),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_retired'), tests.tenancy_id('centre_a1')),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('centre_a2')),
    (tests.tenancy_id('tenant_b'), tests.tenancy_id('clinician_b'), tests.tenancy_id('centre_b1')),
    (tests.tenancy_id('tenant_c'), tests.tenancy_id('clinician_c'), tests.tenancy_id('centre_c1'));

  -- patients
  insert into public.patients (tenant_id, id, user_id, full_name, phone, date_of_birth) values
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), tests.get_supabase_uid('patient'),
     'Pat Alpha', '+447700900101', date '1980-02-03'),
    (tests.tenancy_id('tenant_b'), tests.tenancy_id('patient_b'), tests.get_supabase_uid('patient'),
     'Pat Beta', '+12025550101', date '1980-02-03'),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a_2'), tests.get_supabase_uid('a_patient_2'),
     'Second Patient', '+447700900102', date '1991-07-08'),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a_walk_in'), null,
     'Walk In', '+447700900103', date '2001-11-12');

  -- medical notes
  insert into public.medical_notes (tenant_id, id, patient_id, author_member_id, body) values
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('note_a'), tests.tenancy_id('patient_a'),
     tests.tenancy_id('a_clinician.member'), 'Alpha note by the tenant-wide clinician'),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('note_a_2'), tests.tenancy_id('patient_a'),
     tests.tenancy_id('a_clinician_2.member'), 'Alpha note by the centre clinician'),
    (tests.tenancy_id('tenant_b'), tests.tenancy_id('note_b'), tests.tenancy_id('patient_b'),
     tests.tenancy_id('b_clinician.member'), 'Beta note');
end
$$;
comment on function tests.create_tenancy_fixtures() is
  'pgTAP fixtures: creates the standard three-tenant cast (see supabase/tests/_setup/tenancy_fixtures.sql) inside the calling transaction. Call as postgres after begin.';

-- The tests call these as postgres; tenancy_id is also used inside statements run as API roles.
revoke execute on function tests.tenancy_id(text) from public;
revoke execute on function tests.tenancy_tenant_ids() from public;
revoke execute on function tests.add_tenancy_member(text, text, public.staff_role, text) from public;
revoke execute on function tests.create_tenancy_fixtures() from public;
grant execute on function tests.tenancy_id(text) to anon, authenticated, service_role;
grant execute on function tests.tenancy_tenant_ids() to anon, authenticated, service_role;
grant execute on function tests.add_tenancy_member(text, text, public.staff_role, text) to anon, authenticated, service_role;
grant execute on function tests.create_tenancy_fixtures() to anon, authenticated, service_role;
