-- public.tenants: one row per clinic business (the unit of isolation). Every other tenancy table
-- carries tenant_id as the leading column of its keys.
--
-- Grants: anon and authenticated read (the booking site shows an active tenant's name, time zone,
-- currency and booking policy); authenticated updates only the settings columns (owner/admin,
-- RLS in 20261121170850); nobody inserts or deletes through the API: tenants are created by
-- public.create_tenant() (20261121170900) and retired by setting is_active = false
-- (service_role). Policies: 20261121170850_create_row_level_security_policies.sql.

create table public.tenants (
  id uuid not null default pg_catalog.gen_random_uuid(),
  name public.non_empty_text not null,
  slug public.slug not null,
  timezone public.iana_timezone not null,
  currency public.currency_code not null,
  locale public.language_tag not null,
  min_booking_notice interval not null default '2 hours',
  max_booking_horizon interval not null default '90 days',
  cancellation_window interval not null default '24 hours',
  payment_hold_duration interval not null default '15 minutes',
  is_active boolean not null default true,
  created_at timestamptz not null default pg_catalog.now(),
  updated_at timestamptz not null default pg_catalog.now(),
  constraint tenants_pkey primary key (id),
  constraint tenants_slug_key unique (slug),
  constraint tenants_min_booking_notice_range check (min_booking_notice >= interval '0' and min_booking_notice <= interval '30 days'),
  constraint tenants_max_booking_horizon_range check (max_booking_horizon >= interval '1 day' and max_booking_horizon <= interval '730 days'),
  constraint tenants_max_booking_horizon_after_notice check (max_booking_horizon > min_booking_notice),
  constraint tenants_cancellation_window_range check (cancellation_window >= interval '0' and cancellation_window <= interval '30 days'),
  constraint tenants_payment_hold_duration_range check (payment_hold_duration >= interval '1 minute' and payment_hold_duration <= interval '24 hours')
);
alter table public.tenants enable row level security;

comment on table public.tenants is
  'A clinic business (tenant): the unit of data isolation. Created with public.create_tenant(), which makes the caller its owner; retired by setting is_active = false (never deleted through the API).';
comment on column public.tenants.id is 'Tenant id; leads the primary key of every tenant-owned row.';
comment on column public.tenants.name is 'Display name, e.g. Northside Health.';
comment on column public.tenants.slug is 'Unique URL handle, e.g. northside-health (booking site address).';
comment on column public.tenants.timezone is 'Default IANA time zone of the business (centres may override), e.g. Europe/London.';
comment on column public.tenants.currency is 'ISO 4217 currency for fees and payments, e.g. GBP.';
comment on column public.tenants.locale is 'Default language of messages and documents, BCP 47, e.g. en-GB.';
comment on column public.tenants.min_booking_notice is 'Booking policy: how long before the start patients may still book online (0 to 30 days; 0 allows same-minute bookings).';
comment on column public.tenants.max_booking_horizon is 'Booking policy: how far ahead patients may book (1 day to 2 years, longer than min_booking_notice).';
comment on column public.tenants.cancellation_window is 'Booking policy: patients may cancel free of charge until this long before the start (0 to 30 days; 0 means any time).';
comment on column public.tenants.payment_hold_duration is 'Booking policy: how long an unpaid booking holds its slot while payment completes (1 minute to 24 hours).';
comment on column public.tenants.is_active is 'False when the tenant is suspended or offboarded: it disappears from public listings and its staff can only read, not change, its data. Set by service_role.';
comment on column public.tenants.created_at is 'When the tenant was created.';
comment on column public.tenants.updated_at is 'When the tenant was last changed (maintained by trigger).';
comment on constraint tenants_slug_key on public.tenants is 'Slugs are unique across all tenants (they address the booking site).';
comment on constraint tenants_min_booking_notice_range on public.tenants is 'Minimum notice is between 0 and 30 days.';
comment on constraint tenants_max_booking_horizon_range on public.tenants is 'Booking horizon is between 1 day and 2 years.';
comment on constraint tenants_max_booking_horizon_after_notice on public.tenants is 'The horizon must reach beyond the minimum notice, or nothing could ever be booked.';
comment on constraint tenants_cancellation_window_range on public.tenants is 'Cancellation window is between 0 and 30 days.';
comment on constraint tenants_payment_hold_duration_range on public.tenants is 'A payment hold lasts between 1 minute and 24 hours.';

create trigger set_updated_at before update on public.tenants
  for each row execute function private.set_updated_at();
comment on trigger set_updated_at on public.tenants is 'Keeps updated_at current.';

-- public.tenants: grants
revoke all on table public.tenants from anon, authenticated, service_role;
grant select on table public.tenants to anon, authenticated;
grant update (name, slug, timezone, currency, locale, min_booking_notice, max_booking_horizon,
              cancellation_window, payment_hold_duration)
  on table public.tenants to authenticated;
grant select, insert, update, delete on table public.tenants to service_role;
