-- private.contains_pattern, the one place a search text becomes a LIKE pattern (the directory,
-- product and patient searches): the text matches anywhere, and its own %, _ and \ match only
-- themselves.
begin;
select plan(5);

select is(private.contains_pattern('50%_off'), '%50\%\_off%', 'the text anywhere, % and _ escaped');
select ok('Spring 50%_off now' ilike private.contains_pattern('50%_off'), 'it matches the text itself, anywhere');
select ok(not ('50 percent, one off' ilike private.contains_pattern('50%_off')), 'but % and _ are not wildcards');
select ok('C:\clinic' like private.contains_pattern('C:\c') and not ('C:clinic' like private.contains_pattern('C:\c')), 'a backslash matches only a backslash');
select is(private.contains_pattern(null), null, 'no text, no pattern');

select * from finish();
rollback;
