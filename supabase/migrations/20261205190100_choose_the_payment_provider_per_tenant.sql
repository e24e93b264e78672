-- public.tenant_payment_settings says which provider takes a tenant's payments and where the
-- money goes: Stripe (stripe_account_id, a Connect account; null = the platform's account) or
-- Razorpay (razorpay_account_id, a Route linked account the full amount of every payment is
-- transferred to; null = the platform's Razorpay account keeps it). No row means Stripe on the
-- platform account, as before. Both account ids may be kept while a clinic moves between
-- providers; only the chosen provider's is used. Written by service_role (onboarding runs
-- server-side, docs/payments.md), read by the tenant's owners and admins (unchanged policy).

alter table public.tenant_payment_settings
  add column provider public.payment_provider not null default 'stripe',
  add column razorpay_account_id text null,
  add constraint tenant_payment_settings_razorpay_account_id_format check (razorpay_account_id ~ '^acc_[A-Za-z0-9]{1,64}$');

comment on table public.tenant_payment_settings is
  'Per-tenant payment configuration: the provider (stripe or razorpay) and the account the tenant''s money goes to (a Stripe Connect account, or a Razorpay Route linked account). Written by service_role (onboarding); read by the tenant''s owners and admins. See docs/payments.md.';
comment on column public.tenant_payment_settings.provider is
  'Provider of the tenant''s new payments: stripe (default) or razorpay. A payment keeps the provider it was opened with.';
comment on column public.tenant_payment_settings.stripe_account_id is
  'Stripe Connect account (acct_...) that receives the tenant''s payments (sent as the Stripe-Account header) when provider is stripe; null = the platform account.';
comment on column public.tenant_payment_settings.razorpay_account_id is
  'Razorpay Route linked account (acc_...) every payment of the tenant is transferred to when provider is razorpay (INR only); null = the platform''s Razorpay account keeps the money.';
comment on constraint tenant_payment_settings_razorpay_account_id_format on public.tenant_payment_settings is
  'A Razorpay linked account id looks like acc_ followed by letters and digits.';
