-- members x update, every role: owners update any member of their tenant; admins update members
-- who are not owners/admins (and their own display name); others change zero rows; anon 42501.
begin;
select plan(17);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.clear_authentication();
select throws_ok($$ update public.members set display_name = 'Renamed' where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('a_front_desk.member') returning 1 $$, '42501', 'permission denied for table members', 'anon cannot update members');
reset role;
select tests.authenticate_as('patient');
select is_empty($$ update public.members set display_name = 'Renamed' where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('a_front_desk.member') returning 1 $$, 'a patient updates no member');
reset role;
select tests.authenticate_as('a_owner');
select isnt_empty($$ update public.members set display_name = 'Renamed' where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('a_front_desk.member') returning 1 $$, 'an owner renames a member');
reset role;
select tests.authenticate_as('a_owner');
select isnt_empty($$ update public.members set display_name = 'Admin A' where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('a_admin.member') returning 1 $$, 'an owner updates an admin');
reset role;
select tests.authenticate_as('a_admin');
select isnt_empty($$ update public.members set is_active = false where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('a_care_coordinator.member') returning 1 $$, 'an admin deactivates a care coordinator');
reset role;
select tests.authenticate_as('a_admin');
select isnt_empty($$ update public.members set display_name = 'Renamed' where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('a_admin.member') returning 1 $$, 'an admin renames themselves');
reset role;
select tests.authenticate_as('a_admin');
select is_empty($$ update public.members set is_active = false where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('a_owner.member') returning 1 $$, 'an admin cannot deactivate an owner (zero rows)');
reset role;
select tests.authenticate_as('a_admin');
select is_empty($$ update public.members set display_name = 'Renamed' where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('a_owner.member') returning 1 $$, 'an admin cannot rename an owner (zero rows)');
reset role;
select tests.authenticate_as('a_manager');
select is_empty($$ update public.members set is_active = false where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('a_front_desk.member') returning 1 $$, 'a manager updates no member of tenant_a');
reset role;
select tests.authenticate_as('a_centre_manager');
select is_empty($$ update public.members set is_active = false where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('a_front_desk.member') returning 1 $$, 'a centre manager updates no member of tenant_a');
reset role;
select tests.authenticate_as('a_clinician');
select is_empty($$ update public.members set is_active = false where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('a_front_desk.member') returning 1 $$, 'a clinician updates no member of tenant_a');
reset role;
select tests.authenticate_as('a_care_coordinator');
select is_empty($$ update public.members set is_active = false where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('a_front_desk.member') returning 1 $$, 'a care coordinator updates no member of tenant_a');
reset role;
select tests.authenticate_as('a_front_desk');
select is_empty($$ update public.members set is_active = false where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('a_front_desk.member') returning 1 $$, 'front desk updates no member of tenant_a');
reset role;
select tests.authenticate_as('b_owner');
select is_empty($$ update public.members set is_active = false where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('a_front_desk.member') returning 1 $$, 'the owner of another tenant updates no member of tenant_a');
reset role;
select tests.authenticate_as_service_role();
select isnt_empty($$ update public.members set display_name = 'Renamed' where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('a_front_desk.member') returning 1 $$, 'service_role updates a member');
reset role;
select tests.authenticate_as('a_owner');
select throws_ok($$ update public.members set user_id = tests.get_supabase_uid('outsider') where id = tests.tenancy_id('a_front_desk.member') $$, 'PT422', 'a membership cannot be moved to another user', 'user_id never changes');
reset role;
select results_eq($$ select is_active, deactivated_at is not null from public.members where id = tests.tenancy_id('a_care_coordinator.member') $$, $$ values (false, true) $$, 'deactivation stamps deactivated_at');

select * from finish();
rollback;
