-- Bucket patient-documents (private): who may read a patient (the patients policy, least
-- privilege) reads and adds their files; only the uploader replaces one; the uploader or a tenant
-- admin removes it. patient_a is registered at centre_a1 and in clinician_a_2's care; patient_a_unplaced
-- belongs to no centre (tenant-wide staff only). referral.pdf was uploaded by the patient,
-- insurance.pdf by a_front_desk.
-- columns: anon, patient, owner, admin, manager, centre mgr @c1, clinician (clinician_a), clinician @c2
-- (clinician_a_2), care coord, care coord @c2, front desk, front desk @c1, other tenant (b_owner), service_role.

begin;
select plan(119);

-- SETUP
select tests.create_storage_fixtures();

-- TEST: select {tenant_a}/{patient_a}/referral.pdf
select is(tests.storage_outcome(m.who, 'select', 'patient-documents', '{tenant_a}/{patient_a}/referral.pdf'), m.expected,
          m.who || ' downloads the referral of patient_a -> ' || m.expected)
from (values
    ('anon', '0 rows'),
    ('patient', '1 row'),
    ('a_owner', '1 row'),
    ('a_admin', '1 row'),
    ('a_manager', '1 row'),
    ('a_centre_manager', '1 row'),
    ('a_clinician', '1 row'),
    ('a_clinician_2', '1 row'),
    ('a_care_coordinator', '1 row'),
    ('a_care_coordinator_a2', '0 rows'),
    ('a_front_desk', '1 row'),
    ('a_front_desk_a1', '1 row'),
    ('b_owner', '0 rows'),
    ('service_role', '1 row')
) as m(who, expected);

-- TEST: select {tenant_a}/{patient_a_unplaced}/insurance.pdf
select is(tests.storage_outcome(m.who, 'select', 'patient-documents', '{tenant_a}/{patient_a_unplaced}/insurance.pdf'), m.expected,
          m.who || ' downloads the insurance card of the unplaced patient -> ' || m.expected)
from (values
    ('anon', '0 rows'),
    ('patient', '0 rows'),
    ('a_owner', '1 row'),
    ('a_admin', '1 row'),
    ('a_manager', '1 row'),
    ('a_centre_manager', '0 rows'),
    ('a_clinician', '1 row'),
    ('a_clinician_2', '0 rows'),
    ('a_care_coordinator', '1 row'),
    ('a_care_coordinator_a2', '0 rows'),
    ('a_front_desk', '1 row'),
    ('a_front_desk_a1', '0 rows'),
    ('b_owner', '0 rows'),
    ('service_role', '1 row')
) as m(who, expected);

-- TEST: insert {tenant_a}/{patient_a}/result.pdf
select is(tests.storage_outcome(m.who, 'insert', 'patient-documents', '{tenant_a}/{patient_a}/result.pdf'), m.expected,
          m.who || ' uploads into the folder of patient_a -> ' || m.expected)
from (values
    ('anon', '42501'),
    ('patient', '1 row'),
    ('a_owner', '1 row'),
    ('a_admin', '1 row'),
    ('a_manager', '1 row'),
    ('a_centre_manager', '1 row'),
    ('a_clinician', '1 row'),
    ('a_clinician_2', '1 row'),
    ('a_care_coordinator', '1 row'),
    ('a_care_coordinator_a2', '42501'),
    ('a_front_desk', '1 row'),
    ('a_front_desk_a1', '1 row'),
    ('b_owner', '42501'),
    ('service_role', '1 row')
) as m(who, expected);

-- TEST: insert {tenant_a}/{patient_a_unplaced}/id.pdf
select is(tests.storage_outcome(m.who, 'insert', 'patient-documents', '{tenant_a}/{patient_a_unplaced}/id.pdf'), m.expected,
          m.who || ' uploads into the folder of the unplaced patient -> ' || m.expected)
from (values
    ('anon', '42501'),
    ('patient', '42501'),
    ('a_owner', '1 row'),
    ('a_admin', '1 row'),
    ('a_manager', '1 row'),
    ('a_centre_manager', '42501'),
    ('a_clinician', '1 row'),
    ('a_clinician_2', '42501'),
    ('a_care_coordinator', '1 row'),
    ('a_care_coordinator_a2', '42501'),
    ('a_front_desk', '1 row'),
    ('a_front_desk_a1', '42501'),
    ('b_owner', '42501'),
    ('service_role', '1 row')
) as m(who, expected);

