-- private.set_updated_at(): the one trigger function that keeps `updated_at` current on every
-- table that has the column (BEFORE UPDATE ... FOR EACH ROW). Clients cannot forge the value:
-- whatever an UPDATE sets, the trigger overwrites it with the transaction time.

create function private.set_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
/**
 * BEFORE UPDATE row trigger: sets new.updated_at to now() (the transaction start time).
 *
 * Returns: the modified new row.
 * Example: create trigger set_updated_at before update on public.tenants
 *            for each row execute function private.set_updated_at();
 */
begin
  new.updated_at := pg_catalog.now();
  return new;
end
$$;
comment on function private.set_updated_at() is
  'Trigger function: keeps updated_at equal to the time of the last update (now()), whatever the UPDATE statement set.';
revoke execute on function private.set_updated_at() from public, anon, authenticated, service_role;
