-- Bucket tenant-branding (public): logos and covers of the tenant, of its centres and product
-- photos. Staff of the tenant see them; practice managers write the tenant's and products'
-- folders, a centre manager their centre's.
-- rows of the matrix: anon, patient, owner, admin, manager, centre mgr @c1, clinician (clinician_a), clinician @c2
-- (clinician_a_2), care coord, care coord @c2, front desk, front desk @c1, other tenant (b_owner), service_role.

begin;
select plan(119);

-- SETUP
select tests.create_storage_fixtures();

-- TEST: every caller x request: row `who` holds the outcome of each request, in the order of `requests`
with requests(n, command, path, what) as (values
  (1, 'select', '{tenant_a}/logo.png', 'downloads (authenticated) the tenant logo'),
  (2, 'insert', '{tenant_a}/logo-dark.png', 'uploads a tenant logo'),
  (3, 'update', '{tenant_a}/logo.png', 'replaces the tenant logo'),
  (4, 'delete', '{tenant_a}/logo.png', 'removes the tenant logo'),
  (5, 'insert', '{tenant_a}/centres/{centre_a1}/front.jpg', 'uploads a cover of centre_a1'),
  (6, 'update', '{tenant_a}/centres/{centre_a1}/cover.jpg', 'replaces the cover of centre_a1'),
  (7, 'delete', '{tenant_a}/centres/{centre_a2}/cover.jpg', 'removes the cover of centre_a2'),
  (8, 'insert', '{tenant_a}/products/{prod_a}/side.jpg', 'uploads a product photo'))
select is(tests.storage_outcome(m.who, r.command, 'tenant-branding', r.path), m.expected[r.n],
          m.who || ' ' || r.what || ' -> ' || m.expected[r.n])
from requests as r
cross join (values
  --                                   1 select  2 insert  3 update  4 delete  5 insert  6 update  7 delete  8 insert
  (1,  'anon',                   array['0 rows', '42501',  '0 rows', '0 rows', '42501',  '0 rows', '0 rows', '42501']),
  (2,  'patient',                array['0 rows', '42501',  '0 rows', '0 rows', '42501',  '0 rows', '0 rows', '42501']),
  (3,  'a_owner',                array['1 row',  '1 row',  '1 row',  '1 row',  '1 row',  '1 row',  '1 row',  '1 row']),
  (4,  'a_admin',                array['1 row',  '1 row',  '1 row',  '1 row',  '1 row',  '1 row',  '1 row',  '1 row']),
  (5,  'a_manager',              array['1 row',  '1 row',  '1 row',  '1 row',  '1 row',  '1 row',  '1 row',  '1 row']),
  (6,  'a_centre_manager',       array['1 row',  '42501',  '0 rows', '0 rows', '1 row',  '1 row',  '0 rows', '42501']),
  (7,  'a_clinician',            array['1 row',  '42501',  '0 rows', '0 rows', '42501',  '0 rows', '0 rows', '42501']),
  (8,  'a_clinician_2',          array['1 row',  '42501',  '0 rows', '0 rows', '42501',  '0 rows', '0 rows', '42501']),
  (9,  'a_care_coordinator',     array['1 row',  '42501',  '0 rows', '0 rows', '42501',  '0 rows', '0 rows', '42501']),
  (10, 'a_care_coordinator_a2',  array['1 row',  '42501',  '0 rows', '0 rows', '42501',  '0 rows', '0 rows', '42501']),
  (11, 'a_front_desk',           array['1 row',  '42501',  '0 rows', '0 rows', '42501',  '0 rows', '0 rows', '42501']),
  (12, 'a_front_desk_a1',        array['1 row',  '42501',  '0 rows', '0 rows', '42501',  '0 rows', '0 rows', '42501']),
  (13, 'b_owner',                array['0 rows', '42501',  '0 rows', '0 rows', '42501',  '0 rows', '0 rows', '42501']),
  (14, 'service_role',           array['1 row',  '1 row',  '1 row',  '1 row',  '1 row',  '1 row',  '1 row',  '1 row'])
) as m(n, who, expected)
order by r.n, m.n;

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
