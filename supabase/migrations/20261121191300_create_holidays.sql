-- public.holidays: dates on which a centre (or, with centre_id null, every centre of the tenant)
-- is closed (issue 4, availability), e.g. 2026-12-25 "Christmas Day". A holiday removes the whole
-- LOCAL date in the centre's zone: [local_to_utc(date 00:00), local_to_utc(date + 1 00:00)) -
-- 23 or 25 hours long on DST days.
-- Grants here; policies in 20261121191400.

create table public.holidays (
  tenant_id uuid not null,
  id uuid not null default pg_catalog.gen_random_uuid(),
  centre_id uuid null,
  local_date date not null,
  name public.non_empty_text not null,
  created_at timestamptz not null default pg_catalog.now(),
  updated_at timestamptz not null default pg_catalog.now(),
  constraint holidays_pkey primary key (tenant_id, id),
  constraint holidays_tenant_id_fkey foreign key (tenant_id) references public.tenants (id) on delete restrict,
  constraint holidays_tenant_id_centre_id_fkey foreign key (tenant_id, centre_id)
    references public.centres (tenant_id, id) on delete cascade
);
alter table public.holidays enable row level security;

comment on table public.holidays is
  'Closed dates: of one centre, or of every centre of the tenant when centre_id is null. The whole local date (centre''s zone) is removed from every clinician''s hours there. Staff of the tenant read; practice managers write, centre managers write their centre''s.';
comment on column public.holidays.tenant_id is 'Tenant.';
comment on column public.holidays.id is 'Holiday id (unique within the tenant).';
comment on column public.holidays.centre_id is 'The closed centre; null = every centre of the tenant.';
comment on column public.holidays.local_date is 'The closed date, in each centre''s own time zone.';
comment on column public.holidays.name is 'What it is, e.g. Christmas Day, Staff training.';
comment on column public.holidays.created_at is 'When the holiday was recorded.';
comment on column public.holidays.updated_at is 'When it was last changed (maintained by trigger).';
comment on constraint holidays_tenant_id_fkey on public.holidays is 'A holiday belongs to a tenant.';
comment on constraint holidays_tenant_id_centre_id_fkey on public.holidays is 'A centre holiday is of a same-tenant centre; deleting the centre removes it (null centre_id: not checked, tenant-wide).';

create index holidays_tenant_id_local_date_idx on public.holidays (tenant_id, local_date);
comment on index public.holidays_tenant_id_local_date_idx is 'Serves private.clinician_open_windows (holidays of a tenant in a date range).';
create index holidays_tenant_id_centre_id_idx on public.holidays (tenant_id, centre_id) where centre_id is not null;
comment on index public.holidays_tenant_id_centre_id_idx is 'Serves the centre foreign key and the centre managers'' policies.';

create trigger set_updated_at before update on public.holidays
  for each row execute function private.set_updated_at();
comment on trigger set_updated_at on public.holidays is 'Keeps updated_at current.';

-- public.holidays: grants. anon and patients read nothing.
revoke all on table public.holidays from anon, authenticated, service_role;
grant select on table public.holidays to authenticated;
grant insert (tenant_id, id, centre_id, local_date, name) on table public.holidays to authenticated;
grant update (centre_id, local_date, name) on table public.holidays to authenticated;
grant delete on table public.holidays to authenticated;
grant select, insert, update, delete on table public.holidays to service_role;
