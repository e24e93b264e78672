-- public.appointment_resources: the rooms and equipment an appointment uses (issue 4). occupied
-- and active are copies of the appointment's occupied range and private.status_occupies(status),
-- kept by triggers (a row's own values are ignored), so the exclusion constraint
-- appointment_resources_no_overlap guards resources exactly as appointments_clinician_no_overlap
-- guards clinicians: a resource is never in two active appointments at overlapping times.
-- Written by book_appointment (20261121192500) and service_role; read by staff (20261121192400).

create table public.appointment_resources (
  tenant_id uuid not null,
  appointment_id uuid not null,
  resource_id uuid not null,
  occupied tstzrange not null,
  active boolean not null,
  created_at timestamptz not null default pg_catalog.now(),
  constraint appointment_resources_pkey primary key (tenant_id, appointment_id, resource_id),
  constraint appointment_resources_tenant_id_appointment_id_fkey foreign key (tenant_id, appointment_id) references public.appointments (tenant_id, id) on delete cascade,
  constraint appointment_resources_tenant_id_resource_id_fkey foreign key (tenant_id, resource_id) references public.resources (tenant_id, id) on delete restrict,
  constraint appointment_resources_no_overlap exclude using gist (
    tenant_id with =, resource_id with =, occupied with &&
  ) where (active)
);
alter table public.appointment_resources enable row level security;

comment on table public.appointment_resources is
  'Rooms and equipment used by an appointment. occupied/active mirror the appointment (trigger); the exclusion constraint keeps a resource from being double-booked. Staff read; written by book_appointment and service_role.';
comment on column public.appointment_resources.tenant_id is 'Tenant of the appointment and the resource.';
comment on column public.appointment_resources.appointment_id is 'The appointment.';
comment on column public.appointment_resources.resource_id is 'The room or equipment (public.resources).';
comment on column public.appointment_resources.occupied is 'Copy of appointments.occupied (trigger).';
comment on column public.appointment_resources.active is 'Copy of private.status_occupies(appointments.status) (trigger): false once cancelled, no-show or entered in error.';
comment on column public.appointment_resources.created_at is 'When the resource was allocated.';
comment on constraint appointment_resources_tenant_id_appointment_id_fkey on public.appointment_resources is 'Allocations belong to an appointment of the same tenant and go with it.';
comment on constraint appointment_resources_tenant_id_resource_id_fkey on public.appointment_resources is 'A resource of the same tenant; a resource with allocations is deactivated, not deleted.';
comment on constraint appointment_resources_no_overlap on public.appointment_resources is 'NO DOUBLE BOOKING of rooms and equipment: active allocations of one resource never overlap. Violation: 23P01, reported by the RPCs as PT409.';

create index appointment_resources_tenant_id_resource_id_idx on public.appointment_resources (tenant_id, resource_id);
comment on index public.appointment_resources_tenant_id_resource_id_idx is 'Serves the resource foreign key and a resource''s allocations.';

create function private.mirror_appointment_into_resource()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
/**
 * BEFORE INSERT OR UPDATE row trigger on public.appointment_resources: occupied and active are
 * copied from the appointment (whatever the writer sent). security definer: the row must follow
 * the appointment even when the writer could not read it.
 *
 * Returns: the new row with occupied and active set.
 */
begin
  select a.occupied, private.status_occupies(a.status)
    into new.occupied, new.active
  from public.appointments as a
  where a.tenant_id = new.tenant_id and a.id = new.appointment_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'appointment not found',
      hint = 'Allocate resources to an existing appointment of the same tenant.';
  end if;
  return new;
end
$$;
comment on function private.mirror_appointment_into_resource() is
  'Trigger function on appointment_resources: copies occupied and active (status occupies capacity) from the appointment.';
revoke execute on function private.mirror_appointment_into_resource() from public, anon, authenticated, service_role;

create trigger mirror_appointment before insert or update on public.appointment_resources
  for each row execute function private.mirror_appointment_into_resource();
comment on trigger mirror_appointment on public.appointment_resources is 'occupied and active always equal the appointment''s.';

create function private.sync_appointment_resources()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
/**
 * AFTER UPDATE row trigger on public.appointments: when occupied or status changed, touches the
 * appointment's resource rows so their mirror trigger copies the new values (a reschedule onto a
 * time where a resource is taken fails here with 23P01). security definer: writers of
 * appointments (the RPCs' owner, service_role) need not hold UPDATE on appointment_resources.
 *
 * Returns: null.
 */
begin
  if new.occupied is distinct from old.occupied
     or private.status_occupies(new.status) is distinct from private.status_occupies(old.status) then
    update public.appointment_resources as r
       set occupied = new.occupied
     where r.tenant_id = new.tenant_id and r.appointment_id = new.id;
  end if;
  return null;
end
$$;
comment on function private.sync_appointment_resources() is
  'Trigger function on appointments: keeps appointment_resources.occupied/active equal to the appointment after a reschedule or status change.';
revoke execute on function private.sync_appointment_resources() from public, anon, authenticated, service_role;

create trigger sync_resources after update on public.appointments
  for each row execute function private.sync_appointment_resources();
comment on trigger sync_resources on public.appointments is 'Resource allocations follow the appointment''s time and status.';

create trigger audit_changes after insert or update or delete on public.appointment_resources
  for each row execute function private.record_audit_event('tenant_id');
comment on trigger audit_changes on public.appointment_resources is 'Records resource allocations in public.audit_log.';

-- public.appointment_resources: grants. Staff read (RLS); service_role writes.
revoke all on table public.appointment_resources from anon, authenticated, service_role;
grant select on table public.appointment_resources to authenticated;
grant select, insert, update, delete on table public.appointment_resources to service_role;
