// A patient's app, end to end through the one origin: clients/js over supabase-js, the gateway
// and real PostgREST, against the throwaway database of `npm test`. Every flow of docs/clients.md
// that works without GoTrue and Realtime: search (anonymous, POST and GET), self-registration,
// book, retry with the same key, a competing booking, reschedule, my appointments with embedded
// names, cancel, and pay (the Edge Function answers; no Stripe key is configured here).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PaymentError, SlotTakenError, type Slot, createSlotbase } from '../../clients/js/index.ts';
import { anon, api, apiMissing, closeAuthConnection, newPhone, newUser, seed, signedIn, window } from './api.ts';

// Days 20-34 ahead at Camden with Dr Priya Nair are this file's (other API tests use other days).
const searchWindow = window(20, 14);

describe.skipIf(apiMissing)('a patient through the Data API (clients/js + supabase-js + PostgREST)', () => {
  let slots: Slot[] = [];
  let patientApp: Awaited<ReturnType<typeof signedIn>>;
  let otherApp: Awaited<ReturnType<typeof signedIn>>;
  const phone = newPhone();

  beforeAll(async () => {
    await newUser({ phone, userMetadata: { full_name: 'Api Patient' } });
    patientApp = await signedIn({ phone });
    const otherPhone = newPhone();
    await newUser({ phone: otherPhone });
    otherApp = await signedIn({ phone: otherPhone });
  });

  afterAll(closeAuthConnection);

  it('searches anonymously with POST (clients/js) and gets the same slots with GET', async () => {
    const visitor = createSlotbase(anon());
    slots = await visitor.searchSlots({ serviceId: seed.gp, centreId: seed.camden, clinicianId: seed.priya, ...searchWindow });
    expect(slots.length).toBeGreaterThan(10);
    for (const slot of slots) {
      expect(slot.clinician_id).toBe(seed.priya);
      expect(Date.parse(slot.starts_at)).toBeGreaterThanOrEqual(Date.parse(searchWindow.from));
      expect(Date.parse(slot.starts_at)).toBeLessThan(Date.parse(searchWindow.to));
      expect(slot.timezone).toBe('Europe/London');
    }
    const { data, error, status } = await anon().rpc('search_slots', {
      service_id: seed.gp, centre_id: seed.camden, clinician_id: seed.priya, window_start: searchWindow.from, window_end: searchWindow.to,
    }, { get: true });
    expect(error).toBeNull();
    expect(status).toBe(200);
    expect(data).toEqual(slots);
  });

  it('a GET of search_slots really is a GET (cacheable, replica-friendly), with the arguments in the query string', async () => {
    const query = new URLSearchParams({ service_id: seed.gp, centre_id: seed.camden, clinician_id: seed.priya, window_start: searchWindow.from, window_end: searchWindow.to });
    const response = await api(`/rest/v1/rpc/search_slots?${query}`);
    expect(response.status).toBe(200);
    expect((await response.json()) as unknown[]).toHaveLength(slots.length);
  });

  it('registers the signed-in user as a patient of the clinic (self-registration)', async () => {
    const patient = await createSlotbase(patientApp.supabase).registerAsPatient({ tenantId: seed.northside, fullName: 'Api Patient', phone });
    expect(patient.user_id).toBe(patientApp.userId);
    expect(patient.tenant_id).toBe(seed.northside);
    await createSlotbase(otherApp.supabase).registerAsPatient({ tenantId: seed.northside, fullName: 'Other Patient' });
  });

  let appointmentId = '';
  const clientKey = randomUUID();

  it('books a slot; a retry with the same client key returns the same appointment', async () => {
    const slotbase = createSlotbase(patientApp.supabase);
    const slot = slots[3]!;
    const booked = await slotbase.book({ serviceId: seed.gp, centreId: seed.camden, clinicianId: slot.clinician_id, startsAt: slot.starts_at, clientKey });
    expect(booked.status).toBe('booked');
    expect(Date.parse(booked.starts_at)).toBe(Date.parse(slot.starts_at));
    appointmentId = booked.id;
    const retried = await slotbase.book({ serviceId: seed.gp, centreId: seed.camden, clinicianId: slot.clinician_id, startsAt: slot.starts_at, clientKey });
    expect(retried.id).toBe(booked.id);
  });

  it('a competing booking of that slot gets HTTP 409 with code, message, hint and details intact', async () => {
    const slot = slots[3]!;
    const args = { service_id: seed.gp, centre_id: seed.camden, clinician_id: slot.clinician_id, starts_at: slot.starts_at, client_key: randomUUID() };
    // What PostgREST itself answers ...
    const raw = await api('/rest/v1/rpc/book_appointment', {
      method: 'POST', token: otherApp.accessToken, headers: { 'content-type': 'application/json' }, body: JSON.stringify(args),
    });
    expect(raw.status).toBe(409);
    const body = (await raw.json()) as { code: string; message: string; hint: string | null; details: string | null };
    expect(body.code).toBe('PT409');
    expect(body.message).toBe('That time is no longer available');
    expect(body.hint).toBeTruthy();
    // ... is what supabase-js and clients/js hand the app.
    const { error, status } = await otherApp.supabase.rpc('book_appointment', { ...args, client_key: randomUUID() });
    expect(status).toBe(409);
    expect({ code: error?.code, message: error?.message, hint: error?.hint, details: error?.details }).toEqual(body);
    const thrown = await createSlotbase(otherApp.supabase)
      .book({ serviceId: seed.gp, centreId: seed.camden, clinicianId: slot.clinician_id, startsAt: slot.starts_at, clientKey: randomUUID() })
      .catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(SlotTakenError);
    expect(thrown).toMatchObject({ status: 409, code: 'PT409', message: body.message, hint: body.hint, details: body.details });
  });

  it('reschedules in place (same id, new time)', async () => {
    const later = slots[8]!;
    const moved = await createSlotbase(patientApp.supabase).reschedule(appointmentId, later.starts_at);
    expect(moved.id).toBe(appointmentId);
    expect(Date.parse(moved.starts_at)).toBe(Date.parse(later.starts_at));
  });

  it('lists my appointments with the names of clinician, service and centre embedded', async () => {
    const { data, error } = await patientApp.supabase
      .from('appointments')
      .select('id, status, starts_at, clinicians(display_name), services(name), centres(name)')
      .order('starts_at');
    expect(error).toBeNull();
    expect(data).toEqual([expect.objectContaining({
      id: appointmentId,
      status: 'booked',
      clinicians: { display_name: 'Dr Priya Nair' },
      services: { name: 'GP consultation' },
      centres: { name: 'Northside Health Camden' },
    })]);
    // the other patient sees none of it
    const { data: others } = await otherApp.supabase.from('appointments').select('id');
    expect(others).toEqual([]);
  });

  it('cancels with a reason; cancelling again is a 409', async () => {
    const slotbase = createSlotbase(patientApp.supabase);
    const cancelled = await slotbase.cancel(appointmentId, 'patient_request');
    expect(cancelled.status).toBe('cancelled');
    const again = await slotbase.cancel(appointmentId, 'patient_request').catch((e: unknown) => e);
    expect(again).toMatchObject({ status: 409, code: 'PT409' });
  });

  it('pay() reaches create-payment through the same origin (503 payments_not_configured without a Stripe key)', async () => {
    const slotbase = createSlotbase(patientApp.supabase);
    const derm = await slotbase.searchSlots({ serviceId: seed.dermatology, centreId: seed.islington, ...window(22, 14) });
    expect(derm.length).toBeGreaterThan(0);
    const held = await slotbase.book({ serviceId: seed.dermatology, centreId: seed.islington, clinicianId: derm[0]!.clinician_id, startsAt: derm[0]!.starts_at, clientKey: randomUUID() });
    expect(held.status).toBe('pending');
    const failure = await slotbase.pay({ appointmentId: held.id, flow: 'payment_intent' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PaymentError);
    expect(failure).toMatchObject({ status: 503, code: 'payments_not_configured' });
    await slotbase.cancel(held.id, 'patient_request');
  });
});
