-- net.http_post / http_get (local STAND-IN for pg_net, same signatures): they return a request id
-- and queue the request in net.http_request_queue — this emulation never sends it. The Content-Type
-- rule of pg_net is kept. This is what a pg_cron job calling an Edge Function produces.
-- Source: github.com/supabase/pg_net sql/pg_net--0.7.3--0.8.0.sql; supabase docs
-- guides/functions/schedule-functions.mdx; research supabase-platform.md §5.3.
begin;
select plan(5);

select ok(
  net.http_post(
    url := 'http://127.0.0.1:54321/functions/v1/send-reminders',
    headers := jsonb_build_object('Content-Type', 'application/json', 'Authorization', 'Bearer local-key'),
    body := '{"batch": 1}'::jsonb
  ) > 0,
  'net.http_post returns a request id'
);
select results_eq(
  $$ select method::text, url, headers ->> 'Authorization', pg_catalog.convert_from(body, 'utf8')::jsonb, timeout_milliseconds
       from net.http_request_queue where url like '%send-reminders' $$,
  $$ values ('POST'::text, 'http://127.0.0.1:54321/functions/v1/send-reminders'::text, 'Bearer local-key'::text, '{"batch": 1}'::jsonb, 5000) $$,
  'the request is queued with method, url, headers, JSON body and the default 5000 ms timeout'
);
select net.http_post('http://127.0.0.1:54321/functions/v1/no-header', '{}'::jsonb, headers := '{"X-Trace": "1"}'::jsonb);
select is(
  (select headers ->> 'Content-Type' from net.http_request_queue where url = 'http://127.0.0.1:54321/functions/v1/no-header'),
  'application/json', 'a missing Content-Type is added back as application/json');
select throws_ok(
  $$ select net.http_post('http://x', '{}'::jsonb, headers := '{"Content-Type": "text/plain"}'::jsonb) $$,
  'P0001', 'Content-Type header must be "application/json"',
  'another Content-Type is refused, as pg_net does'
);
select is_empty($$ select 1 from net._http_response r join net.http_request_queue q on q.id = r.id
                   where q.url like 'http://127.0.0.1:54321/functions/v1/%' $$,
  'no response is recorded for the queued requests: nothing was sent');

select * from finish();
rollback;
