-- The four Storage buckets and their limits (enforced by the Storage server on every upload:
-- file_size_limit in bytes, allowed_mime_types). Object names follow
-- private.storage_object_owner (20261205180100); the policies are in 20261205180800.
--
--   clinician-photos     public   2 MB   JPEG, PNG, WebP          portraits on the website
--   tenant-branding      public   5 MB   JPEG, PNG, WebP          logos, cover images, product photos
--   clinician-documents  private  10 MB  PDF, JPEG, PNG           certificates, registrations
--   patient-documents    private  20 MB  PDF, JPEG, PNG, WebP,    referral letters, results, ID
--                                        HEIC
--
-- Public buckets are served to anyone by URL (/storage/v1/object/public/<bucket>/<name>) without
-- RLS; nobody may list them anonymously (no anon select policy). SVG is not accepted in the
-- public buckets: an SVG served from the project's domain can run script.

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types) values
  ('clinician-photos', 'clinician-photos', true, 2097152, array['image/jpeg', 'image/png', 'image/webp']),
  ('tenant-branding', 'tenant-branding', true, 5242880, array['image/jpeg', 'image/png', 'image/webp']),
  ('clinician-documents', 'clinician-documents', false, 10485760, array['application/pdf', 'image/jpeg', 'image/png']),
  ('patient-documents', 'patient-documents', false, 20971520, array['application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'image/heic']);
