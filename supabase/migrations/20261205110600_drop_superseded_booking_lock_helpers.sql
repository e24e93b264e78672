-- The booking keys are taken by private.lock_booking and tried by private.try_lock_booking_key
-- (20261205110000); nothing calls the helpers they replace any more.
drop function private.lock_booking_keys(uuid, uuid, uuid);
drop function private.lock_resource_key(uuid, uuid);
drop function private.booking_lock_holders(text, uuid, uuid);
