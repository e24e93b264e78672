-- Apps branch on the reason code in the detail of a PT409 (PostgREST `details`), never on the
-- message (docs/errors.md). Every function in public and private that raises PT409 names a
-- snake_case reason code right there; so does the PT503 of the last-resort retry. That these are
-- exactly the documented codes (docs/errors.md, clients/js `reasons`) is checked by
-- tests/clients/reason-codes.test.ts.
begin;
select plan(3);

create temporary view raise_sites as
  select p.oid::regprocedure::text as function_name, m[1] as errcode,
         substring(m[2] from $re$detail\s*=\s*'([a-z_]+)'$re$) as reason
  from pg_catalog.pg_proc as p
  join pg_catalog.pg_namespace as n on n.oid = p.pronamespace
  cross join lateral regexp_matches(p.prosrc, $re$errcode\s*=\s*'(PT409|PT503)'([^;]*)$re$, 'g') as m
  where n.nspname in ('public', 'private')
    -- the notification dispatcher's result API answers only the dispatcher (service_role)
    and p.oid <> 'private.record_notification_result(uuid, text, text, text, text)'::regprocedure;

-- TEST
select isnt_empty($$ select 1 from raise_sites $$, 'the raise sites are found (so the check below has something to check)');
select is_empty($$ select function_name, errcode from raise_sites where reason is null $$,
  'every PT409 and PT503 carries a reason code in its detail');
create function private.reason_code_probe() returns void language plpgsql set search_path = ''
as $f$ begin raise exception using errcode = 'PT409', message = 'probe', hint = 'no reason'; end $f$;
select isnt_empty($$ select 1 from raise_sites where function_name = 'private.reason_code_probe()' and reason is null $$,
  'a PT409 without a reason code is caught (the check has teeth)');

select * from finish();
rollback;
