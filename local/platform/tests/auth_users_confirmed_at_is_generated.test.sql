-- auth.users.confirmed_at is a generated column (least of email_confirmed_at and
-- phone_confirmed_at) and auth.identities.email is generated from identity_data: seeds and tests
-- must set the source columns. Inserting (id, email) alone works, as in Supabase's testing docs.
-- Source: supabase/auth migrations/20210722035447_adds_confirmed_at.up.sql,
-- 20221215195800_add_identities_email_column.up.sql; research supabase-platform.md §2.2, §2.3.
begin;
select plan(6);

select throws_ok(
  $$ insert into auth.users (id, email, confirmed_at) values ('dddddddd-0000-4000-8000-000000000001', 'x@clinic.test', now()) $$,
  '428C9', 'cannot insert a non-DEFAULT value into column "confirmed_at"',
  'confirmed_at cannot be inserted'
);

select lives_ok(
  $$ insert into auth.users (id, email) values ('dddddddd-0000-4000-8000-000000000002', 'min@clinic.test') $$,
  'a user with only id and email can be inserted (all other columns nullable or defaulted)'
);

insert into auth.users (id, email, email_confirmed_at, phone, phone_confirmed_at)
values ('dddddddd-0000-4000-8000-000000000003', 'both@clinic.test', '2026-01-02 10:00+00', '447700900923', '2026-01-01 09:00+00');
select is(
  (select confirmed_at from auth.users where id = 'dddddddd-0000-4000-8000-000000000003'),
  '2026-01-01 09:00+00'::timestamptz,
  'confirmed_at is the earlier of email_confirmed_at and phone_confirmed_at'
);

select throws_ok(
  $$ update auth.users set confirmed_at = now() where id = 'dddddddd-0000-4000-8000-000000000003' $$,
  '428C9', 'column "confirmed_at" can only be updated to DEFAULT',
  'confirmed_at cannot be updated'
);

select throws_ok(
  $$ insert into auth.users (id, phone) values ('dddddddd-0000-4000-8000-000000000004', '447700900923') $$,
  '23505', null,
  'phone is unique across users'
);

insert into auth.identities (provider_id, user_id, identity_data, provider)
values ('dddddddd-0000-4000-8000-000000000002', 'dddddddd-0000-4000-8000-000000000002', '{"email": "Min@Clinic.Test"}', 'email');
select is(
  (select email from auth.identities where user_id = 'dddddddd-0000-4000-8000-000000000002'),
  'min@clinic.test',
  'auth.identities.email is generated (lower-cased) from identity_data'
);

select * from finish();
rollback;
