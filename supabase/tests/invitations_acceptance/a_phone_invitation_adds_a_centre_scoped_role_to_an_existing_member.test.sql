-- A phone invitation is accepted by a verified phone (stored by GoTrue without '+'); an
-- invitation for a centre-scoped role adds that scoped role to the person's existing membership.
begin;
select plan(3);

-- SETUP: a tenant with a centre; the person is already a front_desk member
insert into public.tenants (id, name, slug, timezone, currency, locale)
values ('e3000000-0000-4000-8000-000000000001', 'Scoped', 'scoped-clinic', 'Europe/London', 'GBP', 'en-GB');
insert into public.centres (tenant_id, id, name, slug, timezone)
values ('e3000000-0000-4000-8000-000000000001', 'e3000000-0000-4000-8000-0000000000c1', 'North Centre', 'north-centre', 'Europe/London');
insert into auth.users (instance_id, id, aud, role, phone, phone_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
values ('00000000-0000-0000-0000-000000000000', 'e3000000-0000-4000-8000-0000000000f1', 'authenticated', 'authenticated',
        '15550101101', null, '{"provider": "phone", "providers": ["phone"]}', '{}', now(), now());
insert into public.members (tenant_id, id, user_id, display_name)
values ('e3000000-0000-4000-8000-000000000001', 'e3000000-0000-4000-8000-0000000000e1', 'e3000000-0000-4000-8000-0000000000f1', 'Casey');
insert into public.member_roles (tenant_id, member_id, role)
values ('e3000000-0000-4000-8000-000000000001', 'e3000000-0000-4000-8000-0000000000e1', 'front_desk');
insert into public.invitations (tenant_id, id, phone, role, centre_id)
values ('e3000000-0000-4000-8000-000000000001', 'e3000000-0000-4000-8000-0000000000b1', '+15550101101', 'centre_manager', 'e3000000-0000-4000-8000-0000000000c1');

-- TEST: GoTrue verifies the phone
update auth.users set phone_confirmed_at = now() where id = 'e3000000-0000-4000-8000-0000000000f1';
select results_eq(
  $$ select role, centre_id from public.member_roles where member_id = 'e3000000-0000-4000-8000-0000000000e1' order by role $$,
  $$ values ('centre_manager'::public.staff_role, 'e3000000-0000-4000-8000-0000000000c1'::uuid), ('front_desk'::public.staff_role, null::uuid) $$,
  'the centre-scoped role is added to the existing membership'
);
select is((select count(*)::int from public.members where user_id = 'e3000000-0000-4000-8000-0000000000f1'), 1,
  'no second membership is created');
select is((select accepted_user_id from public.invitations where id = 'e3000000-0000-4000-8000-0000000000b1'), 'e3000000-0000-4000-8000-0000000000f1'::uuid,
  'the phone invitation is accepted');

select * from finish();
rollback;
