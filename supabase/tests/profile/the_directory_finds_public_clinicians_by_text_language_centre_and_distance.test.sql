-- public.search_directory: listed clinicians at published centres, by text (name, title,
-- specialisation, a department listing them there, a service they offer; substring or close
-- spelling), language, clinic, centre and distance from a point, ranked; nothing unlisted.
begin;
select plan(15);

-- SETUP: coordinates (centre_a1 in central London, centre_a2 12 km north, centre_b1 in New York),
-- specialisations, languages, a department
select tests.create_appointment_fixtures();
update public.centres set latitude = 51.507400, longitude = -0.127800 where id = tests.tenancy_id('centre_a1');
update public.centres set latitude = 51.615000, longitude = -0.127800 where id = tests.tenancy_id('centre_a2');
update public.centres set latitude = 40.712800, longitude = -74.006000 where id = tests.tenancy_id('centre_b1');
update public.clinicians set specialisations = '{Dermatology}', languages = '{en, hi}', display_name = 'Dr Asha Rao' where id = tests.tenancy_id('clinician_a');
update public.clinicians set specialisations = '{Cardiology}', languages = '{pl}', display_name = 'Dr Jan Nowak' where id = tests.tenancy_id('clinician_a_visiting');
update public.clinicians set specialisations = '{Dermatology}', languages = '{en-US}' where id = tests.tenancy_id('clinician_b');
update public.clinicians set specialisations = '{Dermatology}' where id = tests.tenancy_id('clinician_a_2');
insert into public.departments (tenant_id, id, centre_id, name, slug) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('dept_sleep'), tests.tenancy_id('centre_a2'), 'Sleep medicine', 'sleep');
insert into public.department_clinicians (tenant_id, department_id, clinician_id) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('dept_sleep'), tests.tenancy_id('clinician_a_visiting'));
create function pg_temp.found(p_query text default null, p_language text default null, p_tenant uuid default null, p_centre uuid default null,
                              p_lat double precision default null, p_lon double precision default null, p_km double precision default null)
returns text[] language sql as $$
  select coalesce(array_agg(display_name || '@' || centre_slug order by ordinality), '{}')
  from public.search_directory(p_query, p_language, p_tenant, p_centre, p_lat, p_lon, p_km, 100) with ordinality
  where tenant_id = any (tests.tenancy_tenant_ids())  -- the fixture clinics, not the seed's
$$;
select tests.clear_authentication();

-- TEST: text
select is(pg_temp.found('dermat', p_tenant => tests.tenancy_id('tenant_a')), array['Dr Asha Rao@central'],
  'by specialisation: the public clinician, not the unlisted one');
select is(pg_temp.found('nowak'), array['Dr Jan Nowak@central', 'Dr Jan Nowak@north'], 'by name, at every centre they work at');
select is(pg_temp.found('sleep'), array['Dr Jan Nowak@north'], 'by department: only at the centre whose department lists them');
select is(pg_temp.found('video call', p_tenant => tests.tenancy_id('tenant_a')), array['Dr Asha Rao@central', 'Dr Jan Nowak@central', 'Dr Jan Nowak@north'],
  'by a service they offer');
select is(pg_temp.found('dermatolgy', p_tenant => tests.tenancy_id('tenant_a')), array['Dr Asha Rao@central'], 'a misspelling still finds it');
select is(pg_temp.found('zzzz'), '{}'::text[], 'no match, no rows');
select ok((select bool_and(score between 0 and 1) and bool_or(score = 1) from public.search_directory('dermatology')), 'scores lie in 0..1, an exact word scores 1');

-- TEST: language, clinic and centre
select is(pg_temp.found(p_language => 'hi'), array['Dr Asha Rao@central'], 'by language');
select is(pg_temp.found('dermatology', p_language => 'en'), array['Dr Asha Rao@central', (select display_name from public.clinicians where id = tests.tenancy_id('clinician_b')) || '@harbor'],
  'en also finds en-US');
select is(pg_temp.found(p_centre => tests.tenancy_id('centre_a2')), array['Dr Jan Nowak@north'], 'by centre');

-- TEST: distance
select is(pg_temp.found(p_lat => 51.5007, p_lon => -0.1246, p_km => 5), array['Dr Asha Rao@central', 'Dr Jan Nowak@central'],
  'within 5 km of Westminster: the central centre only');
select is(pg_temp.found(p_lat => 51.62, p_lon => -0.13, p_km => 50), array['Dr Jan Nowak@north', 'Dr Asha Rao@central', 'Dr Jan Nowak@central'],
  'nearest first');
select ok((select abs(distance_km - 12.0) < 0.1 from public.search_directory(centre_id => tests.tenancy_id('centre_a2'), latitude => 51.5074, longitude => -0.1278)),
  'distance_km is the great-circle distance (0.1076 degrees of latitude = 12.0 km)');

-- TEST: bad input
select throws_ok($$ select * from public.search_directory(latitude => 51.5) $$, '22023', null, 'a point needs both coordinates');
select throws_ok($$ select * from public.search_directory(within_km => 5) $$, '22023', null, 'within_km needs a point');

select * from finish();
rollback;
