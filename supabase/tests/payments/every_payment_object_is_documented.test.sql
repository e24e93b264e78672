-- Every table, view, column, type, function, policy, trigger and index of the payments schema has
-- a comment (the convention; Studio and the generated docs show them).
begin;
select plan(6);

-- TEST
select is_empty(
  $$ select c.oid::regclass::text || coalesce('.' || a.attname, '')
     from pg_class as c
     left join pg_attribute as a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
     where c.oid in ('public.payments'::regclass, 'public.refunds'::regclass, 'public.tenant_payment_settings'::regclass,
                     'private.stripe_events'::regclass, 'private.razorpay_events'::regclass, 'public.payments_due'::regclass,
                     'public.opened_payment'::regclass)
       and (obj_description(c.oid, 'pg_class') is null and a.attname is null
            or a.attname is not null and col_description(c.oid, a.attnum) is null) $$,
  'tables, the view, the composite type and all their columns are commented');
select is_empty(
  $$ select c.oid::regclass::text from pg_class as c
     where not exists (select 1 from pg_description d where d.objoid = c.oid and d.classoid = 'pg_class'::regclass and d.objsubid = 0)
       and c.relname = any (array['payments_one_open_per_appointment_idx', 'payments_tenant_id_appointment_id_idx', 'payments_tenant_id_patient_id_idx',
                                  'refunds_tenant_id_payment_id_idx', 'refunds_tenant_id_appointment_id_idx', 'refunds_tenant_id_patient_id_idx',
                                  'refunds_requested_by_idx', 'refunds_requested_due_idx', 'refunds_processing_lease_idx', 'stripe_events_payment_id_idx',
                                  'refunds_tenant_id_payment_id_provider_idx', 'razorpay_events_payment_id_idx']) $$,
  'the indexes are commented');
select is_empty(
  $$ select t.typname from pg_type as t where t.oid in ('public.payment_status'::regtype, 'public.payment_flow'::regtype, 'public.opened_payment'::regtype,
                                                       'public.payment_provider'::regtype)
       and obj_description(t.oid, 'pg_type') is null $$,
  'the types are commented');
select is_empty(
  $$ select p.oid::regprocedure::text from pg_proc as p join pg_namespace as n on n.oid = p.pronamespace
     where n.nspname in ('public', 'private')
       and p.proname = any (array['open_payment', 'attach_stripe_payment', 'attach_razorpay_payment', 'handle_stripe_event',
                                  'handle_razorpay_event', 'confirm_razorpay_payment', 'request_refund', 'claim_refunds',
                                  'record_refund_result', 'payment_amount', 'refundable_amount', 'insert_refund', 'sync_amount_refunded',
                                  'kick_process_refunds', 'match_stripe_payment', 'match_razorpay_payment', 'lock_payment', 'succeed_payment',
                                  'succeed_stripe_payment', 'end_payment', 'end_stripe_payment', 'mark_payment_processing',
                                  'note_payment_failure', 'move_refund_forward', 'sync_stripe_refund', 'sync_razorpay_refund',
                                  'apply_stripe_event', 'apply_razorpay_event', 'apply_razorpay_payment', 'release_payment_hold',
                                  'process_refunds_when_due', 'to_minor_units', 'from_minor_units', 'currency_minor_unit_exponent',
                                  'uuid_or_null', 'stripe_id_or_null', 'razorpay_id_or_null', 'razorpay_notes', 'bigint_or_null',
                                  'settle_open_payments_of_released_hold', 'refund_cancelled_appointment'])
       and (obj_description(p.oid, 'pg_proc') is null or p.prosrc !~ '/\*\*') $$,
  'every payment function has a comment and a doc comment block in its body');
select is_empty(
  $$ select polname from pg_policy where polrelid in ('public.payments'::regclass, 'public.refunds'::regclass, 'public.tenant_payment_settings'::regclass)
       and obj_description(oid, 'pg_policy') is null $$,
  'the policies are commented');
select is_empty(
  $$ select tgname from pg_trigger
     where not tgisinternal and tgname in ('settle_open_payments', 'refund_on_cancellation', 'set_updated_at')
       and tgrelid in ('public.appointments'::regclass, 'public.payments'::regclass, 'public.refunds'::regclass, 'public.tenant_payment_settings'::regclass)
       and obj_description(oid, 'pg_trigger') is null $$,
  'the triggers are commented');

select * from finish();
rollback;
