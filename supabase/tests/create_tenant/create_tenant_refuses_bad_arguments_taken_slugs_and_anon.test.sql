-- public.create_tenant() errors: 22023 for each invalid argument (with a hint), PT409 slug_taken
-- for a slug already taken, 42501 for anon (no EXECUTE).
begin;
select plan(9);

-- SETUP
select tests.create_supabase_user('founder');

-- TEST
select tests.clear_authentication();
select throws_ok($$ select public.create_tenant('X', 'x-clinic', 'UTC', 'GBP', 'en') $$, '42501', null, 'anon cannot create a tenant');
reset role;
select tests.authenticate_as('founder');
select lives_ok($$ select public.create_tenant('First', 'taken-slug', 'UTC', 'GBP', 'en') $$, 'a first tenant is created');
select throws_ok($$ select public.create_tenant('Second', 'taken-slug', 'UTC', 'GBP', 'en') $$, 'PT409', 'this slug is already taken', 'a taken slug is refused with PT409');
select is(tests.error_details_of($$ select public.create_tenant('Second', 'taken-slug', 'UTC', 'GBP', 'en') $$),
  '{"code": "PT409", "message": "this slug is already taken", "detail": "slug_taken", "hint": "Choose another slug for the clinic''s address."}'::jsonb,
  'with the reason slug_taken and a hint');
select throws_ok($$ select public.create_tenant('  ', 'blank-name', 'UTC', 'GBP', 'en') $$, '22023', 'name is not valid', 'a blank name is refused');
select throws_ok($$ select public.create_tenant('X', 'Bad Slug', 'UTC', 'GBP', 'en') $$, '22023', 'slug is not valid', 'a bad slug is refused');
select throws_ok($$ select public.create_tenant('X', 'tz-clinic', 'Mars/Olympus', 'GBP', 'en') $$, '22023', 'timezone is not valid', 'an unknown time zone is refused');
select throws_ok($$ select public.create_tenant('X', 'cur-clinic', 'UTC', 'pounds', 'en') $$, '22023', 'currency is not valid', 'a bad currency is refused');
select throws_ok($$ select public.create_tenant('X', 'loc-clinic', 'UTC', 'GBP', 'English') $$, '22023', 'locale is not valid', 'a bad locale is refused');
reset role;

select * from finish();
rollback;
