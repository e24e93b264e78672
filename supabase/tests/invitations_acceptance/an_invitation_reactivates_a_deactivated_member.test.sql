-- A pending invitation to a former (deactivated) member reactivates the membership and adds the
-- invited role; revoking the invitation first would have left the member deactivated.
begin;
select plan(3);

-- SETUP
insert into public.tenants (id, name, slug, timezone, currency, locale)
values ('e4000000-0000-4000-8000-000000000001', 'Returning', 'returning-clinic', 'Europe/London', 'GBP', 'en-GB');
insert into auth.users (instance_id, id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
values ('00000000-0000-0000-0000-000000000000', 'e4000000-0000-4000-8000-0000000000f1', 'authenticated', 'authenticated',
        'returning@invite.test', now() - interval '1 year', '{"provider": "email", "providers": ["email"]}', '{}', now(), now());
insert into public.members (tenant_id, id, user_id, display_name, is_active)
values ('e4000000-0000-4000-8000-000000000001', 'e4000000-0000-4000-8000-0000000000e1', 'e4000000-0000-4000-8000-0000000000f1', 'Robin', false);
insert into public.invitations (tenant_id, id, email, role)
values ('e4000000-0000-4000-8000-000000000001', 'e4000000-0000-4000-8000-0000000000b1', 'returning@invite.test', 'care_coordinator');

-- TEST: the former member signs in again (GoTrue confirms the e-mail OTP)
update auth.users set email_confirmed_at = now() where id = 'e4000000-0000-4000-8000-0000000000f1';
select results_eq(
  $$ select is_active, deactivated_at from public.members where id = 'e4000000-0000-4000-8000-0000000000e1' $$,
  $$ values (true, null::timestamptz) $$,
  'the membership is active again'
);
select results_eq(
  $$ select role from public.member_roles where member_id = 'e4000000-0000-4000-8000-0000000000e1' $$,
  $$ values ('care_coordinator'::public.staff_role) $$,
  'the invited role is added'
);
select results_eq(
  $$ select old_row ->> 'is_active', new_row ->> 'is_active' from public.audit_log
     where table_name = 'public.members' and action = 'update' and row_pk ->> 'id' = 'e4000000-0000-4000-8000-0000000000e1' $$,
  $$ values ('false', 'true') $$,
  'the reactivation is audited'
);

select * from finish();
rollback;
