-- Broadcast from the database: a change to working hours, overrides, time off or holidays
-- publishes 'availability_changed' on availability:<tenant_id>:<centre_id> for every centre whose
-- offered slots may have changed - a hint for open booking screens to re-run search_slots.
--
--   availability_rules / availability_overrides  the row's centre (old and new)
--   time_off                                      every centre the clinician works at
--   holidays                                      the row's centre, or every centre of the tenant
--                                                 when centre_id is null (tenant-wide holiday)
--
-- Payload: {tenant_id, centre_id, source (table name), operation} plus the message `id`. No
-- clinician ids, dates, reasons or holiday names: patients of the tenant receive this topic, and
-- time off reasons and non-public clinicians are not theirs to read. Bookings themselves are not
-- published here (slots taken by others appear as PT409 / on the next search).

create function private.broadcast_availability_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
/**
 * AFTER INSERT/UPDATE/DELETE row trigger on availability_rules, availability_overrides,
 * time_off and holidays: sends 'availability_changed' {tenant_id, centre_id, source, operation}
 * to availability:<tenant_id>:<centre_id> of each affected centre (old and new row). Returns null.
 */
declare
  v_rows jsonb;
  v_centre record;
begin
  v_rows := case tg_op
    when 'INSERT' then pg_catalog.jsonb_build_array(pg_catalog.to_jsonb(new))
    when 'DELETE' then pg_catalog.jsonb_build_array(pg_catalog.to_jsonb(old))
    else pg_catalog.jsonb_build_array(pg_catalog.to_jsonb(new), pg_catalog.to_jsonb(old))
  end;

  for v_centre in
    select distinct c.tenant_id, c.id
    from pg_catalog.jsonb_array_elements(v_rows) as r(j)
    join public.centres as c on c.tenant_id = (r.j ->> 'tenant_id')::uuid
    where case
      when tg_table_name = 'time_off' then exists (
        select 1 from public.clinician_centres as cc
        where cc.tenant_id = c.tenant_id and cc.centre_id = c.id and cc.clinician_id = (r.j ->> 'clinician_id')::uuid)
      else r.j ->> 'centre_id' is null or c.id = (r.j ->> 'centre_id')::uuid
    end
  loop
    perform realtime.send(
      pg_catalog.jsonb_build_object('tenant_id', v_centre.tenant_id, 'centre_id', v_centre.id,
                                    'source', tg_table_name, 'operation', tg_op),
      'availability_changed',
      'availability:' || v_centre.tenant_id::text || ':' || v_centre.id::text,
      true);
  end loop;
  return null;
end
$$;
comment on function private.broadcast_availability_change() is
  'Trigger function on availability_rules, availability_overrides, time_off, holidays (security definer, so the database writes realtime.messages): sends availability_changed {tenant_id, centre_id, source, operation} to availability:<tenant_id>:<centre_id> of each affected centre. See docs/realtime.md.';
revoke execute on function private.broadcast_availability_change() from public, anon, authenticated, service_role;

create trigger broadcast_availability_change after insert or update or delete on public.availability_rules
  for each row execute function private.broadcast_availability_change();
comment on trigger broadcast_availability_change on public.availability_rules is
  'Realtime: availability_changed on availability:<tenant>:<centre> (private.broadcast_availability_change, docs/realtime.md).';
create trigger broadcast_availability_change after insert or update or delete on public.availability_overrides
  for each row execute function private.broadcast_availability_change();
comment on trigger broadcast_availability_change on public.availability_overrides is
  'Realtime: availability_changed on availability:<tenant>:<centre> (private.broadcast_availability_change, docs/realtime.md).';
create trigger broadcast_availability_change after insert or update or delete on public.time_off
  for each row execute function private.broadcast_availability_change();
comment on trigger broadcast_availability_change on public.time_off is
  'Realtime: availability_changed on availability:<tenant>:<centre> of every centre of the clinician (private.broadcast_availability_change, docs/realtime.md).';
create trigger broadcast_availability_change after insert or update or delete on public.holidays
  for each row execute function private.broadcast_availability_change();
comment on trigger broadcast_availability_change on public.holidays is
  'Realtime: availability_changed on availability:<tenant>:<centre> of the holiday''s centre or of every centre (private.broadcast_availability_change, docs/realtime.md).';
