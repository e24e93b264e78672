-- Row-level security policies of the payment tables (issue 5): one policy per table x command x
-- role, named <table>_<command>_<role>; helpers from 20261121170800 wrapped in `(select ...)`.
-- Only SELECT has policies: nobody but service_role (which bypasses RLS) writes these tables
-- directly — payments and refunds move through the payment functions. anon has no grant on any
-- of them (42501).
--   payments, refunds          the patient (own records, in every tenant) and any staff of the tenant
--   tenant_payment_settings    owners and admins of the tenant

create policy payments_select_authenticated on public.payments
  for select
  to authenticated
  using (
    tenant_id in (select private.member_tenant_ids())
    or (tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k)
  );
comment on policy payments_select_authenticated on public.payments is
  'Staff (any role) see every payment of their tenant; a patient sees the payments of their own patient records, in every tenant.';

create policy refunds_select_authenticated on public.refunds
  for select
  to authenticated
  using (
    tenant_id in (select private.member_tenant_ids())
    or (tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k)
  );
comment on policy refunds_select_authenticated on public.refunds is
  'Staff (any role) see every refund of their tenant; a patient sees the refunds of their own payments.';

create policy tenant_payment_settings_select_authenticated on public.tenant_payment_settings
  for select
  to authenticated
  using (tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin']::public.staff_role[])));
comment on policy tenant_payment_settings_select_authenticated on public.tenant_payment_settings is
  'Owners and admins of the tenant see its Stripe settings; nobody else.';
