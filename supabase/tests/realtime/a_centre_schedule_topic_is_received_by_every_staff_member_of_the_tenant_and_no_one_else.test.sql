-- schedule:<tenant_id>:<centre_id> carries every appointment of a centre, so it is joined by those
-- who may read all of them: every active staff member of the tenant (as the appointments SELECT
-- policy) and service_role (BYPASSRLS). Patients, outsiders, anon and other tenants' staff are
-- refused. Checked the way Realtime checks a private channel join (probe, role + claims, topic).
begin;
select plan(2);

-- SETUP: the join check exactly as Realtime does it (lib/realtime/tenants/authorization.ex):
-- insert a probe row for the topic as the service connection (here postgres), become the user
-- (role + request.jwt.claims), set realtime.topic, select the probe back. Visible = may join.
select tests.create_appointment_fixtures();
create function pg_temp.can_join(who text, topic text)
returns boolean
language plpgsql
as $$
declare
  v_probe uuid;
  v_seen boolean;
begin
  insert into realtime.messages (topic, extension, private) values (can_join.topic, 'broadcast', true) returning id into v_probe;
  if who = 'anon' then
    perform tests.clear_authentication();
  elsif who = 'service_role' then
    perform tests.authenticate_as_service_role();
  else
    perform tests.authenticate_as(who);
  end if;
  perform pg_catalog.set_config('realtime.topic', can_join.topic, true);
  select exists (select 1 from realtime.messages as m where m.id = v_probe limit 1) into v_seen;
  reset role;
  perform pg_catalog.set_config('request.jwt.claims', '', true);
  return v_seen;
end
$$;
create function pg_temp.joiners(topic text)
returns text[]
language sql
as $$
  select array(
    select w from unnest(array['anon', 'service_role', 'outsider', 'patient', 'a_patient_2',
                               'a_owner', 'a_admin', 'a_manager', 'a_centre_manager', 'a_clinician', 'a_clinician_2',
                               'a_care_coordinator', 'a_front_desk', 'b_owner', 'b_clinician', 'c_owner']) as w
    where pg_temp.can_join(w, joiners.topic)
    order by w)
$$;

-- TEST
select is(pg_temp.joiners('schedule:' || tests.tenancy_id('tenant_a') || ':' || tests.tenancy_id('centre_a1')),
  array['a_admin', 'a_care_coordinator', 'a_centre_manager', 'a_clinician', 'a_clinician_2', 'a_front_desk', 'a_manager', 'a_owner', 'service_role'],
  'tenant_a staff (every role, centre-scoped ones too) and service_role may join a centre schedule of tenant_a; patients, outsider, anon and other tenants'' staff may not');
select is(pg_temp.joiners('schedule:' || tests.tenancy_id('tenant_b') || ':' || tests.tenancy_id('centre_b1')),
  array['b_clinician', 'b_owner', 'service_role'],
  'only tenant_b staff and service_role may join a centre schedule of tenant_b');

select * from finish();
rollback;
