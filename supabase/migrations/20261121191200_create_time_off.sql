-- public.time_off: periods when a clinician is away (leave, training, sickness), at every centre
-- (issue 4, availability). Given as instants (tstzrange), e.g. the app converts "from Monday
-- 2026-08-03 00:00 to Saturday 00:00 London" once; they SUBTRACT from the clinician's hours.
--
-- Write-time checks (private.prepare_time_off): the range must be non-empty and bounded at both
-- ends (PT422 + hint; CHECK as the last line of defence).
-- Grants here; policies in 20261121191400.

create table public.time_off (
  tenant_id uuid not null,
  id uuid not null default pg_catalog.gen_random_uuid(),
  clinician_id uuid not null,
  during tstzrange not null,
  reason text null,
  created_at timestamptz not null default pg_catalog.now(),
  updated_at timestamptz not null default pg_catalog.now(),
  constraint time_off_pkey primary key (tenant_id, id),
  constraint time_off_tenant_id_clinician_id_fkey foreign key (tenant_id, clinician_id)
    references public.clinicians (tenant_id, id) on delete cascade,
  constraint time_off_during_bounded check (
    not pg_catalog.isempty(during) and not pg_catalog.lower_inf(during) and not pg_catalog.upper_inf(during)),
  constraint time_off_reason_length check (pg_catalog.char_length(reason) <= 500)
);
alter table public.time_off enable row level security;

comment on table public.time_off is
  'Periods a clinician is away (all centres): subtracted from their hours by private.clinician_open_windows. Staff of the tenant read; practice managers, managers of a centre where the clinician works and the clinician themselves write.';
comment on column public.time_off.tenant_id is 'Tenant of the clinician.';
comment on column public.time_off.id is 'Time-off id (unique within the tenant).';
comment on column public.time_off.clinician_id is 'The clinician who is away.';
comment on column public.time_off.during is 'When, as instants: a non-empty, bounded tstzrange, e.g. [2026-08-03 00:00+01, 2026-08-08 00:00+01).';
comment on column public.time_off.reason is 'Why (internal, staff only), e.g. Annual leave; at most 500 characters.';
comment on column public.time_off.created_at is 'When the time off was recorded.';
comment on column public.time_off.updated_at is 'When it was last changed (maintained by trigger).';
comment on constraint time_off_tenant_id_clinician_id_fkey on public.time_off is 'Same-tenant clinician; deleting the clinician removes their time off.';
comment on constraint time_off_during_bounded on public.time_off is 'Time off has a start and an end and is not empty (the trigger says so first, with PT422).';
comment on constraint time_off_reason_length on public.time_off is 'A reason is at most 500 characters.';

create index time_off_tenant_id_clinician_id_during_idx on public.time_off using gist (tenant_id, clinician_id, during);
comment on index public.time_off_tenant_id_clinician_id_during_idx is
  'Serves the foreign key and private.clinician_open_windows (time off of one clinician overlapping a window; btree_gist).';

create function private.prepare_time_off()
returns trigger
language plpgsql
set search_path = ''
as $$
/**
 * BEFORE INSERT OR UPDATE row trigger on public.time_off: `during` must be non-empty and bounded
 * (PT422 with a hint).
 *
 * Returns: the new row.
 */
begin
  if new.during is not null
     and (pg_catalog.isempty(new.during) or pg_catalog.lower_inf(new.during) or pg_catalog.upper_inf(new.during)) then
    raise exception using
      errcode = 'PT422',
      message = pg_catalog.format('time off must have a start before its end, got %s', new.during),
      hint = 'Give both instants, start before end, e.g. [2026-08-03 00:00+01,2026-08-08 00:00+01).';
  end if;
  return new;
end
$$;
comment on function private.prepare_time_off() is
  'Trigger function on time_off: refuses an empty or unbounded period (PT422).';
revoke execute on function private.prepare_time_off() from public, anon, authenticated, service_role;

create trigger prepare_row before insert or update on public.time_off
  for each row execute function private.prepare_time_off();
comment on trigger prepare_row on public.time_off is 'Validates the period.';

create trigger set_updated_at before update on public.time_off
  for each row execute function private.set_updated_at();
comment on trigger set_updated_at on public.time_off is 'Keeps updated_at current.';

-- public.time_off: grants. anon and patients read nothing.
revoke all on table public.time_off from anon, authenticated, service_role;
grant select on table public.time_off to authenticated;
grant insert (tenant_id, id, clinician_id, during, reason) on table public.time_off to authenticated;
grant update (clinician_id, during, reason) on table public.time_off to authenticated;
grant delete on table public.time_off to authenticated;
grant select, insert, update, delete on table public.time_off to service_role;
