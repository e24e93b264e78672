-- PostgREST answers at most max_rows (1000) rows per request and cuts a longer result silently.
-- Every public function that returns rows is therefore one of (docs/data-api.md#results-larger-than-max_rows):
--   paged    at most private.api_max_rows() rows per call and an argument for the next page;
--   refused  the answer is counted and refused with 22023 too_many_rows above the limit
--            (private.refuse_too_many_rows, in the function or in the private implementation
--            of the same name it calls);
--   bounded  its arguments bound the rows below the limit (the reason is pinned here).
-- A new set-returning function fails this test until it is given one of the three.
begin;
select plan(4);

create temporary table rules (function_signature text, rule text, why text);
insert into rules values
  ('search_slots(uuid,uuid,timestamp with time zone,timestamp with time zone,uuid,timestamp with time zone,integer)', 'paged', 'after = the last starts_at'),
  ('appointments_by_status_and_period(uuid,date,date,uuid,text)', 'refused', 'periods x statuses'),
  ('utilisation(uuid,date,date,uuid)', 'refused', 'clinician x centre pairs'),
  ('no_show_and_cancellation_rates(uuid,date,date,uuid)', 'refused', 'centres'),
  ('import_rows(uuid,text,text[],jsonb,boolean,boolean)', 'bounded', 'one report row per row sent: at most 1,000 rows per call'),
  ('lead_time(uuid,date,date,uuid)', 'refused', 'centres'),
  ('revenue_by_period(uuid,date,date,uuid,text)', 'refused', 'periods x centres x clinicians x currencies'),
  ('patients_by_lead_source(uuid,date,date,uuid)', 'refused', 'lead sources x currencies'),
  ('collected_revenue(uuid,date,date,text,uuid)', 'refused', 'periods x centres x clinicians x currencies'),
  ('top_clinicians(uuid,date,date,uuid,integer)', 'bounded', 'limit_count is 1..100'),
  ('new_vs_returning_patients(uuid,date,date,uuid,text)', 'bounded', 'one row per period of at most 366 days'),
  ('notification_stats(uuid,date,date)', 'bounded', 'channel x kind x status: a few hundred at most'),
  ('claim_notifications(integer,interval,boolean)', 'bounded', 'max_count is 1..1000 (service_role)'),
  ('claim_patient_record(uuid,date)', 'bounded', 'at most one row: the caller''s record of the clinic'),
  ('claim_refunds(integer,interval,uuid[],payment_provider[])', 'bounded', 'max_count is 1..100 (service_role)'),
  ('clinician_reviews(uuid,integer,timestamp with time zone)', 'bounded', 'max_rows is 1..100; before = the last created_at for the next page'),
  ('search_directory(text,text,uuid,uuid,double precision,double precision,double precision,integer)', 'bounded', 'max_rows is 1..100'),
  ('search_patients(uuid,text,integer)', 'bounded', 'max_rows is 1..100'),
  ('search_products(text,uuid,uuid,text,boolean,integer)', 'bounded', 'max_rows is 1..100');

-- TEST: every set-returning public function has a rule
select is(
  array(select p.oid::regprocedure::text from pg_catalog.pg_proc as p
        where p.pronamespace = 'public'::regnamespace and p.proretset order by 1),
  array(select r.function_signature from rules as r order by 1),
  'the set-returning public functions are exactly the ones with a rule');

-- TEST: the rules hold in the code (a public function that only names its private
-- implementation, private.<same name>, refuses through it)
select is(
  array(select r.function_signature from rules as r
        cross join lateral (select p.proname, p.prosrc from pg_catalog.pg_proc as p
                            where p.oid = ('public.' || r.function_signature)::regprocedure) as f
        where r.rule = 'refused'
          and pg_catalog.strpos(f.prosrc, 'private.refuse_too_many_rows(') = 0
          and not (pg_catalog.strpos(f.prosrc, 'private.' || f.proname || '(') > 0
                   and exists (select 1 from pg_catalog.pg_proc as i
                               where i.pronamespace = 'private'::regnamespace and i.proname = f.proname
                                 and pg_catalog.strpos(i.prosrc, 'private.refuse_too_many_rows(') > 0))),
  '{}'::text[],
  'every refused report calls private.refuse_too_many_rows (itself or in its private implementation)');
select ok(
  pg_catalog.strpos(
    (select p.prosrc from pg_catalog.pg_proc as p
     where p.oid = 'private.search_slots(uuid,uuid,timestamptz,timestamptz,uuid,timestamptz,integer)'::regprocedure),
    'limit private.api_max_rows()') > 0,
  'slot search limits each page to private.api_max_rows()');
select is(
  (select count(*)::integer from pg_catalog.pg_proc as p
   where p.oid = 'private.search_slots(uuid,uuid,timestamptz,timestamptz,uuid,timestamptz,integer)'::regprocedure
     and p.prosrc ~ 'limit private\.api_max_rows\(\);[^$]*limit private\.api_max_rows\(\);'),
  1, 'both paths of slot search (one clinician, any clinician) are limited');

select * from finish();
rollback;
