// Linking and registration as a patient app sees them through real PostgREST (docs/auth.md):
// a record the clinic keeps with history is not handed to whoever verifies its phone number; the
// patient claims it with their date of birth (clients/js claimPatientRecord), or the front desk
// links it; registering with a number one has not verified is refused with a reason.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, ValidationError, createSlotbase } from '../../clients/js/index.ts';
import { apiMissing, as, closeAuthConnection, newPhone, newUser, seed, serviceRole, signedIn, window } from './api.ts';

// Days 48-52 ahead at Camden, GP video consultations, are this file's.
const visitWindow = window(48, 5);
const gpVideo = '92000000-0000-4000-8000-000000000002';

describe.skipIf(apiMissing)('linking a record with history and registering through the Data API', () => {
  const phone = newPhone();
  const patientId = randomUUID();

  beforeAll(async () => {
    // The clinic registered the patient and booked a visit (a record with history) ...
    const admin = serviceRole();
    const { error: registered } = await admin.from('patients')
      .insert({ id: patientId, tenant_id: seed.northside, full_name: 'Hana History', phone, date_of_birth: '1979-11-05' });
    expect(registered).toBeNull();
    const [slot] = await createSlotbase(admin).searchSlots({ serviceId: gpVideo, centreId: seed.camden, ...visitWindow });
    const { error: booked } = await admin.rpc('book_appointment', {
      service_id: gpVideo, centre_id: seed.camden, clinician_id: slot!.clinician_id, starts_at: slot!.starts_at, patient_id: patientId, client_key: randomUUID(),
    });
    expect(booked).toBeNull();
    // ... and later someone signs in with that number (verified by a one-time code)
    await newUser({ phone });
  });
  afterAll(closeAuthConnection);

  it('signing in with the number alone shows nothing; the date of birth links the record and its appointment', async () => {
    const app = await signedIn({ phone });
    const slotbase = createSlotbase(app.supabase);
    const { data: before } = await app.supabase.from('patients').select('id');
    expect(before).toEqual([]);
    expect(await slotbase.claimPatientRecord({ tenantId: seed.northside, dateOfBirth: '1979-05-11' })).toBeNull();
    const claimed = await slotbase.claimPatientRecord({ tenantId: seed.northside, dateOfBirth: '1979-11-05' });
    expect(claimed).toMatchObject({ id: patientId, user_id: app.userId, full_name: 'Hana History' });
    const { data: visits } = await app.supabase.from('appointments').select('patient_id');
    expect(visits).toEqual([{ patient_id: patientId }]);
  });

  it('the front desk links a record for a patient who cannot claim it (reason codes for what it cannot link)', async () => {
    const desk = createSlotbase((await as(seed.leo)).supabase);
    const linked = await desk.linkPatientAccount(patientId).then(() => null, (error: unknown) => error);
    expect(linked).toBeInstanceOf(ConflictError);
    expect(linked).toMatchObject({ status: 409, reason: 'already_linked' });
  });

  it('registering with a phone number the account has not verified is refused (422 unverified_contact)', async () => {
    const ownPhone = newPhone();
    await newUser({ phone: ownPhone });
    const app = createSlotbase((await signedIn({ phone: ownPhone })).supabase);
    const refused = await app.registerAsPatient({ tenantId: seed.northside, fullName: 'Some One', phone: newPhone() })
      .then(() => null, (error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationError);
    expect(refused).toMatchObject({ status: 422, code: 'PT422', reason: 'unverified_contact' });
    const registered = await app.registerAsPatient({ tenantId: seed.northside, fullName: 'Some One' });
    expect(registered.phone).toBe(ownPhone);
  });
});
