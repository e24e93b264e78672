-- refunds.succeeded_at (20261121231350): stamped when a refund's status becomes succeeded, kept
-- when Stripe repeats refund.updated later, and null for refunds that have not succeeded.
begin;
select plan(4);

-- SETUP: a paid appointment and a refund being processed
select tests.create_payment_fixtures();
select tests.insert_appointment('visit', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));
select tests.insert_payment('paid', 'visit', 'succeeded');
insert into public.refunds (tenant_id, id, payment_id, appointment_id, patient_id, amount, currency, amount_minor, reason, status)
select p.tenant_id, tests.tenancy_id('refund'), p.id, p.appointment_id, p.patient_id, 40, p.currency, 4000, 'staff', 'submitted'
from public.payments as p where p.id = tests.tenancy_id('paid');

-- TEST
select is((select succeeded_at from public.refunds where id = tests.tenancy_id('refund')), null,
  'a refund that has not succeeded has no succeeded_at');

update public.refunds set status = 'succeeded' where id = tests.tenancy_id('refund');
select is((select succeeded_at from public.refunds where id = tests.tenancy_id('refund')), now(),
  'succeeding stamps succeeded_at');

update public.refunds set succeeded_at = now() - interval '1 day' where id = tests.tenancy_id('refund');
select is((select succeeded_at from public.refunds where id = tests.tenancy_id('refund')), now(),
  'a later update (a repeated refund.updated) does not move succeeded_at');

insert into public.refunds (tenant_id, id, payment_id, appointment_id, patient_id, amount, currency, amount_minor, reason, status, succeeded_at)
select p.tenant_id, tests.tenancy_id('early'), p.id, p.appointment_id, p.patient_id, 1, p.currency, 100, 'staff', 'requested', now()
from public.payments as p where p.id = tests.tenancy_id('paid');
select is((select succeeded_at from public.refunds where id = tests.tenancy_id('early')), null,
  'a refund that is only requested cannot claim a succeeded_at');

select * from finish();
rollback;
