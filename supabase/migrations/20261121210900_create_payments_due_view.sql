-- public.payments_due: appointments held for payment, for staff in Supabase Studio and the
-- front-desk dashboard (issue 5; issue 6 admin views).
--
-- `security_invoker = true`: it runs with the CALLER's privileges, so the row-level security of
-- appointments, payments, centres, services and patients applies exactly as if the caller
-- queried them: staff see their tenant's held appointments, a patient only their own; anon has
-- no grant (42501). Names come from LEFT JOINs, so a caller who may not read a centre, service or
-- patient gets null there instead of losing the row. The amount due is the open payment's, else
-- what open_payment would charge (private.payment_amount: deposit, else the clinician's price
-- override, else the service's price).
-- Index use: pending appointments through appointments_hold_expires_at_idx (status = 'pending').

create view public.payments_due
with (security_invoker = true)
as
select
  a.tenant_id,
  a.id as appointment_id,
  a.centre_id,
  c.name::text as centre_name,
  a.service_id,
  s.name::text as service_name,
  a.clinician_id,
  a.patient_id,
  pt.full_name::text as patient_display_name,
  a.starts_at,
  a.hold_expires_at,
  a.hold_expires_at <= pg_catalog.now() as hold_expired,
  coalesce(op.kind, d.kind) as kind,
  coalesce(op.amount, d.amount) as amount_due,
  coalesce(op.currency::text, d.currency) as currency,
  op.id as payment_id,
  op.status as payment_status,
  op.flow as payment_flow,
  op.created_at as payment_opened_at
from public.appointments as a
left join public.centres as c on c.tenant_id = a.tenant_id and c.id = a.centre_id
left join public.services as s on s.tenant_id = a.tenant_id and s.id = a.service_id
left join public.patients as pt on pt.tenant_id = a.tenant_id and pt.id = a.patient_id
left join lateral (
  select p.id, p.kind, p.amount, p.currency, p.status, p.flow, p.created_at
  from public.payments as p
  where p.tenant_id = a.tenant_id and p.appointment_id = a.id and p.status in ('requires_payment', 'processing')
) as op on true
left join lateral private.payment_amount(a.tenant_id, a.service_id, a.clinician_id) as d on true
where a.status = 'pending';

comment on view public.payments_due is
  'Appointments held for payment (pending) with their open payment, if any, and the amount due. security_invoker: the caller''s row-level security applies (staff see their tenant, a patient only their own; anon has no access). Order by hold_expires_at.';
comment on column public.payments_due.tenant_id is 'Tenant of the appointment.';
comment on column public.payments_due.appointment_id is 'The held appointment (public.appointments, status pending).';
comment on column public.payments_due.centre_id is 'Centre of the appointment.';
comment on column public.payments_due.centre_name is 'Name of the centre (null when the caller may not read it).';
comment on column public.payments_due.service_id is 'Service booked.';
comment on column public.payments_due.service_name is 'Name of the service (null when the caller may not read it).';
comment on column public.payments_due.clinician_id is 'Clinician of the appointment.';
comment on column public.payments_due.patient_id is 'Patient of the appointment.';
comment on column public.payments_due.patient_display_name is 'Full name of the patient, only where the caller may read the patient record; otherwise null.';
comment on column public.payments_due.starts_at is 'Start of the appointment.';
comment on column public.payments_due.hold_expires_at is 'When the hold is released unless paid.';
comment on column public.payments_due.hold_expired is 'True when the hold has expired but the expire-appointment-holds job has not released it yet.';
comment on column public.payments_due.kind is 'full or deposit.';
comment on column public.payments_due.amount_due is 'Amount to pay: the open payment''s, else what open_payment would charge (from the database).';
comment on column public.payments_due.currency is 'ISO 4217 currency of the amount.';
comment on column public.payments_due.payment_id is 'The open payment (requires_payment or processing), null when none was opened yet.';
comment on column public.payments_due.payment_status is 'Status of the open payment; null when none.';
comment on column public.payments_due.payment_flow is 'Flow of the open payment (payment_intent or checkout); null when none.';
comment on column public.payments_due.payment_opened_at is 'When the open payment was created; null when none.';

revoke all on table public.payments_due from public, anon, authenticated, service_role;
grant select on table public.payments_due to authenticated, service_role;
