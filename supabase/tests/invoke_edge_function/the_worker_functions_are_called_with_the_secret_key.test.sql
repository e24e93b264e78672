-- private.invoke_edge_function() posts with the project's secret API key from Vault (secret_key),
-- in the apikey header and as the bearer token; the legacy service_role_key only while no
-- secret_key is set; nothing without a URL or a key.
begin;
select plan(6);

-- SETUP
delete from vault.secrets where name in ('project_url', 'secret_key', 'service_role_key');

-- TEST
select is(private.invoke_edge_function('process-refunds'), null, 'no Vault secrets: nothing is posted');

select vault.create_secret('https://project-ref.supabase.co/', 'project_url', 'test');
select is(private.invoke_edge_function('process-refunds'), null, 'a URL but no key: nothing is posted');

select vault.create_secret('legacy-service-role-jwt', 'service_role_key', 'test');
create temporary table sent_requests (label text, id bigint) on commit drop;
insert into sent_requests select 'legacy', private.invoke_edge_function('process-refunds');
select results_eq(
  $$ select q.url, q.headers from net.http_request_queue q join sent_requests s on s.id = q.id where s.label = 'legacy' $$,
  $$ values ('https://project-ref.supabase.co/functions/v1/process-refunds'::text,
             '{"Content-Type": "application/json", "apikey": "legacy-service-role-jwt", "Authorization": "Bearer legacy-service-role-jwt"}'::jsonb) $$,
  'only the legacy service_role key: it is sent');

select vault.create_secret('sb_secret_test_key', 'secret_key', 'test');
insert into sent_requests select 'secret', private.invoke_edge_function('dispatch-notifications', '{"a": 1}');
select results_eq(
  $$ select q.headers from net.http_request_queue q join sent_requests s on s.id = q.id where s.label = 'secret' $$,
  $$ values ('{"Content-Type": "application/json", "apikey": "sb_secret_test_key", "Authorization": "Bearer sb_secret_test_key"}'::jsonb) $$,
  'a secret key: it wins over the legacy key, in the apikey header and as the bearer token');

select throws_ok($$ select private.invoke_edge_function('../auth/v1/admin') $$, '22023', null, 'a function name that is not a folder name is refused');

set local role service_role;
select throws_ok($$ select private.invoke_edge_function('process-refunds') $$, '42501', null, 'no API role may call it');

select * from finish();
rollback;
