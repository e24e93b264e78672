-- Bucket tenant-branding (public): logos and covers of the tenant, of its centres and product
-- photos. Staff of the tenant see them; practice managers write the tenant's and products'
-- folders, a centre manager their centre's.
-- columns: anon, patient, owner, admin, manager, centre mgr @c1, clinician (clinician_a), clinician @c2
-- (clinician_a_2), care coord, care coord @c2, front desk, front desk @c1, other tenant (b_owner), service_role.

begin;
select plan(119);

-- SETUP
select tests.create_storage_fixtures();

-- TEST: select {tenant_a}/logo.png
select is(tests.storage_outcome(m.who, 'select', 'tenant-branding', '{tenant_a}/logo.png'), m.expected,
          m.who || ' downloads (authenticated) the tenant logo -> ' || m.expected)
from (values
    ('anon', '0 rows'),
    ('patient', '0 rows'),
    ('a_owner', '1 row'),
    ('a_admin', '1 row'),
    ('a_manager', '1 row'),
    ('a_centre_manager', '1 row'),
    ('a_clinician', '1 row'),
    ('a_clinician_2', '1 row'),
    ('a_care_coordinator', '1 row'),
    ('a_care_coordinator_a2', '1 row'),
    ('a_front_desk', '1 row'),
    ('a_front_desk_a1', '1 row'),
    ('b_owner', '0 rows'),
    ('service_role', '1 row')
) as m(who, expected);

-- TEST: insert {tenant_a}/logo-dark.png
select is(tests.storage_outcome(m.who, 'insert', 'tenant-branding', '{tenant_a}/logo-dark.png'), m.expected,
          m.who || ' uploads a tenant logo -> ' || m.expected)
from (values
    ('anon', '42501'),
    ('patient', '42501'),
    ('a_owner', '1 row'),
    ('a_admin', '1 row'),
    ('a_manager', '1 row'),
    ('a_centre_manager', '42501'),
    ('a_clinician', '42501'),
    ('a_clinician_2', '42501'),
    ('a_care_coordinator', '42501'),
    ('a_care_coordinator_a2', '42501'),
    ('a_front_desk', '42501'),
    ('a_front_desk_a1', '42501'),
    ('b_owner', '42501'),
    ('service_role', '1 row')
) as m(who, expected);

-- TEST: update {tenant_a}/logo.png
select is(tests.storage_outcome(m.who, 'update', 'tenant-branding', '{tenant_a}/logo.png'), m.expected,
          m.who || ' replaces the tenant logo -> ' || m.expected)
from (values
    ('anon', '0 rows'),
    ('patient', '0 rows'),
    ('a_owner', '1 row'),
    ('a_admin', '1 row'),
    ('a_manager', '1 row'),
    ('a_centre_manager', '0 rows'),
    ('a_clinician', '0 rows'),
    ('a_clinician_2', '0 rows'),
    ('a_care_coordinator', '0 rows'),
    ('a_care_coordinator_a2', '0 rows'),
    ('a_front_desk', '0 rows'),
    ('a_front_desk_a1', '0 rows'),
    ('b_owner', '0 rows'),
    ('service_role', '1 row')
) as m(who, expected);

-- TEST: delete {tenant_a}/logo.png
select is(tests.storage_outcome(m.who, 'delete', 'tenant-branding', '{tenant_a}/logo.png'), m.expected,
          m.who || ' removes the tenant logo -> ' || m.expected)
from (values
    ('anon', '0 rows'),
    ('patient', '0 rows'),
    ('a_owner', '1 row'),
    ('a_admin', '1 row'),
    ('a_manager', '1 row'),
    ('a_centre_manager', '0 rows'),
    ('a_clinician', '0 rows'),
    ('a_clinician_2', '0 rows'),
    ('a_care_coordinator', '0 rows'),
    ('a_care_coordinator_a2', '0 rows'),
    ('a_front_desk', '0 rows'),
    ('a_front_desk_a1', '0 rows'),
    ('b_owner', '0 rows'),
    ('service_role', '1 row')
) as m(who, expected);

-- TEST: insert {tenant_a}/centres/{centre_a1}/front.jpg
select is(tests.storage_outcome(m.who, 'insert', 'tenant-branding', '{tenant_a}/centres/{centre_a1}/front.jpg'), m.expected,
          m.who || ' uploads a cover of centre_a1 -> ' || m.expected)
