-- public.resources: rooms and equipment of a centre (issue 4, catalogue). A service may require a
-- resource_type (services.required_resource_type); booking then takes any free active resource
-- of that type at the appointment's centre (public.appointment_resources, with its own
-- no-overlap constraint). Staff only: patients and visitors never see resources.
--
-- Validation: private.validate_resource() refuses bad rows with PT422 + hint (the CHECK
-- constraints repeat the rules). Policies: 20261121190300.

create table public.resources (
  tenant_id uuid not null,
  id uuid not null default pg_catalog.gen_random_uuid(),
  centre_id uuid not null,
  kind text not null,
  resource_type text not null,
  name public.non_empty_text not null,
  is_active boolean not null default true,
  created_at timestamptz not null default pg_catalog.now(),
  updated_at timestamptz not null default pg_catalog.now(),
  constraint resources_pkey primary key (tenant_id, id),
  constraint resources_tenant_id_centre_id_name_key unique (tenant_id, centre_id, name),
  constraint resources_tenant_id_centre_id_fkey foreign key (tenant_id, centre_id) references public.centres (tenant_id, id) on delete cascade,
  constraint resources_kind_valid check (kind in ('room', 'equipment')),
  constraint resources_resource_type_format check (resource_type ~ '^[a-z][a-z0-9_]{0,62}$')
);
alter table public.resources enable row level security;

comment on table public.resources is
  'A bookable room or piece of equipment at a centre (e.g. Room 2, the ultrasound scanner). Booked with appointments of services that require its resource_type; never double-booked. Staff only.';
comment on column public.resources.tenant_id is 'Tenant owning the resource.';
comment on column public.resources.id is 'Resource id (unique within the tenant).';
comment on column public.resources.centre_id is 'Centre where the resource is; fixed once created.';
comment on column public.resources.kind is 'room or equipment.';
comment on column public.resources.resource_type is 'What it is, as services name it in required_resource_type: a lower-case identifier, e.g. consulting_room, treatment_room, ultrasound.';
comment on column public.resources.name is 'Name staff recognise, unique within the centre, e.g. Room 2.';
comment on column public.resources.is_active is 'False when out of service: not booked for new appointments (existing bookings stay).';
comment on column public.resources.created_at is 'When the resource was added.';
comment on column public.resources.updated_at is 'When the resource was last changed (maintained by trigger).';
comment on constraint resources_tenant_id_centre_id_name_key on public.resources is 'Names are unique within a centre.';
comment on constraint resources_tenant_id_centre_id_fkey on public.resources is 'Same-tenant centre; deleting a centre removes its resources (unless appointments still reference them).';
comment on constraint resources_kind_valid on public.resources is 'A resource is a room or equipment.';
comment on constraint resources_resource_type_format on public.resources is 'Resource types are lower-case identifiers: a letter, then letters, digits or underscores (at most 63).';

create index resources_tenant_id_centre_id_resource_type_idx on public.resources (tenant_id, centre_id, resource_type) where is_active;
comment on index public.resources_tenant_id_centre_id_resource_type_idx is 'Serves "a free active resource of this type at this centre" (booking) and the centre-scoped policies.';

create function private.validate_resource()
returns trigger
language plpgsql
set search_path = ''
as $$
/**
 * BEFORE INSERT OR UPDATE row trigger on public.resources: refuses with PT422 + hint a kind other
 * than room/equipment and a resource_type that is not a lower-case identifier.
 *
 * Returns: the new row.
 */
begin
  if new.kind is null or new.kind not in ('room', 'equipment') then
    raise exception using errcode = 'PT422', message = 'kind must be room or equipment',
      hint = 'Rooms are places (consulting_room); equipment is moved between rooms (ultrasound).';
  end if;
  if new.resource_type is null or new.resource_type !~ '^[a-z][a-z0-9_]{0,62}$' then
    raise exception using errcode = 'PT422', message = 'resource_type must be a lower-case identifier',
      hint = 'A letter, then letters, digits or underscores, e.g. consulting_room or ultrasound; services name it in required_resource_type.';
  end if;
  return new;
end
$$;
comment on function private.validate_resource() is
  'Trigger function on resources: refuses a kind other than room/equipment and a malformed resource_type (PT422 + hint).';
revoke execute on function private.validate_resource() from public, anon, authenticated, service_role;

create trigger validate before insert or update on public.resources
  for each row execute function private.validate_resource();
comment on trigger validate on public.resources is 'Refuses invalid resources (PT422 with a hint).';

create trigger set_updated_at before update on public.resources
  for each row execute function private.set_updated_at();
comment on trigger set_updated_at on public.resources is 'Keeps updated_at current.';

create trigger audit_changes after insert or update or delete on public.resources
  for each row execute function private.record_audit_event('tenant_id');
comment on trigger audit_changes on public.resources is 'Records rooms and equipment being added, changed or retired in public.audit_log.';

-- public.resources: grants. anon: none (42501). tenant_id, id and centre_id are fixed.
revoke all on table public.resources from anon, authenticated, service_role;
grant select on table public.resources to authenticated;
grant insert (tenant_id, id, centre_id, kind, resource_type, name, is_active) on table public.resources to authenticated;
grant update (kind, resource_type, name, is_active) on table public.resources to authenticated;
grant delete on table public.resources to authenticated;
grant select, insert, update, delete on table public.resources to service_role;
