-- The public profile a clinic's website shows (docs/profile.md): branding and contact details of
-- the tenant and of each centre, where a centre is (coordinates, for "near me" search), how to
-- reach it (accessibility notes), which languages are spoken there, and how long a clinician has
-- practised. Anonymous visitors see a centre's profile once the centre is published
-- (centres.is_published, unchanged) and the tenant's with it; staff edit them under the existing
-- policies (tenant admins the tenant, centre managers their centre, the practice and the
-- clinician a clinician profile).
--
-- Files are Storage objects, and each column holds the object's name inside its bucket, checked
-- by private.storage_path_belongs_to (20261205180100): a row can only point into its own folder.
--   tenants.logo_path, cover_image_path    tenant-branding  <tenant_id>/<file>
--   centres.logo_path, cover_image_path    tenant-branding  <tenant_id>/centres/<centre_id>/<file>
--   clinicians.photo_path                  clinician-photos <tenant_id>/<clinician_id>/<file>
-- clinicians.photo_path had a looser format ('clinicians/<tenant_id>/...', no bucket existed);
-- values in that format pointed at no object and are cleared.

create function private.is_valid_web_url(url text)
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * True when `url` is an absolute http(s) URL of at most 300 characters without spaces
   * (null passes: the column is optional).
   * Example: select private.is_valid_web_url('https://northside.example/clinics/camden');
   */
  select url is null
    or (pg_catalog.char_length(url) <= 300
        and url ~ '^https?://[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:[0-9]{1,5})?(/[^[:space:]]*)?$')
$$;
comment on function private.is_valid_web_url(text) is
  'True when the text is an absolute http(s) URL of at most 300 characters without spaces. Used by the website_url checks and private.is_valid_social_links.';
revoke execute on function private.is_valid_web_url(text) from public, anon, authenticated, service_role;
grant execute on function private.is_valid_web_url(text) to authenticated, service_role;

