-- The slotbase claim is for client routing only. A request whose JWT claims say "owner of tenant
-- X" (forged, or stale after a deactivation) gets nothing the membership tables do not grant.
begin;
select plan(4);

-- SETUP: a tenant with a real owner; an outsider; a deactivated former admin
insert into public.tenants (id, name, slug, timezone, currency, locale)
values ('c2000000-0000-4000-8000-000000000001', 'Trust Clinic', 'trust-clinic', 'Europe/London', 'GBP', 'en-GB');
select tests.create_supabase_user('trust_owner', 'owner@trust.test');
select tests.create_supabase_user('trust_outsider', 'outsider@trust.test');
select tests.create_supabase_user('trust_former_admin', 'former@trust.test');
insert into public.members (tenant_id, id, user_id, display_name, is_active) values
  ('c2000000-0000-4000-8000-000000000001', 'c2000000-0000-4000-8000-0000000000e1', tests.get_supabase_uid('trust_owner'), 'Owner', true),
  ('c2000000-0000-4000-8000-000000000001', 'c2000000-0000-4000-8000-0000000000e2', tests.get_supabase_uid('trust_former_admin'), 'Former', false);
insert into public.member_roles (tenant_id, member_id, role) values
  ('c2000000-0000-4000-8000-000000000001', 'c2000000-0000-4000-8000-0000000000e1', 'owner'),
  ('c2000000-0000-4000-8000-000000000001', 'c2000000-0000-4000-8000-0000000000e2', 'admin');

-- TEST: an outsider presenting an owner claim for the tenant
select tests.authenticate_as_with_claims('trust_outsider', '{"slotbase": {"memberships": [{"tenant_id": "c2000000-0000-4000-8000-000000000001", "tenant_slug": "trust-clinic", "roles": ["owner"], "centre_roles": []}], "patient_tenant_ids": ["c2000000-0000-4000-8000-000000000001"]}}');
select is_empty($$ select 1 from public.audit_log where tenant_id = 'c2000000-0000-4000-8000-000000000001' $$,
  'a forged owner claim does not open the audit log');
select is_empty($$ select 1 from public.members where tenant_id = 'c2000000-0000-4000-8000-000000000001' $$,
  'a forged owner claim does not reveal the staff list');
reset role;

-- TEST: a deactivated admin whose still-valid token says admin
select tests.authenticate_as_with_claims('trust_former_admin', '{"slotbase": {"memberships": [{"tenant_id": "c2000000-0000-4000-8000-000000000001", "tenant_slug": "trust-clinic", "roles": ["admin"], "centre_roles": []}], "patient_tenant_ids": []}}');
select is_empty($$ select 1 from public.audit_log where tenant_id = 'c2000000-0000-4000-8000-000000000001' $$,
  'a deactivated admin with an old admin claim reads nothing: deactivation applies on the next request');
reset role;

-- TEST: the real owner, with no slotbase claim at all, reads the entries
select tests.authenticate_as('trust_owner');
select isnt_empty($$ select 1 from public.audit_log where tenant_id = 'c2000000-0000-4000-8000-000000000001' $$,
  'the real owner reads the entries without any claim: RLS consults the membership tables');

select * from finish();
rollback;
