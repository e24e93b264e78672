-- Which roles are a user's (anon, authenticated) is written once, private.is_user_role; the
-- request's server decision asks it about the request role.

create or replace function private.is_server_role()
returns boolean
language sql
stable
set search_path = ''
set timezone to 'UTC'
as $$
  /**
   * True when the request acts as the server: its role (private.request_role) is not one a
   * user's JWT can name (private.is_user_role), that is service_role (the secret key) or a
   * database session (postgres in migrations, pg_cron and the SQL editor; platform services).
   * Example: select private.is_server_role();
   */
  select not private.is_user_role(private.request_role())
$$;
comment on function private.is_server_role() is
  'True when the request role (private.request_role) is not a user''s (private.is_user_role: anon, authenticated): service_role, or a database session such as postgres in migrations, pg_cron and the SQL editor.';
