-- 70_storage.sql — the `storage` schema as the Supabase Storage server leaves it in a project
-- database: storage.buckets, storage.objects (RLS enabled, no policies), storage.migrations, the
-- helper functions a project's policies call (storage.foldername / filename / extension /
-- operation / allow_only_operation / allow_any_operation), the server's triggers (updated_at,
-- bucket name length, the guard against direct DELETEs) and the grants. Applied as
-- supabase_admin; objects are created as supabase_storage_admin, their owner on the platform
-- (the Storage server connects as that role and runs its own migrations).
--
-- Version. The Supabase CLI in node_modules (3.1.0) runs `supabase/storage-api:v1.90.1`. The
-- newest copy of the Storage server's source available here is v1.70.6 (2026-08-21, tenant
-- migrations 0001-0063). The objects below are the state those migrations leave, obtained by
-- running them in order as supabase_storage_admin on a scratch PostgreSQL 15 database
-- (storage.install_roles = false, storage.multitenant = false, as on the platform, where the
-- image creates the roles) and reading back the catalogue; function bodies are verbatim. Later
-- migrations seen in the public index (0064-0074: object versioning, lifecycle rules) could not be
-- read at v1.90.1 and are not reproduced; 0062 ships versioning "dark" (every bucket DISABLED).
--
-- Sources:
--   [init]   supabase/postgres migrations/db/init-scripts/00000000000002-storage-schema.sql
--            (schema owner supabase_admin; USAGE and default privileges for the API roles)
--   [usage]  supabase/postgres migrations/db/migrations/20250709135250_grant_storage_schema_to_postgres_with_grant_option.sql
--   [tmp]    supabase/postgres migrations/db/migrations/20250623125453_tmp_grant_storage_tables_to_postgres_with_grant_option.sql
--   [revoke] supabase/postgres migrations/db/migrations/20250421084701_revoke_admin_roles_from_postgres.sql
--            (no CREATE on schema storage for postgres; storage.migrations closed to the API roles)
--   [st]     supabase/storage migrations/tenant/: 0002-storage-schema (tables, foldername,
--            filename, extension), 0003-pathtoken-column, 0004-add-migrations-rls,
--            0007-add-rls-to-buckets, 0008-add-public-to-buckets, 0011 (updated_at trigger),
--            0012, 0013, 0014-use-bytes-for-max-size (file_size_limit in bytes), 0015
--            (can_insert_object), 0016-add-version, 0017, 0018 (owner_id), 0019, 0024
--            (operation), 0025-custom-metadata, 0037 (bucket name length), 0038/0044 (bucket
--            type), 0046/0049 (grants on buckets and objects), 0051, 0052 (level and prefixes
--            dropped), 0055-prevent-direct-deletes, 0058-operation-ergonomics, 0060, 0061,
--            0062-object-versioning-core
--   [server] supabase/storage src/internal/database/postgres/scope.ts (what the server sets per
--            request: role, request.jwt.claims, request.jwt.claim.sub/role, request.headers,
--            request.method, request.path, storage.operation, storage.allow_delete_query = 'true'),
--            src/storage/uploader.ts (an upload inserts the object row as the caller after a
--            rolled-back permission test with metadata {mimetype, contentLength}; bucket limits
--            are checked by the server), src/storage/database/pg.ts (upsert = insert ... on
--            conflict (name, bucket_id) do update; delete = delete ... returning *)
-- Not emulated (the server's own internals, never called by a project's SQL): the listing and
-- search functions (search, search_v2, search_by_timestamp, list_objects_with_delimiter,
-- list_multipart_uploads_with_delimiter, get_common_prefix), the S3 multipart tables and the
-- analytics, vector and Iceberg bucket tables.

-- The schema: created by the image, owned by supabase_admin. [init] [usage] [revoke]
create schema storage authorization supabase_admin;
grant usage on schema storage to postgres, anon, authenticated, service_role;
grant usage on schema storage to postgres with grant option;
grant all on schema storage to supabase_storage_admin with grant option;
alter default privileges for role supabase_storage_admin in schema storage grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_storage_admin in schema storage grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_storage_admin in schema storage grant all on sequences to postgres, anon, authenticated, service_role;

set role supabase_storage_admin;
set search_path = storage;

-- Bucket types. [st 0038, 0044]
create type storage.buckettype as enum ('STANDARD', 'ANALYTICS', 'VECTOR');

-- The server's migration history (RLS on; closed to the API roles and postgres). [st 0002, 0004] [revoke]
create table storage.migrations (
  id integer not null,
  name character varying(100) not null,
  hash character varying(40) not null,
  executed_at timestamp without time zone default current_timestamp,
  constraint migrations_pkey primary key (id),
  constraint migrations_name_key unique (name)
);
alter table storage.migrations enable row level security;