-- TEST: update {tenant_a}/{patient_a}/referral.pdf
select is(tests.storage_outcome(m.who, 'update', 'patient-documents', '{tenant_a}/{patient_a}/referral.pdf'), m.expected,
          m.who || ' replaces the patient upload -> ' || m.expected)
from (values
    ('anon', '0 rows'),
    ('patient', '1 row'),
    ('a_owner', '0 rows'),
    ('a_admin', '0 rows'),
    ('a_manager', '0 rows'),
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

-- TEST: update {tenant_a}/{patient_a_unplaced}/insurance.pdf
select is(tests.storage_outcome(m.who, 'update', 'patient-documents', '{tenant_a}/{patient_a_unplaced}/insurance.pdf'), m.expected,
          m.who || ' replaces the upload of the front desk -> ' || m.expected)
from (values
    ('anon', '0 rows'),
    ('patient', '0 rows'),
    ('a_owner', '0 rows'),
    ('a_admin', '0 rows'),
    ('a_manager', '0 rows'),
    ('a_centre_manager', '0 rows'),
    ('a_clinician', '0 rows'),
    ('a_clinician_2', '0 rows'),
    ('a_care_coordinator', '0 rows'),
    ('a_care_coordinator_a2', '0 rows'),
    ('a_front_desk', '1 row'),
    ('a_front_desk_a1', '0 rows'),
    ('b_owner', '0 rows'),
    ('service_role', '1 row')
) as m(who, expected);

-- TEST: delete {tenant_a}/{patient_a}/referral.pdf
select is(tests.storage_outcome(m.who, 'delete', 'patient-documents', '{tenant_a}/{patient_a}/referral.pdf'), m.expected,
          m.who || ' removes the patient upload -> ' || m.expected)
from (values
    ('anon', '0 rows'),
    ('patient', '1 row'),
    ('a_owner', '1 row'),
    ('a_admin', '1 row'),
    ('a_manager', '0 rows'),
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

-- TEST: delete {tenant_a}/{patient_a_unplaced}/insurance.pdf
select is(tests.storage_outcome(m.who, 'delete', 'patient-documents', '{tenant_a}/{patient_a_unplaced}/insurance.pdf'), m.expected,
          m.who || ' removes the upload of the front desk -> ' || m.expected)
from (values
    ('anon', '0 rows'),
    ('patient', '0 rows'),
    ('a_owner', '1 row'),
    ('a_admin', '1 row'),
    ('a_manager', '0 rows'),
    ('a_centre_manager', '0 rows'),
    ('a_clinician', '0 rows'),
    ('a_clinician_2', '0 rows'),
    ('a_care_coordinator', '0 rows'),
    ('a_care_coordinator_a2', '0 rows'),
    ('a_front_desk', '1 row'),
    ('a_front_desk_a1', '0 rows'),
    ('b_owner', '0 rows'),
    ('service_role', '1 row')
) as m(who, expected);

-- TEST: other tenants' folders, malformed and traversal names, and the owner of an upload
select is(tests.storage_outcome('patient', 'insert', 'patient-documents', '{tenant_b}/{patient_b}/scan.pdf'), '1 row', 'the patient uploads into their record with another clinic');
select is(tests.storage_outcome('patient', 'insert', 'patient-documents', '{tenant_a}/{patient_a_2}/x.pdf'), '42501', 'but not into another patients folder');
select is(tests.storage_outcome('patient', 'insert', 'patient-documents', '{tenant_a}/{patient_a}/../{patient_a_2}/x.pdf'), '42501', 'not even through a traversal name');
select is(tests.storage_outcome('b_owner', 'select', 'patient-documents', '{tenant_b}/{patient_b}/referral.pdf'), '1 row', 'the other clinic reads its own patients file');
select is(tests.storage_outcome('a_owner', 'select', 'patient-documents', '{tenant_b}/{patient_b}/referral.pdf'), '0 rows', 'and tenant_as owner does not');
select is(tests.storage_outcome('a_owner', 'insert', 'patient-documents', '{tenant_b}/{patient_b}/x.pdf'), '42501', 'nor writes there');
select is(tests.storage_outcome('a_front_desk_a1', 'select', 'patient-documents', '{tenant_a}/{patient_a_walk_in}/x.pdf'), '0 rows', 'a centre-scoped front desk does not see a patient of another centre');

select * from finish();
rollback;
