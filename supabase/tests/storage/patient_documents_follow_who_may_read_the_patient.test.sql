-- Bucket patient-documents (private): who may read a patient (the patients policy, least
-- privilege) reads and adds their files; only the uploader replaces one; the uploader or a tenant
-- admin removes it. patient_a is registered at centre_a1 and in clinician_a_2's care; patient_a_unplaced
-- belongs to no centre (tenant-wide staff only). referral.pdf was uploaded by the patient,
-- insurance.pdf by a_front_desk.
-- rows of the matrix: anon, patient, owner, admin, manager, centre mgr @c1, clinician (clinician_a), clinician @c2
-- (clinician_a_2), care coord, care coord @c2, front desk, front desk @c1, other tenant (b_owner), service_role.

begin;
select plan(119);

-- SETUP
select tests.create_storage_fixtures();

-- TEST: every caller x request: row `who` holds the outcome of each request, in the order of `requests`
with requests(n, command, path, what) as (values
  (1, 'select', '{tenant_a}/{patient_a}/referral.pdf', 'downloads the referral of patient_a'),
  (2, 'select', '{tenant_a}/{patient_a_unplaced}/insurance.pdf', 'downloads the insurance card of the unplaced patient'),
  (3, 'insert', '{tenant_a}/{patient_a}/result.pdf', 'uploads into the folder of patient_a'),
  (4, 'insert', '{tenant_a}/{patient_a_unplaced}/id.pdf', 'uploads into the folder of the unplaced patient'),
  (5, 'update', '{tenant_a}/{patient_a}/referral.pdf', 'replaces the patient upload'),
  (6, 'update', '{tenant_a}/{patient_a_unplaced}/insurance.pdf', 'replaces the upload of the front desk'),
  (7, 'delete', '{tenant_a}/{patient_a}/referral.pdf', 'removes the patient upload'),
  (8, 'delete', '{tenant_a}/{patient_a_unplaced}/insurance.pdf', 'removes the upload of the front desk'))
select is(tests.storage_outcome(m.who, r.command, 'patient-documents', r.path), m.expected[r.n],
          m.who || ' ' || r.what || ' -> ' || m.expected[r.n])
from requests as r
cross join (values
  --                                   1 select  2 select  3 insert  4 insert  5 update  6 update  7 delete  8 delete
  (1,  'anon',                   array['0 rows', '0 rows', '42501',  '42501',  '0 rows', '0 rows', '0 rows', '0 rows']),
  (2,  'patient',                array['1 row',  '0 rows', '1 row',  '42501',  '1 row',  '0 rows', '1 row',  '0 rows']),
  (3,  'a_owner',                array['1 row',  '1 row',  '1 row',  '1 row',  '0 rows', '0 rows', '1 row',  '1 row']),
  (4,  'a_admin',                array['1 row',  '1 row',  '1 row',  '1 row',  '0 rows', '0 rows', '1 row',  '1 row']),
  (5,  'a_manager',              array['1 row',  '1 row',  '1 row',  '1 row',  '0 rows', '0 rows', '0 rows', '0 rows']),
  (6,  'a_centre_manager',       array['1 row',  '0 rows', '1 row',  '42501',  '0 rows', '0 rows', '0 rows', '0 rows']),
  (7,  'a_clinician',            array['1 row',  '1 row',  '1 row',  '1 row',  '0 rows', '0 rows', '0 rows', '0 rows']),
  (8,  'a_clinician_2',          array['1 row',  '0 rows', '1 row',  '42501',  '0 rows', '0 rows', '0 rows', '0 rows']),
  (9,  'a_care_coordinator',     array['1 row',  '1 row',  '1 row',  '1 row',  '0 rows', '0 rows', '0 rows', '0 rows']),
  (10, 'a_care_coordinator_a2',  array['0 rows', '0 rows', '42501',  '42501',  '0 rows', '0 rows', '0 rows', '0 rows']),
  (11, 'a_front_desk',           array['1 row',  '1 row',  '1 row',  '1 row',  '0 rows', '1 row',  '0 rows', '1 row']),
  (12, 'a_front_desk_a1',        array['1 row',  '0 rows', '1 row',  '42501',  '0 rows', '0 rows', '0 rows', '0 rows']),
  (13, 'b_owner',                array['0 rows', '0 rows', '42501',  '42501',  '0 rows', '0 rows', '0 rows', '0 rows']),
  (14, 'service_role',           array['1 row',  '1 row',  '1 row',  '1 row',  '1 row',  '1 row',  '1 row',  '1 row'])
) as m(n, who, expected)
order by r.n, m.n;

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
