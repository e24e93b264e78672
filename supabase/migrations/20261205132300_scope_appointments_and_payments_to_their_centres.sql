-- Least privilege for bookings and money. Staff with a tenant-wide role see every appointment,
-- series, waitlist entry, payment and refund of the tenant, as before. Staff holding roles only
-- at some centres see those of their centres, and a clinician those with their own clinician
-- profile (private.appointment_keys_of_scoped_staff). Patients keep seeing their own.
-- Rows that hang off an appointment (its resources, status history, payments, refunds) follow
-- the appointment. Realtime topics follow the same rules, so a topic never shows more than the
-- tables would; private.appointment_caller() treats staff who cannot see an appointment like
-- strangers (PT404), not as viewers (PT403).
--
-- Each policy lists the tenant-wide branch first: for tenant-wide staff it is true for every
-- row, so the narrower branches are never evaluated for them.

alter policy appointments_select_authenticated on public.appointments
  using (
    tenant_id in (select private.tenant_wide_staff_tenant_ids())
    or (tenant_id, id) in (select k.tenant_id, k.appointment_id from private.appointment_keys_of_scoped_staff() as k)
    or (tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k)
  );
comment on policy appointments_select_authenticated on public.appointments is
  'Staff with a tenant-wide role see every appointment of the tenant; staff with roles only at some centres see the appointments at those centres; a clinician sees their own; a patient sees the appointments of their own records, in every tenant.';

alter policy appointment_resources_select_authenticated on public.appointment_resources
  using (
    tenant_id in (select private.tenant_wide_staff_tenant_ids())
    or (tenant_id, appointment_id) in (select k.tenant_id, k.appointment_id from private.appointment_keys_of_scoped_staff() as k)
  );
comment on policy appointment_resources_select_authenticated on public.appointment_resources is
  'Staff see which rooms and equipment the appointments they see use (tenant-wide: all; centre-scoped: their centres; a clinician: their own); patients do not (resources are internal).';

alter policy appointment_status_history_select_authenticated on public.appointment_status_history
  using (
    tenant_id in (select private.tenant_wide_staff_tenant_ids())
    or (tenant_id, appointment_id) in (select k.tenant_id, k.appointment_id from private.appointment_keys_of_scoped_staff() as k)
    or (tenant_id, appointment_id) in (
      select a.tenant_id, a.id
      from public.appointments as a
      where (a.tenant_id, a.patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k))
  );
comment on policy appointment_status_history_select_authenticated on public.appointment_status_history is
  'The history of an appointment is seen by whoever sees the appointment: tenant-wide staff, staff of its centre, its clinician, its patient.';