from (values
    ('anon', '42501'),
    ('patient', '42501'),
    ('a_owner', '1 row'),
    ('a_admin', '1 row'),
    ('a_manager', '1 row'),
    ('a_centre_manager', '1 row'),
    ('a_clinician', '42501'),
    ('a_clinician_2', '42501'),
    ('a_care_coordinator', '42501'),
    ('a_care_coordinator_a2', '42501'),
    ('a_front_desk', '42501'),
    ('a_front_desk_a1', '42501'),
    ('b_owner', '42501'),
    ('service_role', '1 row')
) as m(who, expected);

-- TEST: update {tenant_a}/centres/{centre_a1}/cover.jpg
select is(tests.storage_outcome(m.who, 'update', 'tenant-branding', '{tenant_a}/centres/{centre_a1}/cover.jpg'), m.expected,
          m.who || ' replaces the cover of centre_a1 -> ' || m.expected)
from (values
    ('anon', '0 rows'),
    ('patient', '0 rows'),
    ('a_owner', '1 row'),
    ('a_admin', '1 row'),
    ('a_manager', '1 row'),
    ('a_centre_manager', '1 row'),
    ('a_clinician', '0 rows'),
    ('a_clinician_2', '0 rows'),
    ('a_care_coordinator', '0 rows'),
    ('a_care_coordinator_a2', '0 rows'),
    ('a_front_desk', '0 rows'),
    ('a_front_desk_a1', '0 rows'),
    ('b_owner', '0 rows'),
    ('service_role', '1 row')
) as m(who, expected);

-- TEST: delete {tenant_a}/centres/{centre_a2}/cover.jpg
select is(tests.storage_outcome(m.who, 'delete', 'tenant-branding', '{tenant_a}/centres/{centre_a2}/cover.jpg'), m.expected,
          m.who || ' removes the cover of centre_a2 -> ' || m.expected)
from (values
    ('anon', '0 rows'),
    ('patient', '0 rows'),
    ('a_owner', '1 row'),
    ('a_admin', '1 row'),
    ('a_manager', '1 row'),
    ('a_centre_manager', '0 rows'),
    ('a_clinician', '0 rows'),
    ('a_clinician_2', '0 rows'),
    ('a_care_coordinator', '0 rows'),
    ('a_care_coordinator_a2', '0 rows'),
    ('a_front_desk', '0 rows'),
    ('a_front_desk_a1', '0 rows'),
    ('b_owner', '0 rows'),
    ('service_role', '1 row')
) as m(who, expected);

-- TEST: insert {tenant_a}/products/{prod_a}/side.jpg
select is(tests.storage_outcome(m.who, 'insert', 'tenant-branding', '{tenant_a}/products/{prod_a}/side.jpg'), m.expected,
          m.who || ' uploads a product photo -> ' || m.expected)
from (values
    ('anon', '42501'),
    ('patient', '42501'),
    ('a_owner', '1 row'),
    ('a_admin', '1 row'),
    ('a_manager', '1 row'),
    ('a_centre_manager', '42501'),
    ('a_clinician', '42501'),
    ('a_clinician_2', '42501'),
    ('a_care_coordinator', '42501'),
    ('a_care_coordinator_a2', '42501'),
    ('a_front_desk', '42501'),
    ('a_front_desk_a1', '42501'),
    ('b_owner', '42501'),
    ('service_role', '1 row')
) as m(who, expected);

-- TEST: other tenants' folders, malformed and traversal names, and the owner of an upload
select is(tests.storage_outcome('a_centre_manager', 'insert', 'tenant-branding', '{tenant_a}/centres/{centre_a2}/x.jpg'), '42501', 'a centre manager cannot write another centres folder');
select is(tests.storage_outcome('a_owner', 'insert', 'tenant-branding', '{tenant_a}/centres/{centre_b1}/x.jpg'), '42501', 'nor may an owner name another tenants centre');
select is(tests.storage_outcome('a_owner', 'insert', 'tenant-branding', '{tenant_a}/products/{clinician_a}/x.jpg'), '42501', 'nor an id that is no product of theirs');
select is(tests.storage_outcome('a_owner', 'insert', 'tenant-branding', '{tenant_b}/logo.png'), '42501', 'nor another tenants folder');
select is(tests.storage_outcome('b_owner', 'insert', 'tenant-branding', '{tenant_b}/logo.png'), '1 row', 'that tenants owner may');
select is(tests.storage_outcome('a_owner', 'insert', 'tenant-branding', '{tenant_a}/../{tenant_b}/logo.png'), '42501', 'a traversal name is refused');
select is(tests.storage_outcome('a_owner', 'insert', 'tenant-branding', '{tenant_a}/misc/logo.png'), '42501', 'a folder outside the layout is refused');

select * from finish();
rollback;
