-- invitations x update, every role: the only update is revoking a pending invitation, allowed to
-- whoever may send it (owner any, admin below admin, manager below manager); others zero rows;
-- revoking twice or un-revoking raises PT409; other columns have no grant (42501).
begin;
select plan(19);

-- SETUP
select tests.create_tenancy_fixtures();
insert into public.invitations (tenant_id, id, email, phone, role, centre_id) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('inv_front'), 'new.front@alpha.test', null, 'front_desk', null),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('inv_admin'), 'new.admin@alpha.test', null, 'admin', null),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('inv_cm'), null, '+447700900555', 'centre_manager', tests.tenancy_id('centre_a1')),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('inv_spare'), 'spare@alpha.test', null, 'clinician', null);

-- TEST
select tests.clear_authentication();
select throws_ok($$ update public.invitations set revoked_at = now() where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('inv_front') returning 1 $$, '42501', 'permission denied for table invitations', 'anon cannot revoke');
reset role;
select tests.authenticate_as('patient');
select is_empty($$ update public.invitations set revoked_at = now() where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('inv_front') returning 1 $$, 'a patient revokes nothing');
reset role;
select tests.authenticate_as('a_centre_manager');
select is_empty($$ update public.invitations set revoked_at = now() where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('inv_cm') returning 1 $$, 'a centre manager revokes no invitation of tenant_a');
reset role;
select tests.authenticate_as('a_clinician');
select is_empty($$ update public.invitations set revoked_at = now() where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('inv_cm') returning 1 $$, 'a clinician revokes no invitation of tenant_a');
reset role;
select tests.authenticate_as('a_care_coordinator');
select is_empty($$ update public.invitations set revoked_at = now() where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('inv_cm') returning 1 $$, 'a care coordinator revokes no invitation of tenant_a');
reset role;
select tests.authenticate_as('a_front_desk');
select is_empty($$ update public.invitations set revoked_at = now() where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('inv_cm') returning 1 $$, 'front desk revokes no invitation of tenant_a');
reset role;
select tests.authenticate_as('b_owner');
select is_empty($$ update public.invitations set revoked_at = now() where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('inv_cm') returning 1 $$, 'the owner of another tenant revokes no invitation of tenant_a');
reset role;
select tests.authenticate_as('a_admin');
select is_empty($$ update public.invitations set revoked_at = now() where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('inv_admin') returning 1 $$, 'an admin cannot revoke an admin invitation');
reset role;
select tests.authenticate_as('a_manager');
select is_empty($$ update public.invitations set revoked_at = now() where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('inv_admin') returning 1 $$, 'a manager cannot revoke an admin invitation');
reset role;
select tests.authenticate_as('a_owner');
select isnt_empty($$ update public.invitations set revoked_at = now() where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('inv_admin') returning 1 $$, 'an owner revokes an admin invitation');
reset role;
select tests.authenticate_as('a_admin');
select isnt_empty($$ update public.invitations set revoked_at = now() where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('inv_front') returning 1 $$, 'an admin revokes a front-desk invitation');
reset role;
select tests.authenticate_as('a_manager');
select isnt_empty($$ update public.invitations set revoked_at = now() where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('inv_cm') returning 1 $$, 'a manager revokes a centre-manager invitation');
reset role;
select tests.authenticate_as('a_owner');
select throws_ok($$ update public.invitations set revoked_at = now() where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('inv_front') returning 1 $$, 'PT409', 'this invitation was already revoked', 'a revoked invitation cannot be revoked again');
select is(tests.error_details_of($$ update public.invitations set revoked_at = now() where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('inv_front') $$),
  '{"code": "PT409", "message": "this invitation was already revoked", "detail": "status_conflict", "hint": "Send a new invitation instead."}'::jsonb,
  'with the reason status_conflict and a hint');
reset role;
select tests.authenticate_as_service_role();
update public.invitations set accepted_at = now() where id = tests.tenancy_id('inv_spare');
reset role;
select tests.authenticate_as('a_owner');
select is(tests.error_details_of($$ update public.invitations set revoked_at = now() where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('inv_spare') $$),
  '{"code": "PT409", "message": "this invitation was already accepted", "detail": "status_conflict", "hint": "To remove the access it gave, delete the member''s role or deactivate the member."}'::jsonb,
  'an accepted invitation cannot be revoked: status_conflict');
reset role;
select tests.authenticate_as_service_role();
update public.invitations set accepted_at = null where id = tests.tenancy_id('inv_spare');
reset role;
select tests.authenticate_as('a_owner');
select throws_ok($$ update public.invitations set revoked_at = null where id = tests.tenancy_id('inv_front') $$, 'PT409', 'this invitation was already revoked', 'a revoked invitation cannot be un-revoked');
reset role;
select tests.authenticate_as('a_owner');
select throws_ok($$ update public.invitations set role = 'owner' where id = tests.tenancy_id('inv_spare') $$, 'PT422', 'the only change allowed to an invitation is revoking it', 'the role of an invitation cannot be changed');
reset role;
select tests.authenticate_as('a_owner');
select throws_ok($$ update public.invitations set accepted_at = now() where id = tests.tenancy_id('inv_spare') $$, '42501', 'permission denied for table invitations', 'nobody accepts an invitation through the API');
reset role;
select tests.authenticate_as_service_role();
select isnt_empty($$ update public.invitations set revoked_at = now() where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('inv_spare') returning 1 $$, 'service_role revokes an invitation');
reset role;

select * from finish();
rollback;
