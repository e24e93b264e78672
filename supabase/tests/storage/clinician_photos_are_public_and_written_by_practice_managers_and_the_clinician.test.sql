-- Bucket clinician-photos (public), every role x command on tenant_a's objects, as the Storage
-- server runs them: staff of the tenant see its photos (listing, replacing; the public reads them
-- by URL without RLS); practice managers write any clinician's folder, a clinician their own.
-- columns: anon, patient, owner, admin, manager, centre mgr @c1, clinician (clinician_a), clinician @c2
-- (clinician_a_2), care coord, care coord @c2, front desk, front desk @c1, other tenant (b_owner), service_role.

begin;
select plan(70);

-- SETUP
select tests.create_storage_fixtures();

-- TEST: select {tenant_a}/{clinician_a}/portrait.jpg
select is(tests.storage_outcome(m.who, 'select', 'clinician-photos', '{tenant_a}/{clinician_a}/portrait.jpg'), m.expected,
          m.who || ' downloads (authenticated) the photo of clinician_a -> ' || m.expected)
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

-- TEST: insert {tenant_a}/{clinician_a}/new.jpg
select is(tests.storage_outcome(m.who, 'insert', 'clinician-photos', '{tenant_a}/{clinician_a}/new.jpg'), m.expected,
          m.who || ' uploads into the folder of clinician_a -> ' || m.expected)
from (values
    ('anon', '42501'),
    ('patient', '42501'),
    ('a_owner', '1 row'),
    ('a_admin', '1 row'),
    ('a_manager', '1 row'),
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

-- TEST: update {tenant_a}/{clinician_a}/portrait.jpg
select is(tests.storage_outcome(m.who, 'update', 'clinician-photos', '{tenant_a}/{clinician_a}/portrait.jpg'), m.expected,
          m.who || ' replaces the photo of clinician_a -> ' || m.expected)
from (values
    ('anon', '0 rows'),
    ('patient', '0 rows'),
    ('a_owner', '1 row'),
    ('a_admin', '1 row'),
    ('a_manager', '1 row'),
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

-- TEST: delete {tenant_a}/{clinician_a}/portrait.jpg
select is(tests.storage_outcome(m.who, 'delete', 'clinician-photos', '{tenant_a}/{clinician_a}/portrait.jpg'), m.expected,
          m.who || ' removes the photo of clinician_a -> ' || m.expected)
from (values
    ('anon', '0 rows'),
    ('patient', '0 rows'),
    ('a_owner', '1 row'),
    ('a_admin', '1 row'),
    ('a_manager', '1 row'),
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
select is(tests.storage_outcome('a_clinician_2', 'insert', 'clinician-photos', '{tenant_a}/{clinician_a_2}/me.jpg'), '1 row', 'a clinician uploads into their own folder');
select is(tests.storage_outcome('a_manager', 'insert', 'clinician-photos', '{tenant_b}/{clinician_b}/x.jpg'), '42501', 'a manager cannot upload into another tenants folder');
select is(tests.storage_outcome('a_owner', 'insert', 'clinician-photos', '{tenant_a}/{clinician_b}/x.jpg'), '42501', 'nor under their tenant id with another tenants clinician');
select is(tests.storage_outcome('a_owner', 'insert', 'clinician-photos', '{tenant_a}/{centre_a1}/x.jpg'), '42501', 'nor under an id that is no clinician');
select is(tests.storage_outcome('b_owner', 'select', 'clinician-photos', '{tenant_b}/{clinician_b}/portrait.jpg'), '1 row', 'the other tenants owner sees their own photos');
select is(tests.storage_outcome('a_owner', 'select', 'clinician-photos', '{tenant_b}/{clinician_b}/portrait.jpg'), '0 rows', 'and not theirs');
select is(tests.storage_outcome('a_owner', 'insert', 'clinician-photos', '{tenant_a}/{clinician_a}/../{clinician_a_2}/x.jpg'), '42501', 'a traversal name (..) is refused');
select is(tests.storage_outcome('a_owner', 'insert', 'clinician-photos', '{tenant_a}/../{tenant_b}/{clinician_b}/x.jpg'), '42501', 'a traversal into another tenant is refused');
select is(tests.storage_outcome('a_owner', 'insert', 'clinician-photos', '{tenant_a}/{clinician_a}/.htaccess'), '42501', 'a hidden file name is refused');
select is(tests.storage_outcome('a_owner', 'insert', 'clinician-photos', '{tenant_a}/{clinician_a}/./x.jpg'), '42501', 'a . segment is refused');
select is(tests.storage_outcome('a_owner', 'insert', 'clinician-photos', '{tenant_a}/{clinician_a}/sub/x.jpg'), '42501', 'an extra folder is refused');
select is(tests.storage_outcome('a_owner', 'insert', 'clinician-photos', '{tenant_a}/{clinician_a}/'), '42501', 'an empty file name is refused');
select is(tests.storage_outcome('a_owner', 'insert', 'clinician-photos', '{tenant_a}//{clinician_a}/x.jpg'), '42501', 'an empty segment is refused');
select is(tests.storage_outcome('a_owner', 'insert', 'tenant-branding', '{tenant_a}/{clinician_a}/x.jpg'), '42501', 'the clinician layout does not apply to another bucket');

select * from finish();
rollback;
