-- Row-level security policies of the appointment tables (issue 4): one policy per table x
-- command x role, named <table>_<command>_<role>; helpers from 20261121170800 wrapped in
-- `(select ...)`. Only SELECT has policies: nobody but service_role (which bypasses RLS) writes
-- these tables directly - bookings and status changes go through the RPCs (20261121192500,
-- 20261121192600). anon has no grant on any of them (42501).

create policy appointments_select_authenticated on public.appointments
  for select
  to authenticated
  using (
    tenant_id in (select private.member_tenant_ids())
    or (tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k)
  );
comment on policy appointments_select_authenticated on public.appointments is
  'Staff (any role) see every appointment of their tenant; a patient sees the appointments of their own patient records, in every tenant.';

create policy appointment_resources_select_authenticated on public.appointment_resources
  for select
  to authenticated
  using (tenant_id in (select private.member_tenant_ids()));
comment on policy appointment_resources_select_authenticated on public.appointment_resources is
  'Staff see which rooms and equipment their tenant''s appointments use; patients do not (resources are internal).';

create policy appointment_status_history_select_authenticated on public.appointment_status_history
  for select
  to authenticated
  using (
    tenant_id in (select private.member_tenant_ids())
    or (tenant_id, appointment_id) in (
      select a.tenant_id, a.id
      from public.appointments as a
      where (a.tenant_id, a.patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k))
  );
comment on policy appointment_status_history_select_authenticated on public.appointment_status_history is
  'Staff see the history of their tenant''s appointments; a patient sees the history of their own appointments.';
