-- The hook has the signature GoTrue requires, is a plain (security invoker, stable) function as
-- Supabase recommends for hooks, and only supabase_auth_admin may execute it; supabase_auth_admin
-- reads exactly the columns the hook needs. (GoTrue's call itself, as supabase_auth_admin with a
-- 2 s statement timeout, is tested in tests/auth-hooks/custom-access-token-hook.test.ts.)
begin;
select plan(12);

-- TEST: signature and attributes
select function_returns('public', 'custom_access_token_hook', array['jsonb'], 'jsonb',
  'public.custom_access_token_hook(event jsonb) returns jsonb, as GoTrue calls it');
select is((select prosecdef from pg_catalog.pg_proc where oid = 'public.custom_access_token_hook(jsonb)'::regprocedure),
  false, 'the hook is security invoker (Supabase: grant to supabase_auth_admin instead of security definer)');
select volatility_is('public', 'custom_access_token_hook', array['jsonb'], 'stable', 'the hook is stable (it only reads)');
select ok((select proconfig @> array['search_path=""'] from pg_catalog.pg_proc where oid = 'public.custom_access_token_hook(jsonb)'::regprocedure),
  'the hook pins an empty search_path');

-- TEST: EXECUTE
select ok(has_function_privilege('supabase_auth_admin', 'public.custom_access_token_hook(jsonb)', 'execute'),
  'supabase_auth_admin may execute the hook');
select ok(not has_function_privilege('anon', 'public.custom_access_token_hook(jsonb)', 'execute'),
  'anon may not execute the hook');
select ok(not has_function_privilege('authenticated', 'public.custom_access_token_hook(jsonb)', 'execute'),
  'authenticated may not execute the hook (no RPC to mint claims)');
select ok(not has_function_privilege('service_role', 'public.custom_access_token_hook(jsonb)', 'execute'),
  'service_role may not execute the hook');

-- TEST: what supabase_auth_admin may read
select ok(has_schema_privilege('supabase_auth_admin', 'public', 'usage'), 'supabase_auth_admin may use schema public');
select ok(
  has_column_privilege('supabase_auth_admin', 'public.members', 'user_id', 'select')
  and has_column_privilege('supabase_auth_admin', 'public.member_roles', 'role', 'select')
  and has_column_privilege('supabase_auth_admin', 'public.tenants', 'slug', 'select')
  and has_column_privilege('supabase_auth_admin', 'public.patients', 'user_id', 'select'),
  'supabase_auth_admin reads the membership, role, tenant slug and patient link columns');
select ok(
  not has_column_privilege('supabase_auth_admin', 'public.patients', 'full_name', 'select')
  and not has_column_privilege('supabase_auth_admin', 'public.patients', 'phone', 'select')
  and not has_table_privilege('supabase_auth_admin', 'public.medical_notes', 'select')
  and not has_table_privilege('supabase_auth_admin', 'public.patients', 'update'),
  'supabase_auth_admin reads no patient personal data, no notes, and writes nothing');
select is(
  array(select tablename || '.' || policyname || ' ' || cmd from pg_catalog.pg_policies
        where schemaname = 'public' and 'supabase_auth_admin' = any (roles) order by 1),
  array['member_roles.member_roles_select_supabase_auth_admin SELECT', 'members.members_select_supabase_auth_admin SELECT',
        'patients.patients_select_supabase_auth_admin SELECT', 'tenants.tenants_select_supabase_auth_admin SELECT'],
  'one select policy for supabase_auth_admin on each table the hook reads, and none elsewhere'
);

select * from finish();
rollback;
