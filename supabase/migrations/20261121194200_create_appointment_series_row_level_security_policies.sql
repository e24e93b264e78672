-- Row-level security policy of public.appointment_series (issue 4, part 2: series): one policy
-- per table x command x role, named <table>_<command>_<role>; helpers from 20261121170800 wrapped
-- in `(select ...)`. Only SELECT has a policy: nobody but service_role (which bypasses RLS)
-- writes series directly - booking, cancelling and moving go through the series RPCs
-- (20261121194300-194500). anon has no grant (42501).

create policy appointment_series_select_authenticated on public.appointment_series
  for select
  to authenticated
  using (
    tenant_id in (select private.member_tenant_ids())
    or (tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k)
  );
comment on policy appointment_series_select_authenticated on public.appointment_series is
  'Staff (any role) see every series of their tenant; a patient sees the series of their own patient records, in every tenant.';
