-- invitations x delete, every role: nobody deletes an invitation (no DELETE grant: 42501); they
-- are the record of who was let in by whom. Revoke instead.
begin;
select plan(11);

-- SETUP
select tests.create_tenancy_fixtures();
insert into public.invitations (tenant_id, id, email, phone, role, centre_id) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('inv_front'), 'new.front@alpha.test', null, 'front_desk', null),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('inv_admin'), 'new.admin@alpha.test', null, 'admin', null),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('inv_cm'), null, '+447700900555', 'centre_manager', tests.tenancy_id('centre_a1')),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('inv_spare'), 'spare@alpha.test', null, 'clinician', null);

-- TEST: every caller, service_role too
select is(tests.attempt_as(m.who, $$ delete from public.invitations where id = tests.tenancy_id('inv_front') $$), m.expected, m.description)
from (values
  ('anon', '42501: permission denied for table invitations', 'anon cannot delete invitations'),
  ('patient', '42501: permission denied for table invitations', 'a patient cannot delete an invitation'),
  ('a_owner', '42501: permission denied for table invitations', 'an owner cannot delete an invitation'),
  ('a_admin', '42501: permission denied for table invitations', 'an admin cannot delete an invitation'),
  ('a_manager', '42501: permission denied for table invitations', 'a manager cannot delete an invitation'),
  ('a_centre_manager', '42501: permission denied for table invitations', 'a centre manager cannot delete an invitation'),
  ('a_clinician', '42501: permission denied for table invitations', 'a clinician cannot delete an invitation'),
  ('a_care_coordinator', '42501: permission denied for table invitations', 'a care coordinator cannot delete an invitation'),
  ('a_front_desk', '42501: permission denied for table invitations', 'front desk cannot delete an invitation'),
  ('b_owner', '42501: permission denied for table invitations', 'the owner of another tenant cannot delete an invitation'),
  ('service_role', '42501: permission denied for table invitations', 'not even service_role deletes an invitation (the record stays)')
) as m(who, expected, description);

select * from finish();
rollback;
