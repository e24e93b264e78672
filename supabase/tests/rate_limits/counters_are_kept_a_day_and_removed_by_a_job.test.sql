-- Bounded storage: the counters are one row per counted action and subject, in an unlogged table
-- without a unique key (inserts never wait for each other), kept a day (the longest period a
-- limit may have) and removed by the pg_cron job remove-old-rate-limit-hits every 10 minutes.
begin;
select plan(6);

-- TEST: the table
select is((select relpersistence::text from pg_catalog.pg_class where oid = 'private.rate_limit_hits'::regclass), 'u',
  'the counters are unlogged (no WAL, not replicated)');
select is_empty($$ select 1 from pg_catalog.pg_index where indrelid = 'private.rate_limit_hits'::regclass and indisunique $$,
  'no unique index: concurrent requests never wait for each other on it');
select ok(not has_table_privilege('authenticated', 'private.rate_limit_hits', 'select')
          and not has_table_privilege('anon', 'private.rate_limit_hits', 'select')
          and not has_table_privilege('service_role', 'private.rate_limit_hits', 'select'),
  'no API role reads or writes the counters');
select ok((select max(period) from private.rate_limit_defaults) <= interval '1 day',
  'no default period is longer than the day the hits are kept');

-- TEST: the job
insert into private.rate_limit_hits (bucket, hit_at) values
  (1, now() - interval '25 hours'), (1, now() - interval '1 day 1 second'), (1, now() - interval '23 hours'), (2, now());
select is(private.remove_old_rate_limit_hits(), 2, 'the job removes the hits older than a day ...');
select is((select count(*)::integer from private.rate_limit_hits where bucket in (1, 2)), 2, '... and keeps the others');

select * from finish();
rollback;
