-- vault (local stand-in, same signatures): postgres and service_role create/update secrets only
-- through vault.create_secret/update_secret, read them through vault.decrypted_secrets; the
-- stored `secret` column is ciphertext; the API roles anon/authenticated have no access.
-- Source: github.com/supabase/vault sql/supabase_vault--0.3.0.sql; supabase/postgres
-- nix/tests/expected/vault.out; research supabase-platform.md §5.4.
begin;
select plan(8);

select isnt(vault.create_secret('https://example.supabase.co', 'project_url', 'Base URL'), null::uuid,
  'vault.create_secret(secret, name, description) returns the secret id');
select is((select decrypted_secret from vault.decrypted_secrets where name = 'project_url'), 'https://example.supabase.co',
  'vault.decrypted_secrets shows the plaintext');
select isnt((select secret from vault.secrets where name = 'project_url'), 'https://example.supabase.co',
  'vault.secrets stores ciphertext, not the plaintext');

select lives_ok(
  $$ select vault.update_secret((select id from vault.secrets where name = 'project_url'), 'https://other.supabase.co') $$,
  'vault.update_secret(id, new_secret) works');
select is((select decrypted_secret from vault.decrypted_secrets where name = 'project_url'), 'https://other.supabase.co',
  'the updated value is readable');

select throws_ok($$ insert into vault.secrets (secret) values ('x') $$, '42501', 'permission denied for table secrets',
  'postgres cannot insert into vault.secrets directly');

set local role authenticated;
select throws_ok($$ select vault.create_secret('x') $$, '42501', 'permission denied for schema vault',
  'authenticated cannot use vault');
reset role;
set local role service_role;
select is((select decrypted_secret from vault.decrypted_secrets where name = 'project_url'), 'https://other.supabase.co',
  'service_role can read decrypted secrets');
reset role;

select * from finish();
rollback;
