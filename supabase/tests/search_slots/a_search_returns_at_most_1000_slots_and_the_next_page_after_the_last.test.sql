-- PostgREST answers at most max_rows (1000) rows and would cut a longer search silently. So a
-- search returns at most private.api_max_rows() = 1000 slots, the earliest first, and `after`
-- gives the next page: the starts after an instant. Paging with after = the last starts_at of each
-- full page yields every offered slot exactly once, for one clinician and for any clinician.
-- 31 days of a 5-minute grid with 09:00-17:00 hours is 31 x 91 = 2,852 slots of a 25-minute visit.
begin;
select plan(10);

-- SETUP: a 25-minute check-up on a 5-minute grid, no buffers; clinician_a and clinician_a_visiting
-- work 09:00-17:00 every day at centre_a1
select tests.create_appointment_fixtures();
update public.services
set slot_alignment_minutes = 5, duration_minutes = 25, buffer_before_minutes = 0, buffer_after_minutes = 0, max_booking_horizon = '90 days'
where id = tests.tenancy_id('appt_checkup');
create temporary table win as
select tests.appointment_slot(2, '00:00') as window_start, tests.appointment_slot(33, '00:00') as window_end;
create function pg_temp.page(after timestamptz, clinician text) returns setof timestamptz language sql as $$
  select s.starts_at
  from win, public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), win.window_start, win.window_end,
                                case when clinician is not null then tests.tenancy_id(clinician) end, after) as s $$;
create function pg_temp.all_pages(clinician text) returns table (page integer, starts_at timestamptz) language plpgsql as $$
declare
  v_after timestamptz;
  v_page integer := 0;
  v_rows integer;
begin
  loop
    v_page := v_page + 1;
    return query select v_page, p.s from pg_temp.page(v_after, clinician) as p (s);
    get diagnostics v_rows = row_count;
    exit when v_rows < 1000 or v_page > 10;
    select max(p.s) into v_after from pg_temp.page(v_after, clinician) as p (s);
  end loop;
end $$;
create temporary table engine as
select o.starts_at
from win, private.offered_slots(tests.tenancy_id('tenant_a'), tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
                                array[tests.tenancy_id('clinician_a')], tstzrange(win.window_start, win.window_end), now()) as o;

-- TEST: one clinician
select is((select count(*)::integer from engine), 2852, 'the window holds 2,852 offered starts (31 days x 92)');
select is((select count(*)::integer from pg_temp.page(null, 'clinician_a')), 1000, 'the first call returns 1,000 rows, not more');
select is((select min(p.s) from pg_temp.page(null, 'clinician_a') as p (s)), (select min(starts_at) from engine),
  'the first page starts with the earliest slot');
create temporary table paged as select * from pg_temp.all_pages('clinician_a');
select is((select array_agg(c order by page) from (select page, count(*)::integer as c from paged group by page) as p),
  array[1000, 1000, 852], 'paging with after = the last start: three pages of 1,000, 1,000 and 852 rows');
select is((select count(*)::integer from (select starts_at from paged except select starts_at from engine) as x)
          + (select count(*)::integer from (select starts_at from engine except select starts_at from paged) as y)
          + (select count(*)::integer - count(distinct starts_at)::integer from paged),
  0, 'the pages together are exactly the offered slots, each once');
select is((select count(*)::integer from pg_temp.page((select max(starts_at) from engine), 'clinician_a')), 0,
  'after the last slot: an empty page');

-- TEST: any clinician (one row per start)
create temporary table paged_any as select * from pg_temp.all_pages(null);
select is((select count(*)::integer from paged_any), (select count(distinct starts_at)::integer from paged),
  'any clinician: every start once over the pages');
select is((select max(c) from (select count(*)::integer as c from paged_any group by page) as p), 1000,
  'any clinician: no page has more than 1,000 rows');

-- TEST: after before the window is the window; the limit is one place
select is((select count(*)::integer from pg_temp.page('2000-01-01 00:00Z', 'clinician_a')), 1000,
  'after before window_start: the window''s first page');
select is(private.api_max_rows(), 1000, 'private.api_max_rows() is 1000, PostgREST''s max_rows (tests/api compares it with supabase/config.toml)');

select * from finish();
rollback;
