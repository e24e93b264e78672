-- WhatsApp becomes a contact channel beside sms and email (Twilio's WhatsApp sender). Alone in its
-- migration: a new enum value can be used only once the statement that added it has committed.
-- What routes messages to WhatsApp, and back to SMS when WhatsApp is not possible, is in
-- 20261205200200; the per-tenant Content templates in 20261205200100. See docs/notifications.md.

alter type public.contact_channel add value if not exists 'whatsapp';
comment on type public.contact_channel is
  'How a patient prefers to be contacted: sms, email or whatsapp (WhatsApp through Twilio with the tenant''s approved Content templates; messages fall back to sms when WhatsApp is not possible).';
