-- The legacy per-claim settings (request.jwt.claim.sub / .role / .email, set by PostgREST < 10,
-- by Realtime's authorization check and by Supabase's own pgTAP docs) are still honoured and take
-- precedence over the JSON claims.
-- Source: supabase/auth migrations/20220224000811_update_auth_functions.up.sql;
-- supabase docs guides/local-development/testing/overview.mdx (`set local request.jwt.claim.sub`).
begin;
select plan(6);

-- SETUP: only the legacy GUCs, as in Supabase's testing docs
set local request.jwt.claim.sub = '0b7a2b8e-5d2e-4c1a-9f3e-222222222222';
set local request.jwt.claim.role = 'authenticated';
set local request.jwt.claim.email = 'legacy@clinic.test';

-- TEST
select is(auth.uid(), '0b7a2b8e-5d2e-4c1a-9f3e-222222222222'::uuid, 'auth.uid() reads request.jwt.claim.sub');
select is(auth.role(), 'authenticated', 'auth.role() reads request.jwt.claim.role');
select is(auth.email(), 'legacy@clinic.test', 'auth.email() reads request.jwt.claim.email');

-- TEST: legacy wins over the JSON when both are present
select pg_catalog.set_config('request.jwt.claims', '{"sub": "0b7a2b8e-5d2e-4c1a-9f3e-333333333333", "role": "anon"}', true);
select is(auth.uid(), '0b7a2b8e-5d2e-4c1a-9f3e-222222222222'::uuid, 'request.jwt.claim.sub takes precedence over request.jwt.claims');
select is(auth.role(), 'authenticated', 'request.jwt.claim.role takes precedence over request.jwt.claims');

-- TEST: auth.jwt() reads the legacy single `request.jwt.claim` JSON first, then request.jwt.claims
select pg_catalog.set_config('request.jwt.claim', '{"sub": "legacy-json"}', true);
select is(auth.jwt() ->> 'sub', 'legacy-json', 'auth.jwt() prefers the legacy request.jwt.claim JSON');

select * from finish();
rollback;
