-- anon has USAGE on schema private (20261121193200) so that the security invoker
-- public.search_slots can call private.search_slots. That must expose nothing else: anon may
-- execute exactly the implementations of the public read calls (each takes the arguments of its
-- public wrapper and returns what it returns: search_slots, and the website's centre_public_page,
-- search_directory, search_products, clinician_reviews), the RLS helper of the public catalogue
-- (public_product_keys, keys only) and PostgREST's pre-request function private.check_request
-- (which PostgREST runs as the request's role before every request), and private holds no table,
-- view or sequence anon could read.
-- Every private function's grants are listed in
-- api_surface/every_private_function_is_executable_only_by_the_roles_that_call_it.
begin;
select plan(4);

-- TEST
select ok(has_schema_privilege('anon', 'private', 'USAGE'), 'anon has USAGE on private');
select is(
  array(select p.oid::regprocedure::text
          from pg_proc as p
          join pg_namespace as n on n.oid = p.pronamespace
         where n.nspname = 'private'
           and has_function_privilege('anon', p.oid, 'EXECUTE')
         order by 1),
  array['private.centre_public_page(text,text,timestamp with time zone)',
        'private.check_request()',
        'private.clinician_reviews(uuid,integer,timestamp with time zone)',
        'private.public_product_keys()',
        'private.search_directory(text,text,uuid,uuid,double precision,double precision,double precision,integer)',
        'private.search_products(text,uuid,uuid,text,boolean,integer)',
        'private.search_slots(uuid,uuid,timestamp with time zone,timestamp with time zone,uuid,timestamp with time zone,integer)'],
  'anon may execute exactly the public read calls'' implementations, the catalogue''s RLS helper and the pre-request function');
-- (private holds internal tables, e.g. private.stripe_events: none may be
-- reachable by anon or authenticated, whatever its grants)
select is_empty(
  $$ select c.oid::regclass::text from pg_class as c join pg_namespace as n on n.oid = c.relnamespace
      where n.nspname = 'private' and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
        and (has_table_privilege('anon', c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
             or has_table_privilege('authenticated', c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')) $$,
  'no table, view or sequence in private is readable or writable by anon or authenticated');

-- TEST: and it has teeth: a private function created without revoking is caught
create function private.anon_surface_probe() returns integer language sql set search_path = '' as 'select 1';
select ok(
  has_function_privilege('anon', 'private.anon_surface_probe()', 'EXECUTE'),
  'a private function that forgets to revoke from PUBLIC would be executable by anon (and listed above)');

select * from finish();
rollback;
