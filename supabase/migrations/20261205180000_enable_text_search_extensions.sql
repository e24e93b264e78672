-- Text search for the directory, the product catalogue and the front desk's patient search:
-- pg_trgm (trigram similarity and indexed ILIKE '%…%') and btree_gin (a tenant_id column in the
-- same GIN index as the trigrams, so a search stays inside one clinic's rows). Both are trusted
-- extensions in PostgreSQL 15 (the project owner may create them) and on Supabase's list of
-- extensions postgres may enable; in `extensions`, never in public (advisor 0014).

create extension if not exists pg_trgm with schema extensions;
create extension if not exists btree_gin with schema extensions;
