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

-- TEST
select tests.clear_authentication();
select throws_ok($$ delete from public.invitations where id = tests.tenancy_id('inv_front') $$, '42501', 'permission denied for table invitations', 'anon cannot delete invitations');
reset role;
select tests.authenticate_as('patient');
select throws_ok($$ delete from public.invitations where id = tests.tenancy_id('inv_front') $$, '42501', 'permission denied for table invitations', 'a patient cannot delete an invitation');
reset role;
select tests.authenticate_as('a_owner');
select throws_ok($$ delete from public.invitations where id = tests.tenancy_id('inv_front') $$, '42501', 'permission denied for table invitations', 'an owner cannot delete an invitation');
reset role;
select tests.authenticate_as('a_admin');
select throws_ok($$ delete from public.invitations where id = tests.tenancy_id('inv_front') $$, '42501', 'permission denied for table invitations', 'an admin cannot delete an invitation');
reset role;
select tests.authenticate_as('a_manager');
select throws_ok($$ delete from public.invitations where id = tests.tenancy_id('inv_front') $$, '42501', 'permission denied for table invitations', 'a manager cannot delete an invitation');
reset role;
select tests.authenticate_as('a_centre_manager');
select throws_ok($$ delete from public.invitations where id = tests.tenancy_id('inv_front') $$, '42501', 'permission denied for table invitations', 'a centre manager cannot delete an invitation');
reset role;
select tests.authenticate_as('a_clinician');
select throws_ok($$ delete from public.invitations where id = tests.tenancy_id('inv_front') $$, '42501', 'permission denied for table invitations', 'a clinician cannot delete an invitation');
reset role;
select tests.authenticate_as('a_care_coordinator');
select throws_ok($$ delete from public.invitations where id = tests.tenancy_id('inv_front') $$, '42501', 'permission denied for table invitations', 'a care coordinator cannot delete an invitation');
reset role;
select tests.authenticate_as('a_front_desk');
select throws_ok($$ delete from public.invitations where id = tests.tenancy_id('inv_front') $$, '42501', 'permission denied for table invitations', 'front desk cannot delete an invitation');
reset role;
select tests.authenticate_as('b_owner');
select throws_ok($$ delete from public.invitations where id = tests.tenancy_id('inv_front') $$, '42501', 'permission denied for table invitations', 'the owner of another tenant cannot delete an invitation');
reset role;
select tests.authenticate_as_service_role();
select throws_ok($$ delete from public.invitations where id = tests.tenancy_id('inv_front') $$, '42501', 'permission denied for table invitations', 'not even service_role deletes an invitation (the record stays)');
reset role;

select * from finish();
rollback;
