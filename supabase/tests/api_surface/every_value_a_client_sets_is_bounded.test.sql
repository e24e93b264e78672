-- Catalogue-wide: every value a client can set is bounded, by class.
--   * free text (text, varchar, domains over text, arrays of them, jsonb) that anon or authenticated
--     may insert or update, and the columns public RPCs fill from a client's text: a length cap
--     (char_length / octet_length, a regular expression that admits only bounded lengths, a fixed
--     list of values, an enum, or a domain that has one of these; arrays also cap their size);
--   * numbers (numeric) a client may set, and every money column: NaN is refused;
--   * currencies: the currency_code domain admits ISO 4217 codes only.
-- A new column without a bound fails this test. The behaviour of each class is pinned by
-- bad_values_are_refused_with_an_explicit_sqlstate_and_change_nothing.test.sql.
begin;
select plan(6);

create temporary table client_columns as
select c.oid as table_oid, c.relname::text as table_name, a.attnum, a.attname::text as column_name, a.atttypid,
       t.typtype, t.typcategory, t.typelem, t.typbasetype
from pg_catalog.pg_attribute as a
join pg_catalog.pg_class as c on c.oid = a.attrelid
join pg_catalog.pg_type as t on t.oid = a.atttypid
where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
  and (pg_catalog.has_column_privilege('authenticated', c.oid, a.attnum, 'INSERT')
       or pg_catalog.has_column_privilege('authenticated', c.oid, a.attnum, 'UPDATE')
       or pg_catalog.has_column_privilege('anon', c.oid, a.attnum, 'INSERT')
       or pg_catalog.has_column_privilege('anon', c.oid, a.attnum, 'UPDATE')
       -- filled by public RPCs from a client's text
       or (c.relname, a.attname) in (('appointments', 'cancellation_reason'), ('appointments', 'override_reason'),
                                     ('appointment_status_history', 'reason')));

-- a constraint text that bounds a value's length: a length function, a fixed list, or a regular
-- expression anchored at both ends whose repetitions are all bounded (escaped characters aside)
create function pg_temp.bounds_length(definition text) returns boolean language sql immutable as $$
  select definition ~ '(char_length|octet_length|\mlength)\('
      or definition ~ '= ANY \(ARRAY\['
      or definition ~ '(is_iana_timezone|is_iso_currency|is_valid_opening_hours|is_valid_emergency_contact|is_valid_web_url|is_valid_social_links|storage_path_belongs_to|are_valid_product_images|whatsapp_template_variables_valid)\('
      or exists (
        select 1 from pg_catalog.regexp_matches(definition, '~ ''(\^[^'']*\$)''', 'g') as m
        where pg_catalog.regexp_replace(m[1], '\\.', '', 'g') !~ '[*+]|\{[0-9]+,\}')
$$;

create temporary table bounded_types as
select t.oid
from pg_catalog.pg_type as t
where t.typtype = 'e'
   or (t.typtype = 'd' and exists (select 1 from pg_catalog.pg_constraint as co
                                   where co.contypid = t.oid and pg_temp.bounds_length(pg_catalog.pg_get_constraintdef(co.oid))));

create temporary view text_columns as
select k.* from client_columns as k
where k.atttypid in ('text'::regtype, 'varchar'::regtype, 'jsonb'::regtype, 'json'::regtype)
   or k.typbasetype = 'text'::regtype
   or (k.typcategory = 'A' and (k.typelem = 'text'::regtype
                                or exists (select 1 from pg_catalog.pg_type as e where e.oid = k.typelem and e.typbasetype = 'text'::regtype)))
   or k.typtype = 'e';

create temporary view table_checks as
select co.conrelid, a.attnum, pg_catalog.pg_get_constraintdef(co.oid) as definition
from pg_catalog.pg_constraint as co
cross join lateral pg_catalog.unnest(co.conkey) as a (attnum)
where co.contype = 'c';

-- TEST: the classes are found
select cmp_ok((select count(*)::integer from text_columns), '>', 60, 'more than 60 text columns are writable by clients');

-- TEST: every free text has a cap
select is(
  array(select k.table_name || '.' || k.column_name from text_columns as k
        where not (
          k.atttypid in (select oid from bounded_types)
          or (k.typcategory = 'A' and k.typelem in (select oid from bounded_types)
              and exists (select 1 from table_checks as c where c.conrelid = k.table_oid and c.attnum = k.attnum
                                                           and c.definition ~ 'cardinality\('))
          or exists (select 1 from table_checks as c where c.conrelid = k.table_oid and c.attnum = k.attnum
                                                      and pg_temp.bounds_length(c.definition)))
        order by 1),
  '{}'::text[],
  'every text, jsonb and text array a client can set has a length cap');

-- TEST: numbers
select is(
  array(select k.table_name || '.' || k.column_name from client_columns as k
        where k.atttypid = 'numeric'::regtype
          and not exists (select 1 from table_checks as c where c.conrelid = k.table_oid and c.attnum = k.attnum
                                                         and c.definition ~ '(''NaN''::numeric|fits_minor_unit\()')
        order by 1),
  '{}'::text[],
  'every number a client can set refuses NaN');
select is(
  array(select c.relname || '.' || a.attname
        from pg_catalog.pg_attribute as a
        join pg_catalog.pg_class as c on c.oid = a.attrelid
        where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
          and a.atttypid = 'numeric'::regtype
          and not exists (select 1 from table_checks as k where k.conrelid = c.oid and k.attnum = a.attnum
                                                         and k.definition ~ '(''NaN''::numeric|fits_minor_unit\()')
        order by 1),
  '{}'::text[],
  'every money column of every table refuses NaN, whoever writes it');

-- TEST: currencies
select ok(
  exists (select 1 from pg_catalog.pg_constraint as co
          where co.contypid = 'public.currency_code'::regtype and pg_catalog.pg_get_constraintdef(co.oid) ~ 'is_iso_currency\('),
  'the currency_code domain admits ISO 4217 currencies only');
select is(
  array(select distinct k.table_name || '.' || k.column_name from client_columns as k
        where k.column_name ~ 'currency' and k.atttypid <> 'public.currency_code'::regtype order by 1),
  '{}'::text[],
  'every currency column a client sets is a currency_code');

select * from finish();
rollback;
