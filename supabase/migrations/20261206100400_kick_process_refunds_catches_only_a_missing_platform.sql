-- private.kick_process_refunds asks process-refunds to run right after a refund is created. What
-- may fail there and must not undo a cancellation is the platform not offering what
-- private.invoke_edge_function uses: pg_net not installed (the migration that enables it skips a
-- database without it: schema "net" or net.http_post missing) or Vault missing. Missing Vault
-- secrets already answer null with a notice. Anything else is a bug and now fails the statement
-- instead of becoming a notice.

create or replace function private.kick_process_refunds()
returns void
language plpgsql
volatile
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * Asks the process-refunds Edge Function to run now (private.invoke_edge_function, sent after
 * commit by pg_net), so a new refund goes out right away; the process-refunds cron job is the
 * backstop. A database without pg_net or Vault (invalid_schema_name, undefined_function,
 * undefined_table) gets a notice instead, so the statement that created the refund (e.g. a
 * cancellation) does not fail for it; any other error is raised.
 */
begin
  perform private.invoke_edge_function('process-refunds');
exception when invalid_schema_name or undefined_function or undefined_table then
  raise notice 'process-refunds was not invoked (%); the cron job will send the refund', sqlerrm;
end
$$;
comment on function private.kick_process_refunds() is
  'Invokes process-refunds right away (pg_net); without pg_net or Vault a notice, any other error is raised. Called when a refund is created.';
