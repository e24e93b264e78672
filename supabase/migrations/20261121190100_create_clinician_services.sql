-- public.clinician_services: which clinicians offer which service, with optional per-clinician
-- duration and price (issue 4, catalogue). A clinician offers a service only through a row here;
-- slot search and booking use coalesce(override, service value).
--
-- Validation: private.validate_clinician_service() refuses bad overrides with PT422 + hint
-- (the CHECK constraints repeat the ranges as the last line of defence). Policies:
-- 20261121190300.

create table public.clinician_services (
  tenant_id uuid not null,
  clinician_id uuid not null,
  service_id uuid not null,
  duration_minutes_override integer null,
  price_override numeric(12, 2) null,
  created_at timestamptz not null default pg_catalog.now(),
  updated_at timestamptz not null default pg_catalog.now(),
  constraint clinician_services_pkey primary key (tenant_id, clinician_id, service_id),
  constraint clinician_services_tenant_id_clinician_id_fkey foreign key (tenant_id, clinician_id) references public.clinicians (tenant_id, id) on delete cascade,
  constraint clinician_services_tenant_id_service_id_fkey foreign key (tenant_id, service_id) references public.services (tenant_id, id) on delete cascade,
  constraint clinician_services_duration_minutes_override_range check (duration_minutes_override between 5 and 480),
  constraint clinician_services_price_override_non_negative check (price_override >= 0)
);
alter table public.clinician_services enable row level security;

comment on table public.clinician_services is
  'Which clinicians offer which service (one row per clinician and service of the same tenant), with an optional per-clinician duration and price. Public when both the clinician and the service are public and active.';
comment on column public.clinician_services.tenant_id is 'Tenant of both the clinician and the service.';
comment on column public.clinician_services.clinician_id is 'The clinician offering the service.';
comment on column public.clinician_services.service_id is 'The service offered.';
comment on column public.clinician_services.duration_minutes_override is 'This clinician''s appointment length for the service, 5 to 480 minutes; null = services.duration_minutes. Buffers and alignment stay the service''s.';
comment on column public.clinician_services.price_override is 'This clinician''s price for the service (in the service''s currency), >= 0; null = services.price. With payment required it must be above zero and at least the deposit.';
comment on column public.clinician_services.created_at is 'When the clinician started offering the service.';
comment on column public.clinician_services.updated_at is 'When the overrides were last changed (maintained by trigger).';
comment on constraint clinician_services_tenant_id_clinician_id_fkey on public.clinician_services is 'Same-tenant clinician; deleting the clinician removes the row.';
comment on constraint clinician_services_tenant_id_service_id_fkey on public.clinician_services is 'Same-tenant service; deleting the service removes the row.';
comment on constraint clinician_services_duration_minutes_override_range on public.clinician_services is 'Appointments last 5 minutes to 8 hours.';
comment on constraint clinician_services_price_override_non_negative on public.clinician_services is 'Prices are zero or positive.';

create index clinician_services_tenant_id_service_id_idx on public.clinician_services (tenant_id, service_id);
comment on index public.clinician_services_tenant_id_service_id_idx is 'Serves the service foreign key and "who offers this service" lookups (slot search for any clinician).';

create function private.validate_clinician_service()
returns trigger
language plpgsql
set search_path = ''
as $$
/**
 * BEFORE INSERT OR UPDATE row trigger on public.clinician_services: refuses with PT422 + hint a
 * duration_minutes_override outside 5..480, a negative price_override, and a price_override that
 * is 0 or below the deposit of a service that requires payment. Runs as the writing role (reads
 * the service through RLS; a service the writer cannot see fails the foreign key instead).
 *
 * Returns: the new row.
 */
declare
  v_payment_required boolean;
  v_deposit numeric(12, 2);
begin
  if new.duration_minutes_override not between 5 and 480 then
    raise exception using errcode = 'PT422', message = 'duration_minutes_override must be between 5 and 480',
      hint = 'Give this clinician''s appointment length in whole minutes, or null to use the service''s duration.';
  end if;
  if new.price_override < 0 then
    raise exception using errcode = 'PT422', message = 'price_override must be zero or positive',
      hint = 'Give this clinician''s price in the service''s currency, or null to use the service''s price.';
  end if;
  if new.price_override is not null then
    select s.payment_required, s.deposit_amount into v_payment_required, v_deposit
    from public.services as s
    where s.tenant_id = new.tenant_id and s.id = new.service_id;
    if v_payment_required and new.price_override < coalesce(v_deposit, 0.01) then
      raise exception using errcode = 'PT422', message = 'price_override is below what the service''s payment terms require',
        hint = 'The service requires payment: the price must be above zero and at least its deposit_amount.';
    end if;
  end if;
  return new;
end
$$;
comment on function private.validate_clinician_service() is
  'Trigger function on clinician_services: refuses an out-of-range duration override, a negative price override, or a price override below the payment terms of the service (PT422 + hint).';
revoke execute on function private.validate_clinician_service() from public, anon, authenticated, service_role;

create trigger validate before insert or update on public.clinician_services
  for each row execute function private.validate_clinician_service();
comment on trigger validate on public.clinician_services is 'Refuses invalid overrides (PT422 with a hint).';

create trigger set_updated_at before update on public.clinician_services
  for each row execute function private.set_updated_at();
comment on trigger set_updated_at on public.clinician_services is 'Keeps updated_at current.';

create trigger audit_changes after insert or update or delete on public.clinician_services
  for each row execute function private.record_audit_event('tenant_id');
comment on trigger audit_changes on public.clinician_services is 'Records who offers which service, and price or duration overrides, in public.audit_log.';

-- public.clinician_services: grants (the keys are not updatable: delete and insert instead)
revoke all on table public.clinician_services from anon, authenticated, service_role;
grant select on table public.clinician_services to anon, authenticated;
grant insert (tenant_id, clinician_id, service_id, duration_minutes_override, price_override)
  on table public.clinician_services to authenticated;
grant update (duration_minutes_override, price_override) on table public.clinician_services to authenticated;
grant delete on table public.clinician_services to authenticated;
grant select, insert, update, delete on table public.clinician_services to service_role;
