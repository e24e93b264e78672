-- Bucket clinician-documents (private): certificates and registrations. Tenant admins (owner,
-- admin) and the clinician themself read and write a clinician's folder; nobody else, managers
-- included.
-- columns: anon, patient, owner, admin, manager, centre mgr @c1, clinician (clinician_a), clinician @c2
-- (clinician_a_2), care coord, care coord @c2, front desk, front desk @c1, other tenant (b_owner), service_role.

begin;
select plan(60);

-- SETUP
select tests.create_storage_fixtures();

-- TEST: select {tenant_a}/{clinician_a}/registration.pdf
select is(tests.storage_outcome(m.who, 'select', 'clinician-documents', '{tenant_a}/{clinician_a}/registration.pdf'), m.expected,
          m.who || ' downloads the registration of clinician_a -> ' || m.expected)
from (values
    ('anon', '0 rows'),
    ('patient', '0 rows'),
    ('a_owner', '1 row'),
    ('a_admin', '1 row'),
    ('a_manager', '0 rows'),
    ('a_centre_manager', '0 rows'),
    ('a_clinician', '1 row'),
    ('a_clinician_2', '0 rows'),
    ('a_care_coordinator', '0 rows'),
    ('a_care_coordinator_a2', '0 rows'),
    ('a_front_desk', '0 rows'),
    ('a_front_desk_a1', '0 rows'),
    ('b_owner', '0 rows'),
    ('service_role', '1 row')
) as m(who, expected);

-- TEST: insert {tenant_a}/{clinician_a}/diploma.pdf
select is(tests.storage_outcome(m.who, 'insert', 'clinician-documents', '{tenant_a}/{clinician_a}/diploma.pdf'), m.expected,
          m.who || ' uploads into the folder of clinician_a -> ' || m.expected)
from (values
    ('anon', '42501'),
    ('patient', '42501'),
    ('a_owner', '1 row'),
    ('a_admin', '1 row'),
    ('a_manager', '42501'),
    ('a_centre_manager', '42501'),
    ('a_clinician', '1 row'),
    ('a_clinician_2', '42501'),
    ('a_care_coordinator', '42501'),
    ('a_care_coordinator_a2', '42501'),
    ('a_front_desk', '42501'),
    ('a_front_desk_a1', '42501'),
    ('b_owner', '42501'),
    ('service_role', '1 row')
) as m(who, expected);

-- TEST: update {tenant_a}/{clinician_a}/registration.pdf
select is(tests.storage_outcome(m.who, 'update', 'clinician-documents', '{tenant_a}/{clinician_a}/registration.pdf'), m.expected,
          m.who || ' replaces the registration of clinician_a -> ' || m.expected)
from (values
    ('anon', '0 rows'),
    ('patient', '0 rows'),
    ('a_owner', '1 row'),
    ('a_admin', '1 row'),
    ('a_manager', '0 rows'),
    ('a_centre_manager', '0 rows'),
    ('a_clinician', '1 row'),
    ('a_clinician_2', '0 rows'),
    ('a_care_coordinator', '0 rows'),
    ('a_care_coordinator_a2', '0 rows'),
    ('a_front_desk', '0 rows'),
    ('a_front_desk_a1', '0 rows'),
    ('b_owner', '0 rows'),
    ('service_role', '1 row')
) as m(who, expected);

-- TEST: delete {tenant_a}/{clinician_a}/registration.pdf
select is(tests.storage_outcome(m.who, 'delete', 'clinician-documents', '{tenant_a}/{clinician_a}/registration.pdf'), m.expected,
          m.who || ' removes the registration of clinician_a -> ' || m.expected)
from (values
    ('anon', '0 rows'),
    ('patient', '0 rows'),
    ('a_owner', '1 row'),
    ('a_admin', '1 row'),
    ('a_manager', '0 rows'),
    ('a_centre_manager', '0 rows'),
    ('a_clinician', '1 row'),
    ('a_clinician_2', '0 rows'),
    ('a_care_coordinator', '0 rows'),
    ('a_care_coordinator_a2', '0 rows'),
    ('a_front_desk', '0 rows'),
    ('a_front_desk_a1', '0 rows'),
    ('b_owner', '0 rows'),
    ('service_role', '1 row')
) as m(who, expected);

-- TEST: other tenants' folders, malformed and traversal names, and the owner of an upload
select is(tests.storage_outcome('a_clinician_2', 'insert', 'clinician-documents', '{tenant_a}/{clinician_a_2}/cert.pdf'), '1 row', 'a clinician uploads their own certificate');
select is(tests.storage_outcome('b_owner', 'insert', 'clinician-documents', '{tenant_a}/{clinician_a}/x.pdf'), '42501', 'another tenants owner cannot');
select is(tests.storage_outcome('a_owner', 'insert', 'clinician-documents', '{tenant_b}/{clinician_b}/x.pdf'), '42501', 'an owner cannot write another tenants clinician');
select is(tests.storage_outcome('a_clinician', 'insert', 'clinician-documents', '{tenant_a}/{clinician_a}/../{clinician_a_2}/x.pdf'), '42501', 'a traversal name is refused');

select * from finish();
rollback;
