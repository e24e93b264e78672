-- The Data API answers at most `max_rows` rows per request (supabase/config.toml [api] max_rows,
-- 1000): PostgREST cuts a longer result silently (HTTP 200, Content-Range 0-999/*). So no RPC may
-- produce more rows than that by accident. The rule (docs/data-api.md#results-larger-than-max_rows):
--   * slot search pages by design: at most max_rows slots per call, the next page after the last
--     start (public.search_slots(..., after => ...));
--   * analytics and other reports refuse an answer longer than max_rows with 22023, reason
--     too_many_rows and a hint to narrow the request (private.refuse_too_many_rows);
--   * tables and views are paged by the caller with range() and count (PostgREST's own paging).
--
-- Objects: private.api_max_rows(), private.refuse_too_many_rows(bigint, text).

create function private.api_max_rows()
returns integer
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * The most rows one Data API request returns: PostgREST's max_rows, as supabase/config.toml sets
   * it ([api] max_rows = 1000; tests/api checks the two agree). RPCs that can produce more page
   * or refuse (docs/data-api.md#results-larger-than-max_rows).
   * Example: select private.api_max_rows();  -- 1000
   */
  select 1000
$$;
comment on function private.api_max_rows() is
  'The most rows one Data API request returns (PostgREST max_rows, supabase/config.toml [api] max_rows = 1000): slot search pages at it, reports refuse longer answers.';
revoke execute on function private.api_max_rows() from public, anon, authenticated, service_role;

create function private.refuse_too_many_rows(p_rows bigint, p_hint text)
returns void
language plpgsql
stable
security definer
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * Raises 22023 (HTTP 400) with reason too_many_rows when a report has more rows than one Data API
 * request can return (private.api_max_rows()), instead of letting PostgREST cut it silently.
 * Call it after the report's RETURN QUERY with the number of rows it produced: the error discards
 * them. Security definer only so that the reports (security invoker) need EXECUTE on this function
 * alone; it reads nothing.
 *
 * Parameters: p_rows  rows produced; p_hint  how to ask for less (shown to the user).
 * Returns:    nothing.
 * Example:    get diagnostics v_rows = row_count;
 *             perform private.refuse_too_many_rows(v_rows, 'Ask for week or month periods.');
 */
begin
  if p_rows > private.api_max_rows() then
    raise exception using errcode = '22023', detail = 'too_many_rows',
      message = pg_catalog.format('the answer has %s rows, more than the %s one request can return', p_rows, private.api_max_rows()),
      hint = p_hint;
  end if;
end
$$;
comment on function private.refuse_too_many_rows(bigint, text) is
  'Raises 22023 too_many_rows (with the hint given) when a report produced more rows than one Data API request returns (private.api_max_rows()); reports call it after RETURN QUERY.';
revoke execute on function private.refuse_too_many_rows(bigint, text) from public, anon, authenticated, service_role;
grant execute on function private.refuse_too_many_rows(bigint, text) to authenticated, service_role;
