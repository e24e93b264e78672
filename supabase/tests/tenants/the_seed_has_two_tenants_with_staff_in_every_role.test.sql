-- The demo seed (supabase/seed.sql) is what the docs promise: two tenants, every staff role in
-- each, a centre-scoped centre manager, an unpublished centre each, public and hidden clinician
-- profiles, patients with and without accounts, a pending invitation; Amira Haddad owns
-- Northside and Sam Patel is a Northside patient.
begin;
select plan(9);

select results_eq($$ select slug::text from public.tenants where id in ('b0000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000002') order by slug $$,
  $$ values ('harbor-family-clinics'), ('northside-health') $$, 'two seeded tenants');
select is_empty($$
  select t.slug, r.role
  from public.tenants as t
  cross join unnest(enum_range(null::public.staff_role)) as r (role)
  where t.slug in ('northside-health', 'harbor-family-clinics')
    and not exists (select 1 from public.member_roles as mr where mr.tenant_id = t.id and mr.role = r.role)
$$, 'every staff role is held in both tenants');
select isnt_empty($$ select 1 from public.member_roles where role = 'centre_manager' and centre_id is not null
  and tenant_id = 'b0000000-0000-4000-8000-000000000001' $$, 'Northside has a centre-scoped centre manager');
select results_eq($$ select t.slug::text, count(*) filter (where not c.is_published) from public.centres c join public.tenants t on t.id = c.tenant_id
  where t.slug in ('northside-health', 'harbor-family-clinics') group by t.slug order by t.slug $$,
  $$ values ('harbor-family-clinics', 1::bigint), ('northside-health', 1::bigint) $$, 'each tenant has one unpublished centre');
select results_eq($$ select bool_or(is_public), bool_or(not is_public) from public.clinicians where tenant_id = 'b0000000-0000-4000-8000-000000000001' $$,
  $$ values (true, true) $$, 'Northside has public and hidden clinician profiles');
select results_eq($$ select bool_or(user_id is not null), bool_or(user_id is null) from public.patients
  where tenant_id in ('b0000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000002') $$,
  $$ values (true, true) $$, 'patients with and without accounts');
select isnt_empty($$ select 1 from public.invitations where accepted_at is null and revoked_at is null and expires_at > now() $$, 'a pending invitation');
select isnt_empty($$ select 1 from public.members m join public.member_roles r on r.tenant_id = m.tenant_id and r.member_id = m.id
  where m.user_id = 'a0000000-0000-4000-8000-000000000001' and m.tenant_id = 'b0000000-0000-4000-8000-000000000001' and r.role = 'owner' $$,
  'Amira Haddad owns Northside Health');
select isnt_empty($$ select 1 from public.patients where user_id = 'a0000000-0000-4000-8000-000000000101' and tenant_id = 'b0000000-0000-4000-8000-000000000001' $$,
  'Sam Patel is a Northside patient');

select * from finish();
rollback;