create function private.is_valid_social_links(links jsonb)
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * True when `links` is an object whose keys are known networks (facebook, instagram, x,
   * linkedin, youtube, tiktok, whatsapp) and whose values are http(s) URLs
   * (private.is_valid_web_url).
   * Example: select private.is_valid_social_links('{"instagram": "https://instagram.com/northside"}');
   */
  select links is null or (
    pg_catalog.jsonb_typeof(links) = 'object'
    and not exists (
      select 1 from pg_catalog.jsonb_each(links) as e
      where e.key not in ('facebook', 'instagram', 'x', 'linkedin', 'youtube', 'tiktok', 'whatsapp')
         or pg_catalog.jsonb_typeof(e.value) <> 'string'
         or not private.is_valid_web_url(e.value #>> '{}')
    )
  )
$$;
comment on function private.is_valid_social_links(jsonb) is
  'True when social links are {"facebook"|"instagram"|"x"|"linkedin"|"youtube"|"tiktok"|"whatsapp": "<http(s) URL>"}. Used by the social_links checks.';
revoke execute on function private.is_valid_social_links(jsonb) from public, anon, authenticated, service_role;
grant execute on function private.is_valid_social_links(jsonb) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- tenants
-- ---------------------------------------------------------------------------------------------
alter table public.tenants
  add column logo_path text null,
  add column cover_image_path text null,
  add column about text null,
  add column website_url text null,
  add column social_links jsonb not null default '{}',
  add constraint tenants_logo_path_in_own_folder check (private.storage_path_belongs_to('tenant-branding', logo_path, id, 'tenants', null)),
  add constraint tenants_cover_image_path_in_own_folder check (private.storage_path_belongs_to('tenant-branding', cover_image_path, id, 'tenants', null)),
  add constraint tenants_about_length check (pg_catalog.char_length(about) <= 4000),
  add constraint tenants_website_url_valid check (private.is_valid_web_url(website_url)),
  add constraint tenants_social_links_valid check (private.is_valid_social_links(social_links));
comment on column public.tenants.logo_path is 'Logo: object name in the public Storage bucket tenant-branding, <tenant_id>/<file> (e.g. <tenant_id>/logo.png).';
comment on column public.tenants.cover_image_path is 'Cover image of the clinic''s website: object name in tenant-branding, <tenant_id>/<file>.';
comment on column public.tenants.about is 'About the clinic group, shown on its website (at most 4000 characters).';
comment on column public.tenants.website_url is 'The clinic group''s own website, an http(s) URL.';
comment on column public.tenants.social_links is 'Social media pages: {"facebook"|"instagram"|"x"|"linkedin"|"youtube"|"tiktok"|"whatsapp": "<URL>"}.';
comment on constraint tenants_logo_path_in_own_folder on public.tenants is 'The logo lies in this tenant''s folder of tenant-branding.';
comment on constraint tenants_cover_image_path_in_own_folder on public.tenants is 'The cover image lies in this tenant''s folder of tenant-branding.';
comment on constraint tenants_about_length on public.tenants is 'About texts are at most 4000 characters.';
comment on constraint tenants_website_url_valid on public.tenants is 'Websites are absolute http(s) URLs of at most 300 characters.';
comment on constraint tenants_social_links_valid on public.tenants is 'Social links name known networks and hold http(s) URLs.';

grant update (logo_path, cover_image_path, about, website_url, social_links) on table public.tenants to authenticated;

-- ---------------------------------------------------------------------------------------------
-- centres
-- ---------------------------------------------------------------------------------------------
alter table public.centres
  add column logo_path text null,
  add column cover_image_path text null,
  add column about text null,
  add column website_url text null,
  add column social_links jsonb not null default '{}',
  add column latitude numeric(8, 6) null,
  add column longitude numeric(9, 6) null,
  add column accessibility_notes text null,
  add column languages public.language_tag[] not null default '{}',
  add constraint centres_logo_path_in_own_folder check (private.storage_path_belongs_to('tenant-branding', logo_path, tenant_id, 'centres', id)),
  add constraint centres_cover_image_path_in_own_folder check (private.storage_path_belongs_to('tenant-branding', cover_image_path, tenant_id, 'centres', id)),
  add constraint centres_about_length check (pg_catalog.char_length(about) <= 4000),
  add constraint centres_website_url_valid check (private.is_valid_web_url(website_url)),
  add constraint centres_social_links_valid check (private.is_valid_social_links(social_links)),
  add constraint centres_coordinates_valid check (
    (latitude is null) = (longitude is null) and latitude between -90 and 90 and longitude between -180 and 180),
  add constraint centres_accessibility_notes_length check (pg_catalog.char_length(accessibility_notes) <= 2000),
  add constraint centres_languages_valid check (pg_catalog.array_position(languages, null) is null and pg_catalog.cardinality(languages) <= 20);
comment on column public.centres.logo_path is 'Logo of this centre (defaults to the tenant''s on the website): object name in tenant-branding, <tenant_id>/centres/<centre_id>/<file>.';
comment on column public.centres.cover_image_path is 'Cover image of the centre''s page: object name in tenant-branding, <tenant_id>/centres/<centre_id>/<file>.';
comment on column public.centres.about is 'About this centre, shown on its public page (at most 4000 characters).';
comment on column public.centres.website_url is 'The centre''s own web page, an http(s) URL.';
comment on column public.centres.social_links is 'Social media pages of the centre: {"facebook"|"instagram"|"x"|"linkedin"|"youtube"|"tiktok"|"whatsapp": "<URL>"}.';
comment on column public.centres.latitude is 'WGS 84 latitude in degrees (-90..90), with longitude; used by the directory''s distance search.';
comment on column public.centres.longitude is 'WGS 84 longitude in degrees (-180..180), with latitude.';
comment on column public.centres.accessibility_notes is 'Step-free access, parking, hearing loop... (at most 2000 characters).';
comment on column public.centres.languages is 'Languages spoken at the reception, BCP 47 tags, e.g. {en, hi} (at most 20).';
comment on constraint centres_logo_path_in_own_folder on public.centres is 'The logo lies in this centre''s folder of tenant-branding.';
comment on constraint centres_cover_image_path_in_own_folder on public.centres is 'The cover image lies in this centre''s folder of tenant-branding.';
comment on constraint centres_about_length on public.centres is 'About texts are at most 4000 characters.';
comment on constraint centres_website_url_valid on public.centres is 'Websites are absolute http(s) URLs of at most 300 characters.';
comment on constraint centres_social_links_valid on public.centres is 'Social links name known networks and hold http(s) URLs.';
comment on constraint centres_coordinates_valid on public.centres is 'Latitude and longitude are given together and within range.';
comment on constraint centres_accessibility_notes_length on public.centres is 'Accessibility notes are at most 2000 characters.';
comment on constraint centres_languages_valid on public.centres is 'At most 20 languages, no null entries.';

grant insert (logo_path, cover_image_path, about, website_url, social_links, latitude, longitude, accessibility_notes, languages)
  on table public.centres to authenticated;
grant update (logo_path, cover_image_path, about, website_url, social_links, latitude, longitude, accessibility_notes, languages)
  on table public.centres to authenticated;

-- ---------------------------------------------------------------------------------------------
-- clinicians
-- ---------------------------------------------------------------------------------------------
update public.clinicians set photo_path = null
where not private.storage_path_belongs_to('clinician-photos', photo_path, tenant_id, 'clinicians', id);
alter table public.clinicians
  drop constraint clinicians_photo_path_format,
  add constraint clinicians_photo_path_in_own_folder check (private.storage_path_belongs_to('clinician-photos', photo_path, tenant_id, 'clinicians', id)),
  add column practising_since smallint null,
  add constraint clinicians_practising_since_range check (practising_since between 1940 and 2100);
comment on column public.clinicians.photo_path is 'Portrait: object name in the public Storage bucket clinician-photos, <tenant_id>/<clinician_id>/<file>.';
comment on column public.clinicians.practising_since is 'Year the clinician began practising (years of experience = this year minus it); public like the rest of the profile.';
comment on constraint clinicians_photo_path_in_own_folder on public.clinicians is 'The photo lies in this clinician''s folder of clinician-photos.';
comment on constraint clinicians_practising_since_range on public.clinicians is 'A plausible year (1940-2100).';

grant insert (practising_since) on table public.clinicians to authenticated;
grant update (practising_since) on table public.clinicians to authenticated;
