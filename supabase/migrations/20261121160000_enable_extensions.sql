-- Extensions Slotbase relies on, in the `extensions` schema as Supabase recommends (never in
-- `public`: advisor 0014 extension_in_public).
--   btree_gist: lets exclusion constraints combine `=` on ids with `&&` on tstzranges, which is
--   how the database refuses double bookings (scheduling migrations).
-- uuid-ossp and pgcrypto are already installed by the platform in `extensions`.

create extension if not exists btree_gist with schema extensions;
