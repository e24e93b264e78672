-- The `private` schema: helpers, trigger functions and internal tables. It is not in
-- [api] schemas (supabase/config.toml), so the Data API never exposes it; `security definer`
-- functions live only here (Supabase: "never in an exposed schema").
--
-- PostgreSQL grants EXECUTE on every new function to PUBLIC, and the platform's 2026 default
-- privileges only revoke the explicit anon/authenticated/service_role grants. A global
-- `alter default privileges … revoke execute … from public` would also strip extensions created
-- later by `postgres` (pgTAP, btree_gist), so instead every migration that creates a function
-- revokes EXECUTE from public, anon and authenticated and grants it to exactly the roles that may
-- call it; supabase/tests/api_surface checks that none slips through.

create schema if not exists private;
comment on schema private is
  'Slotbase internals: helper and trigger functions, internal tables. Not exposed through the Data API.';
