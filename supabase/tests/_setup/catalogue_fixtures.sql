-- supabase/tests/_setup/catalogue_fixtures.sql — the catalogue (services,
-- clinician_services, resources) on top of the tenancy cast of tenancy_fixtures.sql, in schema
-- `tests`. Applied like the other _setup files (as postgres, committed, creates no data); a test
-- calls `select tests.create_catalogue_fixtures();` after `begin`, which also creates the
-- tenancy cast, and the final `rollback` removes everything.
--
-- Ids come from tests.tenancy_id('<name>') like every tenancy fixture.
--
--   services                 tenant     public  active  notes
--     service_a_consult      tenant_a   yes     yes     30 min, 80.00 GBP
--     service_a_scan         tenant_a   yes     yes     ultrasound, payment required, 150.00 deposit 50.00
--     service_a_video        tenant_a   yes     yes     video, 20 min
--     service_a_internal     tenant_a   no      yes     staff-only
--     service_a_retired      tenant_a   yes     NO
--     service_b_consult      tenant_b   yes     yes     USD
--     service_c_consult      tenant_c   yes     yes     (tenant_c is inactive)
--
--   clinician_services (clinician x service)
--     clinician_a × service_a_consult (45 min, 95.00)   clinician_a × service_a_internal
--     clinician_a_2 × service_a_consult (clinician not public)
--     clinician_a_visiting × service_a_scan             clinician_a_visiting × service_a_retired
--     clinician_a_retired × service_a_consult (clinician inactive)
--     clinician_b × service_b_consult                   clinician_c × service_c_consult
--
--   resources
--     resource_a1_room (centre_a1, room, consulting_room)
--     resource_a1_ultrasound (centre_a1, equipment, ultrasound)
--     resource_a2_room (centre_a2, room, consulting_room)
--     resource_b1_room (centre_b1, room, consulting_room)

create schema if not exists tests;

create or replace function tests.create_catalogue_fixtures()
returns void
language plpgsql
set search_path = ''
as $$
begin
  perform tests.create_tenancy_fixtures();

  insert into public.services (tenant_id, id, name, duration_minutes, price, currency, payment_required, deposit_amount,
                               mode, required_resource_type, is_public, is_active) values
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('service_a_consult'), 'Consultation', 30, 80, 'GBP', false, null, 'in_person', null, true, true),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('service_a_scan'), 'Ultrasound scan', 40, 150, 'GBP', true, 50, 'in_person', 'ultrasound', true, true),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('service_a_video'), 'Video follow-up', 20, 40, 'GBP', false, null, 'video', null, true, true),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('service_a_internal'), 'Staff health check', 15, 0, 'GBP', false, null, 'in_person', null, false, true),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('service_a_retired'), 'Old therapy', 60, 60, 'GBP', false, null, 'in_person', null, true, false),
    (tests.tenancy_id('tenant_b'), tests.tenancy_id('service_b_consult'), 'Consultation', 30, 120, 'USD', false, null, 'in_person', null, true, true),
    (tests.tenancy_id('tenant_c'), tests.tenancy_id('service_c_consult'), 'Consulta', 30, 70, 'EUR', false, null, 'in_person', null, true, true);

  insert into public.clinician_services (tenant_id, clinician_id, service_id, duration_minutes_override, price_override) values
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('service_a_consult'), 45, 95),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('service_a_internal'), null, null),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('service_a_consult'), null, null),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('service_a_scan'), null, null),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('service_a_retired'), null, null),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_retired'), tests.tenancy_id('service_a_consult'), null, null),
    (tests.tenancy_id('tenant_b'), tests.tenancy_id('clinician_b'), tests.tenancy_id('service_b_consult'), null, null),
    (tests.tenancy_id('tenant_c'), tests.tenancy_id('clinician_c'), tests.tenancy_id('service_c_consult'), null, null);

  insert into public.resources (tenant_id, id, centre_id, kind, resource_type, name) values
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('resource_a1_room'), tests.tenancy_id('centre_a1'), 'room', 'consulting_room', 'Room 1'),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('resource_a1_ultrasound'), tests.tenancy_id('centre_a1'), 'equipment', 'ultrasound', 'Ultrasound scanner'),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('resource_a2_room'), tests.tenancy_id('centre_a2'), 'room', 'consulting_room', 'Room A'),
    (tests.tenancy_id('tenant_b'), tests.tenancy_id('resource_b1_room'), tests.tenancy_id('centre_b1'), 'room', 'consulting_room', 'Suite 100');
end
$$;
comment on function tests.create_catalogue_fixtures() is
  'pgTAP fixtures: the tenancy cast (tests.create_tenancy_fixtures) plus the catalogue services, clinician_services and resources described in supabase/tests/_setup/catalogue_fixtures.sql. Call as postgres, once per test.';

