// Errors apps branch on, as a client receives them through PostgREST: the HTTP status from the
// SQLSTATE and the stable reason code in `details` (docs/errors.md), and the clients/js class for
// each: SlotTakenError (search again) only for slot_taken and patient_busy, ConflictError with
// `.reason` for every other conflict.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, SlotTakenError, type Slot, createSlotbase } from '../../clients/js/index.ts';
import { anon, apiMissing, closeAuthConnection, newPhone, newUser, seed, signedIn, window } from './api.ts';

// Days 40-47 ahead are this file's.
const reasonWindow = window(40, 7);
type App = Awaited<ReturnType<typeof signedIn>>;

describe.skipIf(apiMissing)('reason codes through the Data API', () => {
  let first: App;
  let second: App;
  let gpSlots: Slot[] = [];

  beforeAll(async () => {
    const phones = [newPhone(), newPhone()];
    for (const phone of phones) await newUser({ phone });
    first = await signedIn({ phone: phones[0]! });
    second = await signedIn({ phone: phones[1]! });
    for (const app of [first, second]) await createSlotbase(app.supabase).registerAsPatient({ tenantId: seed.northside, fullName: 'Reason Patient' });
    gpSlots = await createSlotbase(anon()).searchSlots({ serviceId: seed.gp, centreId: seed.camden, clinicianId: seed.priya, ...reasonWindow });
    expect(gpSlots.length).toBeGreaterThan(20);
  });
  afterAll(closeAuthConnection);

  const expectRaw = async (app: App, args: Record<string, unknown>, reason: string) => {
    const { error, status } = await app.supabase.rpc('book_appointment', args as never);
    expect(status).toBe(409);
    expect(error).toMatchObject({ code: 'PT409', details: reason });
    expect(error?.message).toBeTruthy();
    expect(error?.hint).toBeTruthy();
  };

  it('slot_taken: another patient already has the time (SlotTakenError)', async () => {
    const slot = gpSlots[0]!;
    await createSlotbase(first.supabase).book({ serviceId: seed.gp, centreId: seed.camden, clinicianId: seed.priya, startsAt: slot.starts_at, clientKey: randomUUID() });
    const args = { service_id: seed.gp, centre_id: seed.camden, clinician_id: seed.priya, starts_at: slot.starts_at, client_key: randomUUID() };
    await expectRaw(second, args, 'slot_taken');
    const thrown = await createSlotbase(second.supabase)
      .book({ serviceId: seed.gp, centreId: seed.camden, clinicianId: seed.priya, startsAt: slot.starts_at, clientKey: randomUUID() })
      .catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(SlotTakenError);
    expect(thrown).toMatchObject({ status: 409, code: 'PT409', reason: 'slot_taken' });
  });

  it('patient_busy: the patient already has an appointment then, with another clinician (SlotTakenError)', async () => {
    // Dr Owen Hughes sees dermatology patients at Islington on Tuesdays and Thursdays, when Dr
    // Priya Nair is at Camden: find a pair of overlapping starts and book both for one patient.
    const derm = await createSlotbase(anon()).searchSlots({ serviceId: seed.dermatology, centreId: seed.islington, ...reasonWindow });
    const pair = gpSlots.slice(1).flatMap((gp) => {
      const match = derm.find((d) => Date.parse(d.starts_at) < Date.parse(gp.ends_at) && Date.parse(gp.starts_at) < Date.parse(d.ends_at));
      return match ? [{ gp, derm: match }] : [];
    })[0];
    expect(pair, 'an overlapping GP and dermatology slot in the window').toBeDefined();
    await createSlotbase(second.supabase).book({ serviceId: seed.gp, centreId: seed.camden, clinicianId: seed.priya, startsAt: pair!.gp.starts_at, clientKey: randomUUID() });
    const args = { service_id: seed.dermatology, centre_id: seed.islington, clinician_id: pair!.derm.clinician_id, starts_at: pair!.derm.starts_at, client_key: randomUUID() };
    await expectRaw(second, args, 'patient_busy');
    const thrown = await createSlotbase(second.supabase)
      .book({ serviceId: seed.dermatology, centreId: seed.islington, clinicianId: pair!.derm.clinician_id, startsAt: pair!.derm.starts_at, clientKey: randomUUID() })
      .catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(SlotTakenError);
    expect(thrown).toMatchObject({ reason: 'patient_busy' });
  });

  it('client_key_reused: the same key for another time is a ConflictError, not SlotTakenError', async () => {
    const key = randomUUID();
    const slotbase = createSlotbase(first.supabase);
    await slotbase.book({ serviceId: seed.gp, centreId: seed.camden, clinicianId: seed.priya, startsAt: gpSlots[10]!.starts_at, clientKey: key });
    await expectRaw(first, { service_id: seed.gp, centre_id: seed.camden, clinician_id: seed.priya, starts_at: gpSlots[14]!.starts_at, client_key: key }, 'client_key_reused');
    const thrown = await slotbase
      .book({ serviceId: seed.gp, centreId: seed.camden, clinicianId: seed.priya, startsAt: gpSlots[14]!.starts_at, clientKey: key })
      .catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(ConflictError);
    expect(thrown).not.toBeInstanceOf(SlotTakenError);
    expect(thrown).toMatchObject({ status: 409, reason: 'client_key_reused' });
  });

  it('status_conflict: cancelling a cancelled appointment', async () => {
    const slotbase = createSlotbase(first.supabase);
    const booked = await slotbase.book({ serviceId: seed.gp, centreId: seed.camden, clinicianId: seed.priya, startsAt: gpSlots[18]!.starts_at, clientKey: randomUUID() });
    await slotbase.cancel(booked.id, 'patient_request');
    const { error, status } = await first.supabase.rpc('cancel_appointment', { id: booked.id, reason: 'patient_request' });
    expect(status).toBe(409);
    expect(error).toMatchObject({ code: 'PT409', details: 'status_conflict' });
    const thrown = await slotbase.cancel(booked.id, 'patient_request').catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(ConflictError);
    expect(thrown).not.toBeInstanceOf(SlotTakenError);
    expect(thrown).toMatchObject({ reason: 'status_conflict' });
  });

  it('already_registered: a second self-registration is a ConflictError with its reason (not a raw 23505)', async () => {
    const { error, status } = await first.supabase.from('patients').insert({ tenant_id: seed.northside, user_id: first.userId, full_name: 'Again' });
    expect(status).toBe(409);
    expect(error).toMatchObject({ code: 'PT409', details: 'already_registered' });
    const thrown = await createSlotbase(first.supabase).registerAsPatient({ tenantId: seed.northside, fullName: 'Again' }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(ConflictError);
    expect(thrown).not.toBeInstanceOf(SlotTakenError);
    expect(thrown).toMatchObject({ status: 409, reason: 'already_registered' });
  });
});
