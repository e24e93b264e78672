-- The payments API surface: open_payment (the create-payment function calls it as the caller)
-- and request_refund (staff) are for authenticated and service_role; attach_stripe_payment,
-- attach_razorpay_payment, handle_stripe_event, handle_razorpay_event, confirm_razorpay_payment,
-- claim_refunds and record_refund_result for service_role only; anon may call none of them. Of
-- the private payment functions, authenticated may execute only the definer implementations
-- behind the two public ones (and private.payment_amount, used by the payments_due view);
-- everything else is callable only from definer code.
begin;
select plan(5);

-- TEST
select results_eq(
  $$ select f, has_function_privilege('anon', f, 'EXECUTE'), has_function_privilege('authenticated', f, 'EXECUTE'),
            has_function_privilege('service_role', f, 'EXECUTE')
     from unnest(array['public.open_payment(uuid, public.payment_flow)', 'public.request_refund(uuid, numeric, text)',
                       'public.attach_stripe_payment(uuid, text, text, text)', 'public.attach_razorpay_payment(uuid, text, text, text)',
                       'public.handle_stripe_event(jsonb)', 'public.handle_razorpay_event(text, jsonb)',
                       'public.confirm_razorpay_payment(uuid, jsonb)',
                       'public.claim_refunds(integer, interval, uuid[], public.payment_provider[])',
                       'public.record_refund_result(uuid, text, text, text)']) as f $$,
  $$ values ('public.open_payment(uuid, public.payment_flow)', false, true, true),
            ('public.request_refund(uuid, numeric, text)', false, true, true),
            ('public.attach_stripe_payment(uuid, text, text, text)', false, false, true),
            ('public.attach_razorpay_payment(uuid, text, text, text)', false, false, true),
            ('public.handle_stripe_event(jsonb)', false, false, true),
            ('public.handle_razorpay_event(text, jsonb)', false, false, true),
            ('public.confirm_razorpay_payment(uuid, jsonb)', false, false, true),
            ('public.claim_refunds(integer, interval, uuid[], public.payment_provider[])', false, false, true),
            ('public.record_refund_result(uuid, text, text, text)', false, false, true) $$,
  'who may execute each payment RPC');
select is(
  array(select p.oid::regprocedure::text from pg_proc as p join pg_namespace as n on n.oid = p.pronamespace
        where n.nspname = 'private' and has_function_privilege('authenticated', p.oid, 'EXECUTE')
          and p.proname in ('payment_amount', 'open_payment', 'attach_stripe_payment', 'attach_razorpay_payment', 'handle_stripe_event',
                            'handle_razorpay_event', 'confirm_razorpay_payment', 'request_refund', 'claim_refunds', 'record_refund_result',
                            'refundable_amount', 'insert_refund', 'sync_amount_refunded', 'kick_process_refunds', 'match_stripe_payment',
                            'match_razorpay_payment', 'lock_payment', 'succeed_payment', 'succeed_stripe_payment', 'end_payment',
                            'end_stripe_payment', 'mark_payment_processing', 'note_payment_failure', 'move_refund_forward',
                            'sync_stripe_refund', 'sync_razorpay_refund', 'apply_stripe_event', 'apply_razorpay_event',
                            'apply_razorpay_payment', 'release_payment_hold', 'process_refunds_when_due', 'to_minor_units',
                            'from_minor_units', 'currency_minor_unit_exponent', 'uuid_or_null', 'stripe_id_or_null', 'razorpay_id_or_null',
                            'razorpay_notes', 'bigint_or_null', 'settle_open_payments_of_released_hold', 'refund_cancelled_appointment')
        order by 1),
  array['private.open_payment(uuid,payment_flow)', 'private.payment_amount(uuid,uuid,uuid)', 'private.request_refund(uuid,numeric,text)'],
  'authenticated may execute only the private implementations of open_payment and request_refund, and payment_amount');
select is(
  array(select p.oid::regprocedure::text from pg_proc as p join pg_namespace as n on n.oid = p.pronamespace
        where n.nspname = 'private' and p.prosecdef
          and p.proname in ('payment_amount', 'open_payment', 'attach_stripe_payment', 'attach_razorpay_payment', 'handle_stripe_event',
                            'handle_razorpay_event', 'confirm_razorpay_payment', 'request_refund', 'claim_refunds', 'record_refund_result',
                            'settle_open_payments_of_released_hold', 'refund_cancelled_appointment')
        order by 1),
  array['private.attach_razorpay_payment(uuid,text,text,text)', 'private.attach_stripe_payment(uuid,text,text,text)',
        'private.claim_refunds(integer,interval,uuid[],payment_provider[])', 'private.confirm_razorpay_payment(uuid,jsonb)',
        'private.handle_razorpay_event(text,jsonb)', 'private.handle_stripe_event(jsonb)', 'private.open_payment(uuid,payment_flow)',
        'private.payment_amount(uuid,uuid,uuid)', 'private.record_refund_result(uuid,text,text,text)',
        'private.refund_cancelled_appointment()', 'private.request_refund(uuid,numeric,text)',
        'private.settle_open_payments_of_released_hold()'],
  'the definer functions live in private');
select is_empty(
  $$ select p.oid::regprocedure::text from pg_proc as p join pg_namespace as n on n.oid = p.pronamespace
     where n.nspname = 'public' and p.prosecdef
       and p.proname in ('open_payment', 'attach_stripe_payment', 'attach_razorpay_payment', 'handle_stripe_event', 'handle_razorpay_event',
                         'confirm_razorpay_payment', 'request_refund', 'claim_refunds', 'record_refund_result') $$,
  'the public payment RPCs are security invoker');
select results_eq(
  $$ select has_table_privilege('anon', 'public.payments_due', 'SELECT'), has_table_privilege('authenticated', 'public.payments_due', 'SELECT'),
            has_table_privilege('service_role', 'public.payments_due', 'SELECT') $$,
  $$ values (false, true, true) $$, 'payments_due is readable by authenticated and service_role, not anon');

select * from finish();
rollback;
