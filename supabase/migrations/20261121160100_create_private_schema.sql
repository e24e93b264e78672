-- The `private` schema: helpers, trigger functions and internal tables. It is not in
-- [api] schemas (supabase/config.toml), so the Data API never exposes it; `security definer`
-- functions live only here (Supabase: "never in an exposed schema").
--
-- PostgreSQL grants EXECUTE on every new function to PUBLIC. Revoke that default for functions
-- that `postgres` creates in `public` and `private`, so each RPC is granted to exactly the roles
-- that may call it (advisors 0028/0029 flag security definer functions reachable by anon).

create schema if not exists private;
comment on schema private is
  'Slotbase internals: helper and trigger functions, internal tables. Not exposed through the Data API.';
revoke all on schema private from public;

alter default privileges for role postgres in schema public revoke execute on functions from public;
alter default privileges for role postgres in schema private revoke execute on functions from public;
