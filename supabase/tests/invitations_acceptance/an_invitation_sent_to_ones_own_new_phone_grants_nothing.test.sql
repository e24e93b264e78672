-- Nobody grants a role to their own membership. An owner who invites a phone number and then
-- verifies that number on their own account must not receive the invited role through sign-in.
begin;
select plan(3);

-- SETUP: an owner with a verified e-mail, and an invitation they sent to a phone not yet theirs
insert into public.tenants (id, name, slug, timezone, currency, locale)
values ('e3000000-0000-4000-8000-000000000001', 'Self Invite', 'self-invite', 'Europe/London', 'GBP', 'en-GB');
select tests.create_supabase_user('self_inviter', 'self.inviter@self.test');
update auth.users set email_confirmed_at = now() where id = tests.get_supabase_uid('self_inviter');
insert into public.members (tenant_id, id, user_id, display_name)
values ('e3000000-0000-4000-8000-000000000001', 'e3000000-0000-4000-8000-0000000000e1', tests.get_supabase_uid('self_inviter'), 'Self Inviter');
insert into public.member_roles (tenant_id, member_id, role)
values ('e3000000-0000-4000-8000-000000000001', 'e3000000-0000-4000-8000-0000000000e1', 'owner');
insert into public.invitations (tenant_id, id, phone, role, invited_by)
values ('e3000000-0000-4000-8000-000000000001', 'e3000000-0000-4000-8000-0000000000b1', '+15550109911', 'clinician',
        tests.get_supabase_uid('self_inviter'));

-- TEST: the owner adds and verifies that phone (as GoTrue writes it: no '+')
update auth.users set phone = '15550109911', phone_confirmed_at = now() where id = tests.get_supabase_uid('self_inviter');

select results_eq(
  $$ select role::text from public.member_roles where member_id = 'e3000000-0000-4000-8000-0000000000e1' $$,
  $$ values ('owner') $$,
  'the inviter keeps only the roles they had: no clinician role through their own invitation'
);
select is(
  (select accepted_at from public.invitations where id = 'e3000000-0000-4000-8000-0000000000b1'),
  null,
  'the invitation stays pending'
);

-- TEST: someone else verifying that phone still accepts it
select tests.create_supabase_user('invitee', 'invitee@self.test');
update auth.users set phone = null, phone_confirmed_at = null where id = tests.get_supabase_uid('self_inviter');
update auth.users set phone = '15550109911', phone_confirmed_at = now() where id = tests.get_supabase_uid('invitee');
select is(
  (select accepted_user_id from public.invitations where id = 'e3000000-0000-4000-8000-0000000000b1'),
  tests.get_supabase_uid('invitee'),
  'the same invitation is accepted by the person it was meant for'
);

select * from finish();
rollback;
