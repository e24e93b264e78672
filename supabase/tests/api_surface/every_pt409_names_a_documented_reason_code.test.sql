-- Apps branch on the reason code in the detail of a PT409 (PostgREST `details`), never on the
-- message (docs/errors.md). Every function in public and private that raises PT409 names one of
-- the documented codes right there; so does the PT503 of the last-resort retry.
begin;
select plan(4);

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
select isnt_empty($$ select 1 from raise_sites $$, 'the raise sites are found (so the checks below have something to check)');
select is_empty(
  $$ select function_name, errcode, reason from raise_sites
     where reason is null or reason not in (
       'slot_taken', 'patient_busy', 'client_key_reused', 'hold_expired', 'too_late_to_change', 'status_conflict',
       'series_conflicts', 'offer_expired', 'offer_closed', 'already_on_waitlist', 'already_registered', 'slug_taken',
       'last_owner', 'nothing_to_pay', 'payment_in_progress', 'provider_object_conflict', 'busy') $$,
  'every PT409 and PT503 carries a documented reason code in its detail');
select set_eq($$ select distinct reason from raise_sites $$,
  $$ values ('slot_taken'), ('patient_busy'), ('client_key_reused'), ('hold_expired'), ('too_late_to_change'), ('status_conflict'),
            ('series_conflicts'), ('offer_expired'), ('offer_closed'), ('already_on_waitlist'), ('already_registered'), ('slug_taken'),
            ('last_owner'), ('nothing_to_pay'), ('payment_in_progress'), ('provider_object_conflict'), ('busy') $$,
  'and every documented code is raised somewhere (the list in docs/errors.md is exactly what the database says)');
create function private.reason_code_probe() returns void language plpgsql set search_path = ''
as $f$ begin raise exception using errcode = 'PT409', message = 'probe', hint = 'no reason'; end $f$;
select isnt_empty($$ select 1 from raise_sites where function_name = 'private.reason_code_probe()' and reason is null $$,
  'a PT409 without a reason code is caught (the check has teeth)');

select * from finish();
rollback;
