-- public.refunds.succeeded_at: when a refund succeeded, like payments.succeeded_at, so collected
-- revenue (20261121231400) dates refunds by that instant and not by updated_at, which a later
-- repeat of Stripe's refund.updated event would move.

alter table public.refunds add column succeeded_at timestamptz null;
comment on column public.refunds.succeeded_at is 'When the refund succeeded (set by trigger when status becomes succeeded); null before.';

update public.refunds set succeeded_at = updated_at where status = 'succeeded' and succeeded_at is null;

alter table public.refunds
  add constraint refunds_succeeded_at_when_succeeded check ((status = 'succeeded') = (succeeded_at is not null));
comment on constraint refunds_succeeded_at_when_succeeded on public.refunds is 'A succeeded refund records when, and only a succeeded one.';

create function private.set_refund_succeeded_at()
returns trigger
language plpgsql
set search_path = ''
as $$
/**
 * BEFORE INSERT OR UPDATE row trigger on public.refunds: stamps succeeded_at when the status
 * becomes succeeded (keeps a given value on insert, e.g. a refund recorded as already
 * succeeded) and keeps it afterwards.
 * Returns: the new row.
 */
begin
  if new.status = 'succeeded' then
    if tg_op = 'UPDATE' and old.status = 'succeeded' then
      new.succeeded_at := old.succeeded_at;
    else
      new.succeeded_at := coalesce(new.succeeded_at, pg_catalog.now());
    end if;
  else
    new.succeeded_at := null;
  end if;
  return new;
end
$$;
comment on function private.set_refund_succeeded_at() is
  'Trigger function on refunds: succeeded_at is stamped when the status becomes succeeded and never moves afterwards.';
revoke execute on function private.set_refund_succeeded_at() from public, anon, authenticated, service_role;

create trigger set_succeeded_at before insert or update on public.refunds
  for each row execute function private.set_refund_succeeded_at();
comment on trigger set_succeeded_at on public.refunds is 'Stamps succeeded_at when the refund succeeds (private.set_refund_succeeded_at).';
