-- public.tenant_rate_limits: a clinic's own rate limits for the actions counted per tenant
-- (booking, appointment_change, payment), in place of the platform's defaults. A clinic whose
-- patients often book from one address (a waiting-room Wi-Fi) raises per_ip; one that wants
-- stricter limits lowers them. Owners and admins of an active tenant write them; they and the rest
-- of the tenant-wide staff read them; service_role reads and writes everything. Limits counted
-- across tenants (registration, record claims, codes) are the platform's alone.

create table public.tenant_rate_limits (
  tenant_id uuid not null,
  action public.rate_limited_action not null,
  per_user integer not null,
  per_ip integer not null,
  period interval not null,
  updated_at timestamptz not null default pg_catalog.now(),
  constraint tenant_rate_limits_pkey primary key (tenant_id, action),
  constraint tenant_rate_limits_tenant_id_fkey foreign key (tenant_id) references public.tenants (id) on delete cascade,
  constraint tenant_rate_limits_action_per_tenant check (action in ('booking', 'appointment_change', 'payment')),
  constraint tenant_rate_limits_per_user_range check (per_user between 1 and 1000),
  constraint tenant_rate_limits_per_ip_range check (per_ip between 1 and 10000),
  constraint tenant_rate_limits_period_range check (period between interval '1 minute' and interval '1 day')
);
alter table public.tenant_rate_limits enable row level security;

comment on table public.tenant_rate_limits is
  'A clinic''s own rate limits for booking, appointment_change and payment, replacing the platform''s defaults (docs/rate-limits.md): at most per_user actions of one patient account and per_ip of one client IP within period. Owners and admins write them; tenant-wide staff read them.';
comment on column public.tenant_rate_limits.tenant_id is 'The clinic.';
comment on column public.tenant_rate_limits.action is 'booking, appointment_change or payment (the actions counted per clinic).';
comment on column public.tenant_rate_limits.per_user is 'At most this many per patient account within the period (1 to 1,000).';
comment on column public.tenant_rate_limits.per_ip is 'At most this many per client IP within the period (1 to 10,000; raise it when many patients share one address).';
comment on column public.tenant_rate_limits.period is 'The sliding period the limits count over (1 minute to 1 day).';
comment on column public.tenant_rate_limits.updated_at is 'When the limits were last changed (maintained by trigger).';
comment on constraint tenant_rate_limits_pkey on public.tenant_rate_limits is 'One row per clinic and action.';
comment on constraint tenant_rate_limits_tenant_id_fkey on public.tenant_rate_limits is 'The limits belong to a clinic and go with it.';
comment on constraint tenant_rate_limits_action_per_tenant on public.tenant_rate_limits is 'Only the actions counted per clinic can be overridden; registration, record claims and codes are counted across clinics by the platform.';
comment on constraint tenant_rate_limits_per_user_range on public.tenant_rate_limits is 'A per-account limit is 1 to 1,000.';
comment on constraint tenant_rate_limits_per_ip_range on public.tenant_rate_limits is 'A per-IP limit is 1 to 10,000.';
comment on constraint tenant_rate_limits_period_range on public.tenant_rate_limits is 'Periods run from 1 minute to 1 day.';

create trigger set_updated_at before update on public.tenant_rate_limits
  for each row execute function private.set_updated_at();
comment on trigger set_updated_at on public.tenant_rate_limits is 'Keeps updated_at current.';

create trigger refuse_key_change before update of tenant_id, action on public.tenant_rate_limits
  for each row execute function private.refuse_key_change('tenant_id', 'action');
comment on trigger refuse_key_change on public.tenant_rate_limits is 'Keys never change (PT422); upserts may send them unchanged.';

revoke all on table public.tenant_rate_limits from anon, authenticated, service_role;
grant select, insert (tenant_id, action, per_user, per_ip, period), update (tenant_id, action, per_user, per_ip, period), delete
  on table public.tenant_rate_limits to authenticated;
grant select, insert, update, delete on table public.tenant_rate_limits to service_role;

create policy tenant_rate_limits_select_authenticated on public.tenant_rate_limits
  for select to authenticated
  using (tenant_id in (select private.tenant_wide_staff_tenant_ids()));
comment on policy tenant_rate_limits_select_authenticated on public.tenant_rate_limits is
  'Tenant-wide staff read their clinic''s rate limits (also while it is suspended).';

create policy tenant_rate_limits_insert_authenticated on public.tenant_rate_limits
  for insert to authenticated
  with check (tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles())));
comment on policy tenant_rate_limits_insert_authenticated on public.tenant_rate_limits is
  'Owners and admins of an active clinic set its rate limits.';

create policy tenant_rate_limits_update_authenticated on public.tenant_rate_limits
  for update to authenticated
  using (tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles())))
  with check (tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles())));
comment on policy tenant_rate_limits_update_authenticated on public.tenant_rate_limits is
  'Owners and admins of an active clinic change its rate limits.';

create policy tenant_rate_limits_delete_authenticated on public.tenant_rate_limits
  for delete to authenticated
  using (tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles())));
comment on policy tenant_rate_limits_delete_authenticated on public.tenant_rate_limits is
  'Owners and admins of an active clinic go back to the platform''s defaults by deleting their row.';

create trigger audit_changes after insert or update or delete on public.tenant_rate_limits
  for each row execute function private.record_audit_event('tenant_id');
comment on trigger audit_changes on public.tenant_rate_limits is 'Records changes of a clinic''s rate limits in public.audit_log.';