-- Buckets: public buckets are served without RLS (/object/public/...); file_size_limit is in
-- bytes, allowed_mime_types a list of types or wildcards (image/*); both enforced by the server
-- on upload. [st 0002, 0008, 0012, 0013, 0014, 0018, 0038, 0062]
create table storage.buckets (
  id text not null,
  name text not null,
  owner uuid,
  created_at timestamp with time zone default now(),
  updated_at timestamp with time zone default now(),
  public boolean default false,
  avif_autodetection boolean default false,
  file_size_limit bigint,
  allowed_mime_types text[],
  owner_id text,
  type storage.buckettype not null default 'STANDARD'::storage.buckettype,
  versioning_status text not null default 'DISABLED'::text,
  constraint buckets_pkey primary key (id),
  constraint buckets_versioning_status_check check (versioning_status = any (array['DISABLED'::text, 'ENABLED'::text, 'SUSPENDED'::text])),
  constraint buckets_versioning_standard_only_check check (type = 'STANDARD'::storage.buckettype or versioning_status = 'DISABLED'::text),
  constraint buckets_versioning_dark_check check (versioning_status = 'DISABLED'::text)
);
create unique index bname on storage.buckets using btree (name);
alter table storage.buckets enable row level security;
comment on column storage.buckets.owner is 'Field is deprecated, use owner_id instead';

-- Objects: one row per stored file; `name` is the path inside the bucket. [st 0002, 0003, 0016,
-- 0017, 0018, 0019, 0025, 0051, 0052, 0062]
create table storage.objects (
  id uuid not null default gen_random_uuid(),
  bucket_id text,
  name text,
  owner uuid,
  created_at timestamp with time zone default now(),
  updated_at timestamp with time zone default now(),
  last_accessed_at timestamp with time zone default now(),
  metadata jsonb,
  path_tokens text[] generated always as (string_to_array(name, '/'::text)) stored,
  version text,
  owner_id text,
  user_metadata jsonb,
  archived_at timestamp with time zone,
  is_delete_marker boolean not null default false,
  is_versioned boolean not null default false,
  constraint objects_pkey primary key (id),
  constraint "objects_bucketId_fkey" foreign key (bucket_id) references storage.buckets (id)
);
create unique index bucketid_objname on storage.objects using btree (bucket_id, name);
create index idx_objects_bucket_id_name on storage.objects using btree (bucket_id, name collate "C");
create index idx_objects_bucket_id_name_lower on storage.objects using btree (bucket_id, (lower(name)) collate "C");
create index name_prefix_search on storage.objects using btree (name text_pattern_ops);
alter table storage.objects enable row level security;
comment on column storage.objects.owner is 'Field is deprecated, use owner_id instead';

-- Path helpers for policies (IMMUTABLE since 0060/0061). [st 0002, 0060, 0061]
create function storage.foldername(name text)
 returns text[]
 language plpgsql
 immutable
as $function$
DECLARE
    _parts text[];
BEGIN
    -- Split on "/" to get path segments
    SELECT string_to_array(name, '/') INTO _parts;
    -- Return everything except the last segment
    RETURN _parts[1 : array_length(_parts,1) - 1];
END
$function$;

create function storage.filename(name text)
 returns text
 language plpgsql
 immutable
as $function$
DECLARE
    _parts text[];
BEGIN
    SELECT string_to_array(name, '/') INTO _parts;
    RETURN _parts[array_length(_parts, 1)];
END
$function$;

create function storage.extension(name text)
 returns text
 language plpgsql
 immutable
as $function$
DECLARE
    _parts text[];
    _filename text;
BEGIN
    -- Split on "/" to get path segments
    SELECT string_to_array(name, '/') INTO _parts;
    -- Get the last path segment (the actual filename)
    SELECT _parts[array_length(_parts, 1)] INTO _filename;
    -- Extract extension: reverse, split on '.', then reverse again
    RETURN reverse(split_part(reverse(_filename), '.', 1));
END
$function$;

-- The operation the server is performing (set per request, e.g. storage.object.upload). [st 0024, 0058] [server]
create function storage.operation()
 returns text
 language plpgsql
 stable
as $function$
BEGIN
    RETURN current_setting('storage.operation', true);
END;
$function$;

create function storage.allow_only_operation(expected_operation text)
returns boolean
language sql
stable
as $$
  WITH current_operation AS (
    SELECT storage.operation() AS raw_operation
  ),
  normalized AS (
    SELECT
      CASE
        WHEN raw_operation LIKE 'storage.%' THEN substr(raw_operation, 9)
        ELSE raw_operation
      END AS current_operation,
      CASE
        WHEN expected_operation LIKE 'storage.%' THEN substr(expected_operation, 9)
        ELSE expected_operation
      END AS requested_operation
    FROM current_operation
  )
  SELECT CASE
    WHEN requested_operation IS NULL OR requested_operation = '' THEN FALSE
    ELSE COALESCE(current_operation = requested_operation, FALSE)
  END
  FROM normalized;
$$;

create function storage.allow_any_operation(expected_operations text[])
returns boolean
language sql
stable
as $$
  WITH current_operation AS (
    SELECT storage.operation() AS raw_operation
  ),
  normalized AS (
    SELECT CASE
      WHEN raw_operation LIKE 'storage.%' THEN substr(raw_operation, 9)
      ELSE raw_operation
    END AS current_operation
    FROM current_operation
  )
  SELECT EXISTS (
    SELECT 1
    FROM normalized n
    CROSS JOIN LATERAL unnest(expected_operations) AS expected_operation
    WHERE expected_operation IS NOT NULL
      AND expected_operation <> ''
      AND n.current_operation = CASE
        WHEN expected_operation LIKE 'storage.%' THEN substr(expected_operation, 9)
        ELSE expected_operation
      END
  );
$$;

create function storage.get_size_by_bucket()
 returns table(size bigint, bucket_id text)
 language plpgsql
 stable
as $function$
BEGIN
    return query
        select sum((metadata->>'size')::bigint)::bigint as size, obj.bucket_id
        from "storage".objects as obj
        group by obj.bucket_id;
END
$function$;

create function storage.can_insert_object(bucketid text, name text, owner uuid, metadata jsonb)
 returns void
 language plpgsql
as $function$
BEGIN
  INSERT INTO "storage"."objects" ("bucket_id", "name", "owner", "metadata") VALUES (bucketid, name, owner, metadata);
  -- hack to rollback the successful insert
  RAISE sqlstate 'PT200' using
  message = 'ROLLBACK',
  detail = 'rollback successful insert';
END
$function$;

-- Triggers. [st 0011, 0037, 0055]
create function storage.update_updated_at_column()
 returns trigger
 language plpgsql
as $function$
BEGIN
    NEW.updated_at = now();
    RETURN NEW; 
END;
$function$;
create trigger update_objects_updated_at before update on storage.objects
  for each row execute procedure storage.update_updated_at_column();

create function storage.enforce_bucket_name_length()
 returns trigger
 language plpgsql
as $function$
begin
    if length(new.name) > 100 then
        raise exception 'bucket name "%" is too long (% characters). Max is 100.', new.name, length(new.name);
    end if;
    return new;
end;
$function$;
create trigger enforce_bucket_name_length_trigger before insert or update of name on storage.buckets
  for each row execute function storage.enforce_bucket_name_length();

-- A DELETE that does not come from the Storage server (which sets storage.allow_delete_query =
-- 'true' for every request) fails with 42501: files would be orphaned in the object store.
create function storage.protect_delete()
 returns trigger
 language plpgsql
as $function$
BEGIN
    -- Check if storage.allow_delete_query is set to 'true'
    IF COALESCE(current_setting('storage.allow_delete_query', true), 'false') != 'true' THEN
        RAISE EXCEPTION 'Direct deletion from storage tables is not allowed. Use the Storage API instead.'
            USING HINT = 'This prevents accidental data loss from orphaned objects.',
                  ERRCODE = '42501';
    END IF;
    RETURN NULL;
END;
$function$;
create trigger protect_buckets_delete before delete on storage.buckets
  for each statement execute function storage.protect_delete();
create trigger protect_objects_delete before delete on storage.objects
  for each statement execute function storage.protect_delete();

reset search_path;
reset role;

-- Grants as the migrations leave them: ALL on every table and function to the API roles and
-- postgres through the default privileges; buckets and objects to postgres WITH GRANT OPTION
-- [st 0046, 0049] [tmp]; storage.migrations closed to everyone but its owner [revoke].
grant all on storage.buckets, storage.objects to postgres with grant option;
revoke all on storage.migrations from anon, authenticated, service_role, postgres;

-- DEVIATION (README "Known deviations"): on hosted projects supautils' policy_grants let postgres
-- create, alter and drop policies on storage.objects and storage.buckets without owning them.
-- Without supautils the only way is membership in their owner, as images before
-- 20250421084701_revoke_admin_roles_from_postgres had it. Unlike hosted, postgres could therefore
-- also alter the storage tables here. Don't: migrations only insert buckets and create policies.
grant supabase_storage_admin to postgres;
