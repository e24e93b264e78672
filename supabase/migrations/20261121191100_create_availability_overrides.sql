-- public.availability_overrides: extra hours of a clinician at a centre on one local date (issue 4,
-- availability), e.g. "Saturday 2026-03-28 10:00-13:00 Europe/London". They ADD to the recurring
-- hours (public.availability_rules); to remove hours use public.time_off or public.holidays.
--
-- Like the rules, hours are local wall-clock times in `timezone` (the centre's unless given),
-- converted end by end with private.local_to_utc (DST policy: docs/recurrence.md).
-- Write-time checks (private.prepare_availability_override): zone default, local_end after
-- local_start (PT422 + hint; CHECK as the last line of defence). Domains: 23514.
-- Grants here; policies in 20261121191400.

create table public.availability_overrides (
  tenant_id uuid not null,
  id uuid not null default pg_catalog.gen_random_uuid(),
  clinician_id uuid not null,
  centre_id uuid not null,
  local_date date not null,
  local_start time not null,
  local_end time not null,
  timezone public.iana_timezone not null,
  created_at timestamptz not null default pg_catalog.now(),
  updated_at timestamptz not null default pg_catalog.now(),
  constraint availability_overrides_pkey primary key (tenant_id, id),
  constraint availability_overrides_clinician_centre_fkey foreign key (tenant_id, clinician_id, centre_id)
    references public.clinician_centres (tenant_id, clinician_id, centre_id) on delete cascade,
  constraint availability_overrides_local_end_after_start check (local_end > local_start)
);
alter table public.availability_overrides enable row level security;

comment on table public.availability_overrides is
  'Extra hours of a clinician at a centre on one local date (added to the recurring hours). Staff of the tenant read; practice managers, the centre''s manager and the clinician themselves write.';
comment on column public.availability_overrides.tenant_id is 'Tenant of the clinician and the centre.';
comment on column public.availability_overrides.id is 'Override id (unique within the tenant).';
comment on column public.availability_overrides.clinician_id is 'The clinician.';
comment on column public.availability_overrides.centre_id is 'The centre (the clinician must be assigned to it).';
comment on column public.availability_overrides.local_date is 'The local date of the extra hours.';
comment on column public.availability_overrides.local_start is 'Start, local wall-clock time, e.g. 10:00.';
comment on column public.availability_overrides.local_end is 'End, local wall-clock time, after local_start (24:00 = end of the day).';
comment on column public.availability_overrides.timezone is 'IANA zone of the local date and times; defaults to the centre''s zone.';
comment on column public.availability_overrides.created_at is 'When the override was created.';
comment on column public.availability_overrides.updated_at is 'When the override was last changed (maintained by trigger).';
comment on constraint availability_overrides_clinician_centre_fkey on public.availability_overrides is 'Extra hours exist only where the clinician works; removing the assignment removes them.';
comment on constraint availability_overrides_local_end_after_start on public.availability_overrides is 'Same-day hours: the end is after the start (the trigger says so first, with PT422).';

create index availability_overrides_tenant_id_clinician_id_centre_id_local_date_idx
  on public.availability_overrides (tenant_id, clinician_id, centre_id, local_date);
comment on index public.availability_overrides_tenant_id_clinician_id_centre_id_local_date_idx is
  'Serves the foreign key to clinician_centres and private.clinician_open_windows (one clinician, one centre, a date range).';
create index availability_overrides_tenant_id_centre_id_idx on public.availability_overrides (tenant_id, centre_id);
comment on index public.availability_overrides_tenant_id_centre_id_idx is 'Serves the centre managers'' policies.';

create function private.prepare_availability_override()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
/**
 * BEFORE INSERT OR UPDATE row trigger on public.availability_overrides: timezone null -> the
 * centre's zone (definer: reads only that zone name); local_end <= local_start -> PT422.
 *
 * Returns: the new row.
 */
begin
  if new.timezone is null then
    select c.timezone into new.timezone
    from public.centres as c
    where c.tenant_id = new.tenant_id and c.id = new.centre_id;
  end if;
  if new.local_start is not null and new.local_end is not null and new.local_end <= new.local_start then
    raise exception using
      errcode = 'PT422',
      message = pg_catalog.format('local_end (%s) must be after local_start (%s)', new.local_end, new.local_start),
      hint = 'Extra hours are a same-day window in local time, e.g. 10:00-13:00; use 24:00 for the end of the day.';
  end if;
  return new;
end
$$;
comment on function private.prepare_availability_override() is
  'Trigger function on availability_overrides: defaults timezone to the centre''s and refuses end <= start (PT422).';
revoke execute on function private.prepare_availability_override() from public, anon, authenticated, service_role;

create trigger prepare_row before insert or update on public.availability_overrides
  for each row execute function private.prepare_availability_override();
comment on trigger prepare_row on public.availability_overrides is 'Defaults the zone and validates the hours.';

create trigger set_updated_at before update on public.availability_overrides
  for each row execute function private.set_updated_at();
comment on trigger set_updated_at on public.availability_overrides is 'Keeps updated_at current.';

-- public.availability_overrides: grants. anon and patients read nothing.
revoke all on table public.availability_overrides from anon, authenticated, service_role;
grant select on table public.availability_overrides to authenticated;
grant insert (tenant_id, id, clinician_id, centre_id, local_date, local_start, local_end, timezone)
  on table public.availability_overrides to authenticated;
grant update (clinician_id, centre_id, local_date, local_start, local_end, timezone)
  on table public.availability_overrides to authenticated;
grant delete on table public.availability_overrides to authenticated;
grant select, insert, update, delete on table public.availability_overrides to service_role;
