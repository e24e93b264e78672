-- Working hours, overrides, time off and holidays publish 'availability_changed' on
-- availability:<tenant_id>:<centre_id> of every centre whose slots may change, with only
-- {tenant_id, centre_id, source, operation} (+ id): no clinician, dates, reasons or names.
begin;
select plan(5);

-- SETUP
select tests.create_appointment_fixtures();
delete from realtime.messages;
create function pg_temp.topics_then_clear()
returns text[]
language plpgsql
as $$
declare
  v text[];
begin
  v := array(select m.topic || ' ' || (m.payload ->> 'source') from realtime.messages as m where m.event = 'availability_changed' order by 1);
  delete from realtime.messages;
  return v;
end
$$;

-- TEST
insert into public.availability_rules (tenant_id, clinician_id, centre_id, timezone, local_start, local_end, rrule, valid_from)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), 'Europe/London', '18:00', '19:00', 'FREQ=DAILY', current_date);
select is(pg_temp.topics_then_clear(),
  array['availability:' || tests.tenancy_id('tenant_a') || ':' || tests.tenancy_id('centre_a1') || ' availability_rules'],
  'new working hours: one message on the rule''s centre');

insert into public.time_off (tenant_id, clinician_id, during, reason)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'),
        tstzrange(tests.appointment_slot(7, '09:00'), tests.appointment_slot(7, '12:00')), 'private medical reason');
select is(array(select m.payload::text like '%private medical%' from realtime.messages as m), array[false, false],
  'time off: no message carries the reason');
select is(pg_temp.topics_then_clear(),
  array(select 'availability:' || cc.tenant_id || ':' || cc.centre_id || ' time_off' from public.clinician_centres as cc
        where cc.tenant_id = tests.tenancy_id('tenant_a') and cc.clinician_id = tests.tenancy_id('clinician_a') order by 1),
  'time off: one message per centre the clinician works at');

insert into public.holidays (tenant_id, centre_id, local_date, name) values (tests.tenancy_id('tenant_a'), null, current_date + 20, 'Founders day');
select is(pg_temp.topics_then_clear(),
  array(select 'availability:' || c.tenant_id || ':' || c.id || ' holidays' from public.centres as c where c.tenant_id = tests.tenancy_id('tenant_a') order by 1),
  'a tenant-wide holiday: one message per centre of the tenant');

update public.availability_rules set local_end = '20:00' where tenant_id = tests.tenancy_id('tenant_a') and local_start = '18:00';
select results_eq(
  $$ select m.topic, (select string_agg(k, ',' order by k) from jsonb_object_keys(m.payload) as k), m.payload ->> 'operation'
     from realtime.messages as m where m.event = 'availability_changed' $$,
  $$ values ('availability:' || tests.tenancy_id('tenant_a') || ':' || tests.tenancy_id('centre_a1'), 'centre_id,id,operation,source,tenant_id', 'UPDATE') $$,
  'a changed rule: one message with only tenant, centre, source and operation');

select * from finish();
rollback;
