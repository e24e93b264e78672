-- Bucket clinician-photos (public), every role x command on tenant_a's objects, as the Storage
-- server runs them: staff of the tenant see its photos (listing, replacing; the public reads them
-- by URL without RLS); practice managers write any clinician's folder, a clinician their own.
-- rows of the matrix: anon, patient, owner, admin, manager, centre mgr @c1, clinician (clinician_a), clinician @c2
-- (clinician_a_2), care coord, care coord @c2, front desk, front desk @c1, other tenant (b_owner), service_role.

begin;
select plan(70);

-- SETUP
select tests.create_storage_fixtures();

-- TEST: every caller x request: row `who` holds the outcome of each request, in the order of `requests`
with requests(n, command, path, what) as (values
  (1, 'select', '{tenant_a}/{clinician_a}/portrait.jpg', 'downloads (authenticated) the photo of clinician_a'),
  (2, 'insert', '{tenant_a}/{clinician_a}/new.jpg', 'uploads into the folder of clinician_a'),
  (3, 'update', '{tenant_a}/{clinician_a}/portrait.jpg', 'replaces the photo of clinician_a'),
  (4, 'delete', '{tenant_a}/{clinician_a}/portrait.jpg', 'removes the photo of clinician_a'))
select is(tests.storage_outcome(m.who, r.command, 'clinician-photos', r.path), m.expected[r.n],
          m.who || ' ' || r.what || ' -> ' || m.expected[r.n])
from requests as r
cross join (values
  --                                   1 select  2 insert  3 update  4 delete
  (1,  'anon',                   array['0 rows', '42501',  '0 rows', '0 rows']),
  (2,  'patient',                array['0 rows', '42501',  '0 rows', '0 rows']),
  (3,  'a_owner',                array['1 row',  '1 row',  '1 row',  '1 row']),
  (4,  'a_admin',                array['1 row',  '1 row',  '1 row',  '1 row']),
  (5,  'a_manager',              array['1 row',  '1 row',  '1 row',  '1 row']),
  (6,  'a_centre_manager',       array['1 row',  '42501',  '0 rows', '0 rows']),
  (7,  'a_clinician',            array['1 row',  '1 row',  '1 row',  '1 row']),
  (8,  'a_clinician_2',          array['1 row',  '42501',  '0 rows', '0 rows']),
  (9,  'a_care_coordinator',     array['1 row',  '42501',  '0 rows', '0 rows']),
  (10, 'a_care_coordinator_a2',  array['1 row',  '42501',  '0 rows', '0 rows']),
  (11, 'a_front_desk',           array['1 row',  '42501',  '0 rows', '0 rows']),
  (12, 'a_front_desk_a1',        array['1 row',  '42501',  '0 rows', '0 rows']),
  (13, 'b_owner',                array['0 rows', '42501',  '0 rows', '0 rows']),
  (14, 'service_role',           array['1 row',  '1 row',  '1 row',  '1 row'])
) as m(n, who, expected)
order by r.n, m.n;

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
