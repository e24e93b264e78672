-- public.tenant_payment_settings: per-tenant Stripe configuration (issue 5, payments).
--
-- Kept out of public.tenants on purpose: tenants is readable by anon (the clinic directory), and a
-- tenant's Stripe Connect account id is nobody's business but the clinic's owners and admins.
-- Written by service_role only (Connect onboarding runs server-side); read by the tenant's owners
-- and admins (policy in 20261121210500). No row, or a null stripe_account_id, means payments go
-- to the platform's own Stripe account.

create table public.tenant_payment_settings (
  tenant_id uuid not null,
  stripe_account_id text null,
  created_at timestamptz not null default pg_catalog.now(),
  updated_at timestamptz not null default pg_catalog.now(),
  constraint tenant_payment_settings_pkey primary key (tenant_id),
  constraint tenant_payment_settings_tenant_id_fkey foreign key (tenant_id) references public.tenants (id) on delete cascade,
  constraint tenant_payment_settings_stripe_account_id_format check (stripe_account_id ~ '^acct_[A-Za-z0-9]{1,64}$')
);
alter table public.tenant_payment_settings enable row level security;

comment on table public.tenant_payment_settings is
  'Per-tenant Stripe configuration: the Stripe Connect account payments of the tenant go to. Written by service_role (onboarding); read by the tenant''s owners and admins. See docs/payments.md.';
comment on column public.tenant_payment_settings.tenant_id is 'The tenant (one row per tenant).';
comment on column public.tenant_payment_settings.stripe_account_id is 'Stripe Connect account (acct_...) that receives the tenant''s payments (sent as the Stripe-Account header); null = the platform account.';
comment on column public.tenant_payment_settings.created_at is 'When the settings were created.';
comment on column public.tenant_payment_settings.updated_at is 'When they last changed (maintained by trigger).';
comment on constraint tenant_payment_settings_tenant_id_fkey on public.tenant_payment_settings is 'Settings belong to a tenant and go with it.';
comment on constraint tenant_payment_settings_stripe_account_id_format on public.tenant_payment_settings is 'A Stripe account id looks like acct_ followed by letters and digits.';

create trigger set_updated_at before update on public.tenant_payment_settings
  for each row execute function private.set_updated_at();
comment on trigger set_updated_at on public.tenant_payment_settings is 'Keeps updated_at current.';

revoke all on table public.tenant_payment_settings from anon, authenticated, service_role;
grant select on table public.tenant_payment_settings to authenticated;
grant select, insert, update, delete on table public.tenant_payment_settings to service_role;
