-- private.kick_process_refunds (called when a refund is created) tolerates only what a database
-- may lack: pg_net (schema net or net.http_post missing) or Vault. Then the cancellation that
-- created the refund still succeeds and the cron job sends it. Any other failure of the call is a
-- bug and fails the statement, so it cannot hide. The platform's absence is staged by redefining
-- private.invoke_edge_function inside this transaction (rolled back) to reference what is missing.
begin;
select plan(10);

-- SETUP
set local client_min_messages to warning;
select tests.create_payment_fixtures();
select tests.insert_appointment('paid', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));
select tests.insert_payment('pay', 'paid', 'succeeded');
select tests.insert_appointment('paid_2', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(3, '12:00'));
select tests.insert_payment('pay_2', 'paid_2', 'succeeded');

create function pg_temp.stage_invoke_edge_function(p_body text) returns void language plpgsql as $stage$
begin
  execute pg_catalog.format($f$
    create or replace function private.invoke_edge_function(function_name text, body jsonb default '{}'::jsonb)
    returns bigint language plpgsql set search_path = '' set timezone to 'UTC' as $b$ begin %s return null; end $b$ $f$, p_body);
end
$stage$;

-- TEST: what a database without pg_net or Vault gets is a notice
select pg_temp.stage_invoke_edge_function('perform net_not_installed.http_post(''http://127.0.0.1'');');
select lives_ok($$ select private.kick_process_refunds() $$, 'pg_net not installed (schema net missing, 3F000): a notice, no error');
select pg_temp.stage_invoke_edge_function('perform extensions.http_post_not_installed(''http://127.0.0.1'');');
select lives_ok($$ select private.kick_process_refunds() $$, 'net.http_post missing (42883): a notice, no error');
select pg_temp.stage_invoke_edge_function('perform 1 from vault_not_installed.decrypted_secrets;');
select lives_ok($$ select private.kick_process_refunds() $$, 'Vault missing (42P01): a notice, no error');

select pg_temp.stage_invoke_edge_function('perform net_not_installed.http_post(''http://127.0.0.1'');');
select tests.authenticate_as('patient');
select lives_ok($$ select public.cancel_appointment(tests.tenancy_id('paid'), 'patient_request') $$,
  'without pg_net, cancelling a paid appointment still succeeds');
reset role;
select results_eq($$ select a.status::text, r.status, r.reason::text from public.appointments as a
                     join public.refunds as r on r.tenant_id = a.tenant_id and r.appointment_id = a.id
                     where a.id = tests.tenancy_id('paid') $$,
  $$ values ('cancelled', 'requested', 'cancellation') $$,
  'and its refund waits as requested for the cron job');

-- TEST: any other failure is not swallowed
select pg_temp.stage_invoke_edge_function('perform 1 / 0;');
select throws_ok($$ select private.kick_process_refunds() $$, '22012', 'division by zero',
  'an unexpected error in the call is raised, not turned into a notice');
select pg_temp.stage_invoke_edge_function('raise exception using errcode = ''42501'', message = ''permission denied for function http_post'';');
select throws_ok($$ select private.kick_process_refunds() $$, '42501', 'permission denied for function http_post',
  'a missing privilege is a misconfiguration to fix, so it is raised too');

select pg_temp.stage_invoke_edge_function('perform 1 / 0;');
select tests.authenticate_as('patient');
select throws_ok($$ select public.cancel_appointment(tests.tenancy_id('paid_2'), 'patient_request') $$, '22012', null,
  'the cancellation that created the refund fails loudly with it');
reset role;
select is((select a.status::text from public.appointments as a where a.id = tests.tenancy_id('paid_2')), 'booked',
  'and changes nothing: the appointment stays booked');
select is((select count(*) from public.refunds as r where r.appointment_id = tests.tenancy_id('paid_2')), 0::bigint,
  'and no refund is left behind');

select * from finish();
rollback;
