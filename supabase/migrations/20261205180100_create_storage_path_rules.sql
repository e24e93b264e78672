-- Where files live in Supabase Storage, written once: the layout of every bucket's object names
-- and who owns a name. The storage.objects policies (20261205180800) and the CHECK constraints
-- of the columns that point at objects (photo_path, logo_path, certificate_path, ...) both use
-- these functions, so a row can only point into its own tenant's folder and its own row's folder,
-- and an object can only be written where the policies allow.
--
--   bucket                 object name                                  owner (owner_kind)
--   clinician-photos       <tenant_id>/<clinician_id>/<file>            the clinician (clinicians)
--   clinician-documents    <tenant_id>/<clinician_id>/<file>            the clinician (clinicians)
--   patient-documents      <tenant_id>/<patient_id>/<file>              the patient (patients)
--   tenant-branding        <tenant_id>/<file>                           the tenant (tenants)
--                          <tenant_id>/centres/<centre_id>/<file>       the centre (centres)
--                          <tenant_id>/products/<product_id>/<file>     the product (products)
--
-- Ids are lower-case canonical uuids; <file> is 1-200 characters of letters, digits, '.', '_'
-- and '-' that does not start with '.', so '.', '..' and hidden names never match: a traversal
-- name has no owner and no policy allows it.

create function private.storage_object_owner(bucket_id text, object_name text)
returns table (tenant_id uuid, owner_kind text, owner_id uuid)
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * Who owns a Storage object name in one of Slotbase's buckets: its tenant, the table of the
   * owning row (clinicians, patients, tenants, centres, products) and that row's id (null for
   * the tenant itself). No row when the name does not follow the bucket's layout (another bucket, a
   * malformed or upper-case id, an extra or missing folder, '.', '..' or a hidden file name).
   *
   * Parameters: bucket_id    storage.objects.bucket_id;
   *             object_name  storage.objects.name (the path inside the bucket).
   * Returns: at most one (tenant_id, owner_kind, owner_id) row.
   * Example: select * from private.storage_object_owner('clinician-photos',
   *            '3f0c…/9a1b…/portrait.jpg');
   */
  with layout(bucket, pattern, owner_kind) as (
    values
      ('clinician-photos', '^(%1$s)/(%1$s)/%2$s$', 'clinicians'),
      ('clinician-documents', '^(%1$s)/(%1$s)/%2$s$', 'clinicians'),
      ('patient-documents', '^(%1$s)/(%1$s)/%2$s$', 'patients'),
      ('tenant-branding', '^(%1$s)/()%2$s$', 'tenants'),
      ('tenant-branding', '^(%1$s)/centres/(%1$s)/%2$s$', 'centres'),
      ('tenant-branding', '^(%1$s)/products/(%1$s)/%2$s$', 'products')
  )
  select m[1]::uuid, l.owner_kind, nullif(m[2], '')::uuid
  from layout as l
  cross join lateral pg_catalog.regexp_match(
    object_name,
    pg_catalog.format(l.pattern, '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', '[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}')
  ) as m
  where l.bucket = bucket_id and m is not null
$$;
comment on function private.storage_object_owner(text, text) is
  'Storage layout: the tenant, owner table (clinicians, patients, tenants, centres, products) and owner id of an object name in a Slotbase bucket; no row for names outside the layout (traversal and hidden names included). Used by the storage.objects policies and the *_path checks.';
revoke execute on function private.storage_object_owner(text, text) from public, anon, authenticated, service_role;
grant execute on function private.storage_object_owner(text, text) to authenticated, service_role;

create function private.storage_path_belongs_to(bucket_id text, object_name text, tenant_id uuid, owner_kind text, owner_id uuid)
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * True when the object name lies in the folder of this owner of this tenant in the bucket
   * (private.storage_object_owner). The CHECK constraints of columns that point at objects call
   * it, so a row can never point into another tenant's or another row's folder.
   *
   * Parameters: bucket_id, object_name  where the column points;
   *             tenant_id, owner_kind, owner_id  the row that points: its table and id (owner_id null for a tenant).
   * Returns: true or false (null only for a null name).
   * Example: select private.storage_path_belongs_to('clinician-photos', photo_path, tenant_id, 'clinicians', id);
   */
  select case when object_name is null then null else exists (
    select 1 from private.storage_object_owner(bucket_id, object_name) as o
    where o.tenant_id = storage_path_belongs_to.tenant_id
      and o.owner_kind = storage_path_belongs_to.owner_kind
      and o.owner_id is not distinct from storage_path_belongs_to.owner_id
  ) end
$$;
comment on function private.storage_path_belongs_to(text, text, uuid, text, uuid) is
  'Storage layout: true when an object name lies in the folder of that owner (kind and id) of that tenant in the bucket. The CHECK constraints of photo_path, logo_path, cover_image_path, certificate_path, object_path and image_paths call it.';
revoke execute on function private.storage_path_belongs_to(text, text, uuid, text, uuid) from public, anon, authenticated, service_role;
grant execute on function private.storage_path_belongs_to(text, text, uuid, text, uuid) to authenticated, service_role;
