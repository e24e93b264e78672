-- Bucket clinician-documents (private): certificates and registrations. Tenant admins (owner,
-- admin) and the clinician themself read and write a clinician's folder; nobody else, managers
-- included.
-- rows of the matrix: anon, patient, owner, admin, manager, centre mgr @c1, clinician (clinician_a), clinician @c2
-- (clinician_a_2), care coord, care coord @c2, front desk, front desk @c1, other tenant (b_owner), service_role.

begin;
select plan(60);

-- SETUP
select tests.create_storage_fixtures();

-- TEST: every caller x request: row `who` holds the outcome of each request, in the order of `requests`
with requests(n, command, path, what) as (values
  (1, 'select', '{tenant_a}/{clinician_a}/registration.pdf', 'downloads the registration of clinician_a'),
  (2, 'insert', '{tenant_a}/{clinician_a}/diploma.pdf', 'uploads into the folder of clinician_a'),
  (3, 'update', '{tenant_a}/{clinician_a}/registration.pdf', 'replaces the registration of clinician_a'),
  (4, 'delete', '{tenant_a}/{clinician_a}/registration.pdf', 'removes the registration of clinician_a'))
select is(tests.storage_outcome(m.who, r.command, 'clinician-documents', r.path), m.expected[r.n],
          m.who || ' ' || r.what || ' -> ' || m.expected[r.n])
from requests as r
cross join (values
  --                                   1 select  2 insert  3 update  4 delete
  (1,  'anon',                   array['0 rows', '42501',  '0 rows', '0 rows']),
  (2,  'patient',                array['0 rows', '42501',  '0 rows', '0 rows']),
  (3,  'a_owner',                array['1 row',  '1 row',  '1 row',  '1 row']),
  (4,  'a_admin',                array['1 row',  '1 row',  '1 row',  '1 row']),
  (5,  'a_manager',              array['0 rows', '42501',  '0 rows', '0 rows']),
  (6,  'a_centre_manager',       array['0 rows', '42501',  '0 rows', '0 rows']),
  (7,  'a_clinician',            array['1 row',  '1 row',  '1 row',  '1 row']),
  (8,  'a_clinician_2',          array['0 rows', '42501',  '0 rows', '0 rows']),
  (9,  'a_care_coordinator',     array['0 rows', '42501',  '0 rows', '0 rows']),
  (10, 'a_care_coordinator_a2',  array['0 rows', '42501',  '0 rows', '0 rows']),
  (11, 'a_front_desk',           array['0 rows', '42501',  '0 rows', '0 rows']),
  (12, 'a_front_desk_a1',        array['0 rows', '42501',  '0 rows', '0 rows']),
  (13, 'b_owner',                array['0 rows', '42501',  '0 rows', '0 rows']),
  (14, 'service_role',           array['1 row',  '1 row',  '1 row',  '1 row'])
) as m(n, who, expected)
order by r.n, m.n;

-- TEST: other tenants' folders, malformed and traversal names, and the owner of an upload
select is(tests.storage_outcome('a_clinician_2', 'insert', 'clinician-documents', '{tenant_a}/{clinician_a_2}/cert.pdf'), '1 row', 'a clinician uploads their own certificate');
select is(tests.storage_outcome('b_owner', 'insert', 'clinician-documents', '{tenant_a}/{clinician_a}/x.pdf'), '42501', 'another tenants owner cannot');
select is(tests.storage_outcome('a_owner', 'insert', 'clinician-documents', '{tenant_b}/{clinician_b}/x.pdf'), '42501', 'an owner cannot write another tenants clinician');
select is(tests.storage_outcome('a_clinician', 'insert', 'clinician-documents', '{tenant_a}/{clinician_a}/../{clinician_a_2}/x.pdf'), '42501', 'a traversal name is refused');

select * from finish();
rollback;
