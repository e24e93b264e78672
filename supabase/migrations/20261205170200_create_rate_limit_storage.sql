-- Rate limits (docs/rate-limits.md): what they are configured with and what they count.
--
--   public.rate_limited_action          the actions that cost money or can be abused
--   private.rate_limit_defaults         the platform's limit per action: per user and per client IP
--                                       within a period, counted per tenant or across tenants
--   private.request_concurrency_limits  how many Data API requests of one user or IP may run at once
--                                       (the only limit a read-only request can have)
--   private.rate_limit_settings         the switch, and which request headers carry the client IP
--   private.rate_limit_hits             one row per counted action and subject, kept one day (the
--                                       longest period) and removed by a pg_cron job
--
-- The hits table is UNLOGGED: counters lost in a crash only forgive a few requests, and no write
-- of a hit costs WAL. It has no unique key and nothing ever updates a row, so concurrent requests
-- never wait for each other on it. Tenants override the tenant-level limits in
-- public.tenant_rate_limits (next migration).

create type public.rate_limited_action as enum (
  'booking', 'appointment_change', 'payment', 'registration', 'record_claim', 'otp'
);
comment on type public.rate_limited_action is
  'What is rate limited: booking (appointments, series, waitlist joins by patients), appointment_change (cancel, reschedule, waitlist decisions by patients), payment (payments opened by patients), registration (self-registration as a patient), record_claim (claiming a patient record with a date of birth), otp (one-time codes sent by SMS or e-mail).';

create table private.rate_limit_defaults (
  action public.rate_limited_action not null,
  per_user integer null,
  per_ip integer null,
  period interval not null,
  across_tenants boolean not null,
  description text not null,
  constraint rate_limit_defaults_pkey primary key (action),
  constraint rate_limit_defaults_per_user_range check (per_user between 1 and 100000),
  constraint rate_limit_defaults_per_ip_range check (per_ip between 1 and 100000),
  constraint rate_limit_defaults_period_range check (period between interval '1 minute' and interval '1 day')
);
alter table private.rate_limit_defaults enable row level security;
comment on table private.rate_limit_defaults is
  'The platform''s rate limits, one row per action: at most per_user actions of one account (for otp: one phone number or e-mail address) and per_ip of one client IP within period. Tenants override the rows counted per tenant (public.tenant_rate_limits). Changed by the platform with SQL (postgres). Not exposed.';
comment on column private.rate_limit_defaults.action is 'The rate-limited action.';
comment on column private.rate_limit_defaults.per_user is 'At most this many per account (otp: per recipient) within the period; null: no per-account limit.';
comment on column private.rate_limit_defaults.per_ip is 'At most this many per client IP (IPv6: per /64) within the period; null: no per-IP limit.';
comment on column private.rate_limit_defaults.period is 'The sliding period the limits count over (1 minute to 1 day).';
comment on column private.rate_limit_defaults.across_tenants is 'True: counted across all tenants and not overridable by a tenant (registration, record claims, codes); false: counted per tenant, which may override it.';
comment on column private.rate_limit_defaults.description is 'What is counted, for the platform''s operators.';
comment on constraint rate_limit_defaults_pkey on private.rate_limit_defaults is 'One row per action.';
comment on constraint rate_limit_defaults_per_user_range on private.rate_limit_defaults is 'A per-account limit is 1 to 100,000.';
comment on constraint rate_limit_defaults_per_ip_range on private.rate_limit_defaults is 'A per-IP limit is 1 to 100,000.';
comment on constraint rate_limit_defaults_period_range on private.rate_limit_defaults is 'Periods run from 1 minute to 1 day (hits are kept for a day).';
revoke all on table private.rate_limit_defaults from anon, authenticated, service_role;

insert into private.rate_limit_defaults (action, per_user, per_ip, period, across_tenants, description) values
  ('booking', 10, 60, interval '1 hour', false,
   'Appointments, series and waitlist entries a patient books for themself (book_appointment, book_appointment_series, join_waitlist). Staff and the server are not counted.'),
  ('appointment_change', 20, 120, interval '1 hour', false,
   'Cancellations, reschedules (also of series) and waitlist decisions (accept, decline, leave) made by the patient.'),
  ('payment', 20, 120, interval '1 hour', false,
   'Payments a patient opens (open_payment, through the create-payment function).'),
  ('registration', 5, 50, interval '1 day', true,
   'Self-registrations as a patient, across all clinics.'),
  ('record_claim', 5, 20, interval '1 day', true,
   'Attempts to claim an existing patient record with a date of birth (claim_patient_record), across all clinics.'),
  ('otp', 5, 30, interval '1 hour', true,
   'One-time codes the Send SMS / Send Email hooks deliver: per phone number or e-mail address, and per client IP of the sign-in.');

