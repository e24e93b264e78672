-- Signing in with a verified e-mail that has a pending invitation creates the membership with the
-- invited role, marks the invitation accepted by that user, and happens only once.
begin;
select plan(7);

-- SETUP: a tenant whose owner invited a clinician by e-mail
insert into public.tenants (id, name, slug, timezone, currency, locale)
values ('e1000000-0000-4000-8000-000000000001', 'Invite Clinic', 'invite-clinic', 'Europe/London', 'GBP', 'en-GB');
select tests.create_supabase_user('invite_owner', 'owner@invite.test');
insert into public.invitations (tenant_id, id, email, role, invited_by)
values ('e1000000-0000-4000-8000-000000000001', 'e1000000-0000-4000-8000-0000000000b1', 'new.clinician@invite.test', 'clinician',
        tests.get_supabase_uid('invite_owner'));

-- TEST: the invitee signs in with that e-mail, verified (GoTrue lower-cases it)
select tests.create_supabase_user('invitee', 'New.Clinician@Invite.test');
select results_eq(
  $$ select m.is_active, r.role, r.centre_id, r.granted_by
     from public.members as m join public.member_roles as r on r.tenant_id = m.tenant_id and r.member_id = m.id
     where m.tenant_id = 'e1000000-0000-4000-8000-000000000001' and m.user_id = tests.get_supabase_uid('invitee') $$,
  $$ values (true, 'clinician'::public.staff_role, null::uuid, tests.get_supabase_uid('invite_owner')) $$,
  'an active membership with the invited role (granted by the inviter) is created'
);
select results_eq(
  $$ select accepted_user_id, accepted_at is not null, revoked_at from public.invitations where id = 'e1000000-0000-4000-8000-0000000000b1' $$,
  $$ values (tests.get_supabase_uid('invitee'), true, null::timestamptz) $$,
  'the invitation is marked accepted by the invitee'
);
select is((select display_name::text from public.members where user_id = tests.get_supabase_uid('invitee')), 'new.clinician@invite.test',
  'the membership is named after the verified address until an admin renames it');

-- TEST: signing in again changes nothing
update auth.users set email_confirmed_at = now() + interval '1 minute' where id = tests.get_supabase_uid('invitee');
select is((select count(*)::int from public.members where user_id = tests.get_supabase_uid('invitee')), 1, 'still one membership');
select is((select count(*)::int from public.member_roles where tenant_id = 'e1000000-0000-4000-8000-000000000001'), 1, 'still one role');
select is(
  (select count(*)::int from public.audit_log where tenant_id = 'e1000000-0000-4000-8000-000000000001' and table_name = 'public.invitations' and action = 'update'),
  1,
  'the invitation was accepted exactly once (one audited update)'
);

-- TEST: the acceptance is audited
select results_eq(
  $$ select table_name, action from public.audit_log
     where tenant_id = 'e1000000-0000-4000-8000-000000000001' and table_name <> 'public.tenants' order by id $$,
  $$ values ('public.invitations', 'insert'), ('public.members', 'insert'), ('public.member_roles', 'insert'), ('public.invitations', 'update') $$,
  'invitation, membership, role and acceptance all appear in the audit log'
);

select * from finish();
rollback;
