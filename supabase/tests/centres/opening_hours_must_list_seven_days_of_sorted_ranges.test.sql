-- centres.opening_hours: all seven days, each a list of ["HH:MM","HH:MM"] ranges with start <
-- end, ascending, not overlapping; anything else violates centres_opening_hours_valid (23514).
begin;
select plan(7);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select lives_ok($$ update public.centres set opening_hours =
  '{"mon": [["08:00","12:30"],["13:30","24:00"]], "tue": [], "wed": [], "thu": [], "fri": [], "sat": [], "sun": []}'
  where id = tests.tenancy_id('centre_a1') $$, 'two ranges on a day, the second running to midnight, are accepted');
select throws_ok($$ update public.centres set opening_hours = '{"mon": [["09:00","17:00"]]}' where id = tests.tenancy_id('centre_a1') $$,
  '23514', null, 'missing days are refused');
select throws_ok($$ update public.centres set opening_hours =
  '{"mon": [["17:00","09:00"]], "tue": [], "wed": [], "thu": [], "fri": [], "sat": [], "sun": []}' where id = tests.tenancy_id('centre_a1') $$,
  '23514', null, 'a range ending before it starts is refused');
select throws_ok($$ update public.centres set opening_hours =
  '{"mon": [["09:00","13:00"],["12:00","17:00"]], "tue": [], "wed": [], "thu": [], "fri": [], "sat": [], "sun": []}' where id = tests.tenancy_id('centre_a1') $$,
  '23514', null, 'overlapping ranges are refused');
select throws_ok($$ update public.centres set opening_hours =
  '{"mon": [["9:00","17:00"]], "tue": [], "wed": [], "thu": [], "fri": [], "sat": [], "sun": []}' where id = tests.tenancy_id('centre_a1') $$,
  '23514', null, 'times must be HH:MM');
select throws_ok($$ update public.centres set opening_hours =
  '{"mon": [], "tue": [], "wed": [], "thu": [], "fri": [], "sat": [], "sun": [], "hol": []}' where id = tests.tenancy_id('centre_a1') $$,
  '23514', null, 'unknown keys are refused');
select throws_ok($$ update public.centres set country_code = 'gb' where id = tests.tenancy_id('centre_a1') $$,
  '23514', null, 'country codes are upper-case ISO 3166-1 alpha-2');

select * from finish();
rollback;