create table private.request_concurrency_limits (
  request text not null,
  per_user integer null,
  per_ip integer null,
  description text not null,
  constraint request_concurrency_limits_pkey primary key (request),
  constraint request_concurrency_limits_request_format check (request = 'any' or request ~ '^/[a-z0-9_/]{1,200}$'),
  constraint request_concurrency_limits_per_user_range check (per_user between 1 and 1000),
  constraint request_concurrency_limits_per_ip_range check (per_ip between 1 and 1000)
);
alter table private.request_concurrency_limits enable row level security;
comment on table private.request_concurrency_limits is
  'How many Data API requests of one signed-in user (per_user) or one anonymous client IP (per_ip) may run at once: for every request (''any'') and for one path (e.g. /rpc/search_slots). Checked by private.check_request, PostgREST''s pre-request function, without writing anything. Not exposed.';
comment on column private.request_concurrency_limits.request is '''any'' (every request) or a Data API path as PostgREST sees it, e.g. /rpc/search_slots.';
comment on column private.request_concurrency_limits.per_user is 'At most this many at once for one signed-in user; null: no limit.';
comment on column private.request_concurrency_limits.per_ip is 'At most this many at once for one anonymous client IP (IPv6: per /64); null: no limit.';
comment on column private.request_concurrency_limits.description is 'Why, for the platform''s operators.';
comment on constraint request_concurrency_limits_pkey on private.request_concurrency_limits is 'One row per request kind.';
comment on constraint request_concurrency_limits_request_format on private.request_concurrency_limits is '''any'' or a path of lower-case letters, digits, _ and /.';
comment on constraint request_concurrency_limits_per_user_range on private.request_concurrency_limits is 'A per-user limit is 1 to 1,000.';
comment on constraint request_concurrency_limits_per_ip_range on private.request_concurrency_limits is 'A per-IP limit is 1 to 1,000.';
revoke all on table private.request_concurrency_limits from anon, authenticated, service_role;

insert into private.request_concurrency_limits (request, per_user, per_ip, description) values
  ('any', 16, 32, 'Every Data API request: one client never holds more than a few of the database connections.'),
  ('/rpc/search_slots', 4, 8, 'Slot search, the most expensive read: bursts of searches from one user or address.');

create table private.rate_limit_settings (
  singleton boolean not null default true,
  enabled boolean not null default true,
  client_ip_headers text[] not null default array['cf-connecting-ip', 'x-real-ip'],
  constraint rate_limit_settings_pkey primary key (singleton),
  constraint rate_limit_settings_singleton check (singleton),
  constraint rate_limit_settings_client_ip_headers_format check (
    pg_catalog.cardinality(client_ip_headers) between 1 and 5
    and pg_catalog.array_to_string(client_ip_headers, ',') ~ '^[a-z0-9-]+(,[a-z0-9-]+)*$')
);
alter table private.rate_limit_settings enable row level security;
comment on table private.rate_limit_settings is
  'Platform switches of the rate limits (one row). Not exposed.';
comment on column private.rate_limit_settings.singleton is 'Always true: the table has one row.';
comment on column private.rate_limit_settings.enabled is 'False switches every rate limit and concurrency limit off (nothing is counted or refused).';
comment on column private.rate_limit_settings.client_ip_headers is 'Request headers (lower-case) that carry the client IP, the first present wins: on hosted Supabase cf-connecting-ip, which Cloudflare sets and overwrites; x-real-ip as the local gateway (and Kong) sets it. Never a header the client can choose.';
comment on constraint rate_limit_settings_pkey on private.rate_limit_settings is 'One row.';
comment on constraint rate_limit_settings_singleton on private.rate_limit_settings is 'One row.';
comment on constraint rate_limit_settings_client_ip_headers_format on private.rate_limit_settings is '1 to 5 lower-case header names.';
revoke all on table private.rate_limit_settings from anon, authenticated, service_role;

insert into private.rate_limit_settings (singleton) values (true);

create unlogged table private.rate_limit_hits (
  bucket bigint not null,
  hit_at timestamptz not null default pg_catalog.now()
);
alter table private.rate_limit_hits enable row level security;
comment on table private.rate_limit_hits is
  'One row per counted action and subject (account or client IP, per tenant or across tenants): the sliding-window log the rate limits count. Rows are only inserted (never updated) and removed after a day by the job remove-old-rate-limit-hits. Unlogged: lost on a crash, never replicated. Not exposed.';
comment on column private.rate_limit_hits.bucket is 'Which counter: a 64-bit hash of (tenant or platform, action, subject kind, subject), private.rate_limit_bucket.';
comment on column private.rate_limit_hits.hit_at is 'When the counted action happened (its transaction''s time).';
revoke all on table private.rate_limit_hits from anon, authenticated, service_role;

create index rate_limit_hits_bucket_hit_at_idx on private.rate_limit_hits (bucket, hit_at desc);
comment on index private.rate_limit_hits_bucket_hit_at_idx is 'Counts one bucket''s hits in its period, newest first.';
create index rate_limit_hits_hit_at_idx on private.rate_limit_hits using brin (hit_at);
comment on index private.rate_limit_hits_hit_at_idx is 'Finds the hits older than a day to remove (BRIN: rows arrive in time order).';
