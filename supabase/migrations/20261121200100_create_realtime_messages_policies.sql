-- Who may join Slotbase's private Realtime channels. Realtime authorizes a join by inserting a
-- probe row, setting role / request.jwt.claims / realtime.topic and selecting it back (read) and
-- by trying an INSERT (write); see research supabase-platform.md §4.2 and docs/realtime.md.
--
-- Decisions:
--   - receive (SELECT): authenticated users, Broadcast only, for the topic being authorized and
--     only if private.may_receive_realtime_topic() says so (schedule / clinician / patient /
--     availability rules in 20261121200000).
--   - send (INSERT): NO policy - clients never send on these topics; only the database does
--     (security-definer triggers, 20261121200200/20261121200300). Joining needs one permission,
--     so a receive-only join succeeds and client `send` calls are refused.
--   - presence: no policy (not used). anon: no policy (anon cannot use private channels).
--   - service_role has BYPASSRLS on the platform: a server with the service key joins any topic.

create policy realtime_messages_select_authenticated on realtime.messages
  for select
  to authenticated
  using (
    realtime.messages.extension = 'broadcast'
    and realtime.messages.topic = (select realtime.topic())
    and (select private.may_receive_realtime_topic((select realtime.topic())))
  );
comment on policy realtime_messages_select_authenticated on realtime.messages is
  'Slotbase: an authenticated user receives Broadcast messages of the topic being joined when private.may_receive_realtime_topic allows it (schedule/clinician/patient/availability topics, see docs/realtime.md). No INSERT policy: clients cannot send.';