alter policy appointment_series_select_authenticated on public.appointment_series
  using (
    tenant_id in (select private.tenant_wide_staff_tenant_ids())
    or (tenant_id, centre_id) in (select k.tenant_id, k.centre_id from private.scoped_centre_keys(private.staff_roles()) as k)
    or (tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
    or (tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k)
  );
comment on policy appointment_series_select_authenticated on public.appointment_series is
  'Staff with a tenant-wide role see every series of the tenant; centre-scoped staff those at their centres; a clinician their own; a patient the series of their own records.';

alter policy waitlist_entries_select_authenticated on public.waitlist_entries
  using (
    tenant_id in (select private.tenant_wide_staff_tenant_ids())
    or (tenant_id, centre_id) in (select k.tenant_id, k.centre_id from private.scoped_centre_keys(private.staff_roles()) as k)
    or (tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
    or (tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k)
  );
comment on policy waitlist_entries_select_authenticated on public.waitlist_entries is
  'Staff with a tenant-wide role see the whole waitlist of the tenant; centre-scoped staff the entries at their centres; a clinician the entries waiting for them; a patient their own entries.';

alter policy waitlist_offers_select_authenticated on public.waitlist_offers
  using (
    tenant_id in (select private.tenant_wide_staff_tenant_ids())
    or (tenant_id, entry_id) in (select e.tenant_id, e.id from public.waitlist_entries as e)
  );
comment on policy waitlist_offers_select_authenticated on public.waitlist_offers is
  'An offer is seen by whoever sees its waitlist entry (tenant-wide staff, staff of the entry''s centre, the clinician it waits for, the patient).';

alter policy payments_select_authenticated on public.payments
  using (
    tenant_id in (select private.tenant_wide_staff_tenant_ids())
    or (tenant_id, appointment_id) in (select k.tenant_id, k.appointment_id from private.appointment_keys_of_scoped_staff() as k)
    or (tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k)
  );
comment on policy payments_select_authenticated on public.payments is
  'Staff with a tenant-wide role see every payment of the tenant; centre-scoped staff the payments of appointments at their centres; a clinician those of their own appointments; a patient the payments of their own records, in every tenant.';

alter policy refunds_select_authenticated on public.refunds
  using (
    tenant_id in (select private.tenant_wide_staff_tenant_ids())
    or (tenant_id, appointment_id) in (select k.tenant_id, k.appointment_id from private.appointment_keys_of_scoped_staff() as k)
    or (tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k)
  );
comment on policy refunds_select_authenticated on public.refunds is
  'Refunds follow their appointment''s payments: tenant-wide staff see all; centre-scoped staff those at their centres; a clinician those of their own appointments; a patient their own.';

create or replace function private.appointment_caller(p_appointment public.appointments)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  /**
   * How the caller relates to an appointment: 'server' (service_role, postgres), 'staff'
   * (appointment staff at its centre), 'clinician' (the appointment's own clinician),
   * 'patient' (its patient), 'viewer' (other staff who may see it - tenant-wide, or holding a
   * role at its centre - but may not change it), or null (may not even see it: PT404).
   * Example: select private.appointment_caller(a) from public.appointments as a where a.id = '...';
   */
  select case
    when private.is_server_caller() then 'server'
    when exists (select 1 from private.centre_keys_with_role(private.appointment_staff_roles()) as k
                 where k.tenant_id = p_appointment.tenant_id and k.centre_id = p_appointment.centre_id) then 'staff'
    when (p_appointment.tenant_id, p_appointment.clinician_id) in (
           select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k) then 'clinician'
    when (p_appointment.tenant_id, p_appointment.patient_id) in (
           select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k) then 'patient'
    when p_appointment.tenant_id in (select private.tenant_wide_staff_tenant_ids())
      or (p_appointment.tenant_id, p_appointment.id) in (
           select k.tenant_id, k.appointment_id from private.appointment_keys_of_scoped_staff() as k) then 'viewer'
  end
$$;
comment on function private.appointment_caller(public.appointments) is
  'The caller''s relation to an appointment: server, staff (appointment staff at its centre), clinician (its own), patient (its own), viewer (other staff who may see it under the appointments policy) or null.';

create or replace function private.may_receive_realtime_topic(topic text)
returns boolean
language sql
stable
set search_path = ''
as $$
  /**
   * Whether the CALLER (auth.uid()) may receive broadcasts on `topic`; a topic never shows more
   * than the tables would:
   *   schedule:<tenant>:<centre>          tenant-wide staff; staff holding a role at that centre
   *   clinician:<tenant>:<clinician>      tenant-wide staff; the clinician
   *   patient:<tenant>:<patient>          tenant-wide staff; staff of a centre the patient belongs
   *                                       to; the clinician in whose care they are; the patient
   *   availability:<tenant>:<centre>      staff of the tenant (any scope); patients of the tenant
   * Security invoker: it only combines the security-definer helpers, which read the caller's own
   * memberships and patient records. False for malformed topics and for callers without an
   * account (anon, service_role claims).
   *
   * Parameters: topic  a Slotbase topic, normally (select realtime.topic())
   * Returns:    true / false (never null).
   * Example:    ... using ((select private.may_receive_realtime_topic((select realtime.topic()))))
   */
  select coalesce((
    select
      t.tenant_id in (select private.tenant_wide_staff_tenant_ids())
      or (t.kind = 'schedule'
          and (t.tenant_id, t.object_id) in (select k.tenant_id, k.centre_id from private.scoped_centre_keys(private.staff_roles()) as k))
      or (t.kind = 'clinician'
          and (t.tenant_id, t.object_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k))
      or (t.kind = 'patient'
          and ((t.tenant_id, t.object_id) in (select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k)
               or (t.tenant_id, t.object_id) in (
                    select k.tenant_id, k.patient_id from private.patient_keys_at_scoped_centres(private.staff_roles()) as k)
               or (t.tenant_id, t.object_id) in (select k.tenant_id, k.patient_id from private.patient_keys_in_care_of_current_user() as k)))
      or (t.kind = 'availability'
          and (t.tenant_id in (select private.member_tenant_ids())
               or t.tenant_id in (select k.tenant_id from private.patient_keys_of_current_user() as k)))
    from private.realtime_topic_parts(may_receive_realtime_topic.topic) as t
  ), false)
$$;
comment on function private.may_receive_realtime_topic(text) is
  'Realtime authorization (used by the SELECT policy on realtime.messages): may the caller receive topic? schedule: tenant-wide staff and staff of that centre; clinician: tenant-wide staff and the clinician; patient: tenant-wide staff, staff of a centre the patient belongs to, their clinician, the patient; availability: staff and patients of the tenant. False for malformed topics.';

comment on table public.appointment_resources is
  'Rooms and equipment used by an appointment. occupied/active mirror the appointment (trigger); the exclusion constraint keeps a resource from being double-booked. Read by the staff who see the appointment; written by book_appointment and service_role.';
comment on table public.appointment_status_history is
  'History of an appointment: one row when it is created (from_status null), one per status change and one per reschedule (times before and after). Written by trigger only; read by whoever sees the appointment (tenant-wide staff, staff of its centre, its clinician, its patient).';
comment on table public.waitlist_offers is
  'History of waitlist offers: one row each time a freed slot is held for a waitlist entry, with how it ended (accepted, declined, expired, withdrawn; null while open). The same slot (clinician, start) is never offered twice to one entry. Read by whoever sees the entry (the patient, tenant-wide staff, staff of its centre); written by the waitlist trigger and RPCs (service_role directly). The hook for notifying patients of offers.';
comment on table public.payments is
  'A payment attempt for an appointment (Stripe PaymentIntent or Checkout Session). Amounts come from the database only (open_payment); state moves with Stripe webhooks (handle_stripe_event, exactly once per event). At most one open payment per appointment. Readable by the patient and the staff who see the appointment (tenant-wide, its centre''s, its clinician); written by service_role and the payment functions. See docs/payments.md.';
comment on table public.refunds is
  'Refunds of succeeded payments: created by the database (cancellation trigger, late payments for released slots, staff requests, Stripe Dashboard refunds seen by webhook), sent to Stripe by the process-refunds Edge Function (claim_refunds / record_refund_result, idempotency key refund:<id>). Readable by the patient and the staff who see the appointment; written by service_role and the payment functions. See docs/payments.md.';
