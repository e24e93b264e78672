-- public.payments_due shows which provider the open payment of a held appointment goes through
-- (stripe or razorpay), so the front desk knows which Dashboard to look in. The view is otherwise
-- unchanged (security_invoker; new column at the end).

create or replace view public.payments_due
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
  op.created_at as payment_opened_at,
  op.provider as payment_provider
from public.appointments as a
left join public.centres as c on c.tenant_id = a.tenant_id and c.id = a.centre_id
left join public.services as s on s.tenant_id = a.tenant_id and s.id = a.service_id
left join public.patients as pt on pt.tenant_id = a.tenant_id and pt.id = a.patient_id
left join lateral (
  select p.id, p.kind, p.amount, p.currency, p.status, p.flow, p.created_at, p.provider
  from public.payments as p
  where p.tenant_id = a.tenant_id and p.appointment_id = a.id and p.status in ('requires_payment', 'processing')
) as op on true
left join lateral private.payment_amount(a.tenant_id, a.service_id, a.clinician_id) as d on true
where a.status = 'pending';

comment on column public.payments_due.payment_provider is 'Provider of the open payment (stripe or razorpay); null when none was opened yet.';
comment on column public.payments_due.payment_flow is 'Flow of the open payment (payment_intent: in the app, checkout: a hosted page); null when none.';
