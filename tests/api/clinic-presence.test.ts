// A clinic's website and front desk through the Data API (clients/js createPresence over
// supabase-js, the gateway and real PostgREST) on the seed: Northside Health's Camden page in one
// anonymous GET, the directory, the pharmacy catalogue, verified reviews, the tables a visitor
// may read, and the front desk's patient search within least privilege.
import { afterAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, ValidationError, createPresence, storagePaths } from '../../clients/js/index.ts';
import { anon, api, apiMissing, as, closeAuthConnection, seed } from './api.ts';

const priyaRegistration = 'GMC 7012345';

describe.skipIf(apiMissing)('clinic presence through the Data API', () => {
  afterAll(closeAuthConnection);

  it('a centre\'s whole public page is one anonymous GET', async () => {
    const response = await api('/rest/v1/rpc/centre_public_page?tenant_slug=northside-health&centre_slug=camden');
    expect(response.status).toBe(200);
    const page = await createPresence(anon()).centrePage('northside-health', 'camden');
    expect(page.tenant.website_url).toBe('https://northside.example');
    expect(page.centre.latitude).toBe(51.539);
    expect(page.centre.languages).toEqual(['en', 'hi', 'pl']);
    expect(page.centre.opening_hours.mon).toEqual([['08:00', '12:30'], ['13:30', '18:00']]);
    expect(page.departments.map((d) => d.slug)).toEqual(['general-practice', 'womens-health']);
    expect(page.departments[0]!.clinician_ids).toEqual([seed.priya]);
    const priya = page.clinicians.find((c) => c.id === seed.priya)!;
    expect(priya.practising_since).toBe(2013);
    // public credentials only: the registration and the degree, not the private certificate
    expect(priya.credentials.map((c) => c.reference_number ?? c.title)).toEqual([priyaRegistration, 'MBBS']);
    expect(priya.review_count).toBe(1);
    expect(priya.average_rating).toBe(5);
    expect(priya.next_free_slot?.starts_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(Date.parse(priya.next_free_slot!.starts_at)).toBeGreaterThan(Date.now());
    expect(page.clinicians.map((c) => c.id)).not.toContain(seed.lena); // not public
    expect(page.services.find((s) => s.id === seed.gp)).toMatchObject({ name: 'GP consultation', price: 65, currency: 'GBP' });
    // what the page's paths are: objects in the public bucket
    expect(page.centre.cover_image_path).toBe(storagePaths.centreImage(seed.northside, seed.camden, 'waiting-room.jpg'));
    expect(createPresence(anon()).publicUrl('tenant-branding', page.tenant.logo_path!))
      .toMatch(/\/storage\/v1\/object\/public\/tenant-branding\/b0000000-0000-4000-8000-000000000001\/logo\.png$/);
  });

  it('an unpublished centre has no page (404 PT404); without both slugs there is no such function (404 PGRST202)', async () => {
    await expect(createPresence(anon()).centrePage('northside-health', 'back-office')).rejects.toBeInstanceOf(NotFoundError);
    const response = await api('/rest/v1/rpc/centre_public_page?tenant_slug=northside-health');
    expect(response.status).toBe(404);
    expect(((await response.json()) as { code: string }).code).toBe('PGRST202');
  });

  it('the directory finds clinicians by specialisation, language and distance', async () => {
    const presence = createPresence(anon());
    const skin = await presence.searchDirectory({ query: 'dermatology', tenantId: seed.northside });
    expect(skin.map((e) => [e.display_name, e.centre_slug])).toEqual([['Dr Owen Hughes', 'islington']]);
    const hindi = await presence.searchDirectory({ language: 'hi', tenantId: seed.northside });
    expect(new Set(hindi.map((e) => e.clinician_id))).toEqual(new Set([seed.priya]));
    // from Hampstead: Camden (3.1 km) before Islington (5.6 km)
    const near = await presence.searchDirectory({ tenantId: seed.northside, near: { latitude: 51.556, longitude: -0.178, withinKm: 10 } });
    expect(near.map((e) => e.centre_slug)).toEqual(['camden', 'islington', 'islington']);
    expect(near[0]!.distance_km).toBeCloseTo(3.09, 1);
    await expect(presence.searchDirectory({ near: { latitude: 91, longitude: 0 } })).rejects.toBeInstanceOf(ValidationError);
  });

  it('the pharmacy catalogue shows published products with their stock per centre', async () => {
    const presence = createPresence(anon());
    const [sunscreen, ...rest] = await presence.searchProducts({ query: 'sunscreen', tenantId: seed.northside });
    expect(rest).toEqual([]);
    expect(sunscreen).toMatchObject({ name: 'Mineral sunscreen SPF 50, 100 ml', price: 14.5, currency: 'GBP', requires_prescription: false });
    expect(sunscreen!.availability).toEqual([
      { centre_id: seed.camden, centre_name: 'Northside Health Camden', centre_slug: 'camden', stock_status: 'low_stock' },
      { centre_id: seed.islington, centre_name: 'Northside Health Islington', centre_slug: 'islington', stock_status: 'in_stock' },
    ]);
    expect(await presence.searchProducts({ query: 'travel kit', tenantId: seed.northside })).toEqual([]); // not published
    const { data, error } = await anon().from('products').select('name').eq('tenant_id', seed.northside).order('name');
    expect(error).toBeNull();
    expect(data!.map((p) => p.name)).toEqual(['Combined contraceptive pill (3 months)', 'Mineral sunscreen SPF 50, 100 ml', 'Paracetamol 500 mg tablets (16)']);
  });

  it('visitors read published reviews without who wrote them, and never the reviews table', async () => {
    const reviews = await createPresence(anon()).clinicianReviews(seed.priya);
    expect(reviews).toHaveLength(1);
    expect(Object.keys(reviews[0]!).sort()).toEqual(['body', 'created_at', 'edited_at', 'rating', 'review_id']);
    const { error, status } = await anon().from('reviews').select('*');
    expect(status).toBe(401);
    expect(error?.code).toBe('42501');
  });

  it('visitors read published departments and public credentials from the tables', async () => {
    const { data: departments } = await anon().from('departments').select('slug, department_clinicians(clinician_id)').eq('tenant_id', seed.northside).order('slug');
    expect(departments!.map((d) => d.slug)).toEqual(['dermatology', 'general-practice', 'womens-health']);
    const { data: credentials } = await anon().from('clinician_credentials').select('title').eq('clinician_id', seed.priya).order('display_order');
    expect(credentials!.map((c) => c.title)).toEqual(['Full registration with a licence to practise', 'MBBS']);
  });

  it('a patient cannot review a visit twice; the refusal carries its reason', async () => {
    const sam = await as(seed.sam);
    const error = await createPresence(sam.supabase).submitReview('93000000-0000-4000-8000-000000000001', 4).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).reason).toBe('status_conflict');
  });

  it('the front desk finds patients of their centre by part of a name or phone; another clinic finds none', async () => {
    const leo = await as(seed.leo);
    const hits = await createPresence(leo.supabase).searchPatients(seed.northside, '07700 900001');
    expect(hits.map((h) => h.patient_id)).toEqual([seed.samPatient]);
    const rosa = await as(seed.rosa);
    expect(await createPresence(rosa.supabase).searchPatients(seed.northside, 'sam patel')).toEqual([]);
    await expect(createPresence(anon()).searchPatients(seed.northside, 'sam')).rejects.toMatchObject({ status: 401 });
  });
});
