-- public.centre_public_page: one anonymous call returns a published centre's page - tenant and
-- centre profile, published departments with their public clinicians and services in display
-- order, public clinicians with public credentials, rating and next free slot (the first start
-- search_slots offers for their first public service), public services with prices - and nothing
-- the public may not see.
begin;
select plan(17);

-- SETUP: the appointment cast (clinician_a and clinician_a_visiting work at centre_a1 every day
-- 09:00-17:00 London) with a profile, departments, credentials and a review
select tests.create_appointment_fixtures();
update public.tenants set about = 'Alpha since 1999', website_url = 'https://alpha.example', logo_path = tests.tenancy_id('tenant_a')::text || '/logo.png'
where id = tests.tenancy_id('tenant_a');
update public.centres set latitude = 51.5, longitude = -0.12, languages = '{en, pl}', accessibility_notes = 'Step-free', about = 'Central clinic'
where id = tests.tenancy_id('centre_a1');
insert into public.clinician_centres (tenant_id, clinician_id, centre_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a1'));
insert into public.departments (tenant_id, id, centre_id, name, slug, display_order, is_published) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('dept_skin'), tests.tenancy_id('centre_a1'), 'Dermatology', 'dermatology', 2, true),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('dept_gp'), tests.tenancy_id('centre_a1'), 'General practice', 'gp', 1, true),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('dept_draft'), tests.tenancy_id('centre_a1'), 'Sleep clinic', 'sleep', 0, false);
insert into public.department_clinicians (tenant_id, department_id, clinician_id, display_order) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('dept_gp'), tests.tenancy_id('clinician_a_visiting'), 2),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('dept_gp'), tests.tenancy_id('clinician_a'), 1),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('dept_gp'), tests.tenancy_id('clinician_a_2'), 0);
insert into public.department_services (tenant_id, department_id, service_id, display_order) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('dept_gp'), tests.tenancy_id('appt_checkup'), 1),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('dept_gp'), tests.tenancy_id('service_a_internal'), 2);
insert into public.clinician_credentials (tenant_id, clinician_id, kind, title, issuer, reference_number, is_public) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), 'registration', 'Full registration', 'General Medical Council', 'GMC 1234567', true),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), 'certificate', 'Private certificate', null, null, false);
select tests.insert_appointment('visit_done', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(-3, '10:00'), 'fulfilled');
insert into public.reviews (tenant_id, appointment_id, clinician_id, patient_id, rating) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('visit_done'), tests.tenancy_id('clinician_a'), tests.tenancy_id('patient_a'), 4);
create temp table page as select public.centre_public_page('fixture-alpha-clinics', 'central') as p;
grant select on page to anon;

-- TEST: anyone may call it; unknown or unpublished centres look missing
select is(tests.outcome_as('anon', $$ select public.centre_public_page('fixture-alpha-clinics', 'central') $$), '1 row', 'anon calls it');
select throws_ok($$ select public.centre_public_page('fixture-alpha-clinics', 'back-office') $$, 'PT404', 'centre not found', 'an unpublished centre has no page');
select throws_ok($$ select public.centre_public_page('fixture-gamma-care', 'centro') $$, 'PT404', 'centre not found', 'nor has a centre of an inactive tenant');
select throws_ok($$ select public.centre_public_page(null, 'central') $$, '22023', 'tenant_slug and centre_slug are required', 'slugs are required');

-- TEST: the profile
select is((select p -> 'tenant' ->> 'about' from page), 'Alpha since 1999', 'the tenant profile');
select is((select p -> 'centre' ->> 'logo_path' from page), tests.tenancy_id('tenant_a')::text || '/logo.png', 'the centre shows the tenant''s logo when it has none');
select is((select array[p -> 'centre' ->> 'accessibility_notes', p -> 'centre' ->> 'latitude', p -> 'centre' -> 'languages' ->> 1] from page),
  array['Step-free', '51.500000', 'pl'], 'the centre''s accessibility notes, coordinates and languages');
select is((select p -> 'centre' -> 'opening_hours' from page), (select opening_hours from public.centres where id = tests.tenancy_id('centre_a1')),
  'its opening hours');

-- TEST: departments, in display order, with their public clinicians and services only
select results_eq($$ select d ->> 'name' from page, jsonb_array_elements(p -> 'departments') as d $$,
  $$ values ('General practice'), ('Dermatology') $$, 'published departments in display order');
select results_eq($$ select x from page, jsonb_array_elements_text(p -> 'departments' -> 0 -> 'clinician_ids') as x $$,
  $$ values (tests.tenancy_id('clinician_a')::text), (tests.tenancy_id('clinician_a_visiting')::text) $$,
  'a department lists its public clinicians in display order (not the unlisted one)');
select results_eq($$ select x from page, jsonb_array_elements_text(p -> 'departments' -> 0 -> 'service_ids') as x $$,
  $$ values (tests.tenancy_id('appt_checkup')::text) $$, 'and its public services');

-- TEST: clinicians
select results_eq($$ select c ->> 'id' from page, jsonb_array_elements(p -> 'clinicians') as c $$,
  $$ values (tests.tenancy_id('clinician_a')::text), (tests.tenancy_id('clinician_a_visiting')::text) $$,
  'the public, active clinicians working there (not clinician_a_2, not the retired one)');
select results_eq(
  $$ select cr ->> 'title' from page, jsonb_array_elements(p -> 'clinicians') as c, jsonb_array_elements(c -> 'credentials') as cr
     where c ->> 'id' = tests.tenancy_id('clinician_a')::text $$,
  $$ values ('Full registration') $$, 'public credentials only');
select is((select array[c ->> 'review_count', c ->> 'average_rating'] from page, jsonb_array_elements(p -> 'clinicians') as c
            where c ->> 'id' = tests.tenancy_id('clinician_a')::text), array['1', '4.00'], 'the clinician''s rating');
select is(
  (select (c -> 'next_free_slot' ->> 'starts_at')::timestamptz from page, jsonb_array_elements(p -> 'clinicians') as c
    where c ->> 'id' = tests.tenancy_id('clinician_a')::text),
  (select pg_catalog.min(s.starts_at) from public.search_slots(tests.tenancy_id('appt_scan'), tests.tenancy_id('centre_a1'), now(), now() + interval '7 days', tests.tenancy_id('clinician_a')) as s),
  'the next free slot is the first start search_slots offers for the clinician''s first public service (Scan, 20 minutes)');

-- TEST: services with prices
select results_eq($$ select s ->> 'name', s ->> 'price' from page, jsonb_array_elements(p -> 'services') as s $$,
  $$ values ('Check-up', '50.00'), ('Consultation', '80.00'), ('Paid consultation', '100.00'), ('Scan', '90.00'), ('Ultrasound scan', '150.00'), ('Video call', '40.00') $$,
  'the public services offered there with their prices, by name (not the internal one)');
select is((select s ->> 'price_from' from page, jsonb_array_elements(p -> 'services') as s where s ->> 'name' = 'Consultation'), '95.00',
  'price_from is the lowest price a clinician there charges');

select * from finish();
rollback;
