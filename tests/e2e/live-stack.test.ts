// Live-stack end-to-end suite (docs/testing.md "Live-stack e2e"): the patient flows
// through clients/js over supabase-js against a REAL Supabase stack - the API gateway, GoTrue,
// PostgREST and Realtime - which `npm test` does not have (it runs the database only). Runs when
// SUPABASE_URL, SUPABASE_ANON_KEY and SUPABASE_SERVICE_ROLE_KEY are set (a hosted project with
// these migrations and the seed, or `supabase start` with Docker); otherwise the suite is
// skipped (vitest counts it as skipped, never as passed) and says so once.
//
//   SUPABASE_URL=http://127.0.0.1:54321 SUPABASE_ANON_KEY=… SUPABASE_SERVICE_ROLE_KEY=… \
//     NODE_OPTIONS=--experimental-websocket npx vitest run tests/e2e      # Node 20; Node 22+ needs no flag
//
// It books against the seed clinic (Northside Health, Camden, "GP consultation" with Dr Priya
// Nair; supabase/seed.sql) unless SLOTBASE_E2E_TENANT_ID / _CENTRE_ID / _SERVICE_ID /
// _CLINICIAN_ID name another bookable service (no payment required, bookable by patients 2+ days
// ahead). It creates throwaway users (e2e-<random>@slotbase.test) and deletes them at the end;
// their patient records and the cancelled appointments stay (appointments are never deleted).
// The Storage part uploads into the seed clinic's folders of the four buckets and removes its
// files at the end.
import { randomBytes } from 'node:crypto';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../types/database.ts';
import {
  type Appointment,
  type AppointmentMessage,
  type Patient,
  type Slot,
  type Slotbase,
  SlotTakenError,
  buckets,
  createPresence,
  createSlotbase,
  storagePaths,
} from '../../clients/js/index.ts';

const url = process.env.SUPABASE_URL;
const anonKey = process.env.SUPABASE_ANON_KEY;
const serviceRoleKey = process.env.SUPABASE_SERVICE_ROLE_KEY;
const configured = Boolean(url && anonKey && serviceRoleKey);

if (!configured) {
  // printed once, when vitest collects this file
  console.warn('live-stack e2e skipped: set SUPABASE_URL, SUPABASE_ANON_KEY and SUPABASE_SERVICE_ROLE_KEY (a hosted project or `supabase start`) to run tests/e2e/live-stack.test.ts (docs/testing.md)');
}

const target = {
  tenantId: process.env.SLOTBASE_E2E_TENANT_ID ?? 'b0000000-0000-4000-8000-000000000001',
  centreId: process.env.SLOTBASE_E2E_CENTRE_ID ?? 'c0000000-0000-4000-8000-000000000001',
  serviceId: process.env.SLOTBASE_E2E_SERVICE_ID ?? '92000000-0000-4000-8000-000000000001',
  clinicianId: process.env.SLOTBASE_E2E_CLINICIAN_ID ?? 'f0000000-0000-4000-8000-000000000001',
};

const clientOptions = { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } } as const;

interface Person {
  email: string;
  password: string;
  userId: string;
  supabase: SupabaseClient<Database>;
  slotbase: Slotbase;
  patient?: Patient;
}

/** Waits for the first message that matches, or fails after timeoutMs. */
function waitFor<T>(messages: T[], match: (m: T) => boolean, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      const found = messages.find(match);
      if (found) return resolve(found);
      if (Date.now() - started > timeoutMs) return reject(new Error(`no matching realtime message within ${timeoutMs} ms (got ${JSON.stringify(messages)})`));
      setTimeout(tick, 100);
    };
    tick();
  });
}

describe.skipIf(!configured)('live stack: a patient signs in, books, is beaten to a slot, reschedules and cancels (clients/js over supabase-js)', () => {
  let admin: SupabaseClient<Database>;
  const people: Person[] = [];
  let slots: Slot[] = [];
  let appointment: Appointment;
  const received: Array<{ event: string; payload: AppointmentMessage }> = [];
  let unsubscribe: (() => Promise<void>) | null = null;

  async function person(label: string): Promise<Person> {
    const email = `e2e-${label}-${randomBytes(5).toString('hex')}@slotbase.test`;
    const password = `pw-${randomBytes(12).toString('hex')}`;
    const { data, error } = await admin.auth.admin.createUser({ email, password, email_confirm: true, user_metadata: { full_name: `E2E ${label}` } });
    if (error || !data.user) throw error ?? new Error('createUser returned no user');
    const supabase = createClient<Database>(url!, anonKey!, clientOptions);
    const p: Person = { email, password, userId: data.user.id, supabase, slotbase: createSlotbase(supabase) };
    people.push(p);
    return p;
  }

  beforeAll(() => {
    if (typeof globalThis.WebSocket === 'undefined') {
      throw new Error('live-stack e2e needs a WebSocket for Realtime: use Node 22+, or NODE_OPTIONS=--experimental-websocket on Node 20');
    }
    admin = createClient<Database>(url!, serviceRoleKey!, clientOptions);
  });

  afterAll(async () => {
    await unsubscribe?.().catch(() => {});
    for (const p of people) {
      await p.supabase.auth.signOut().catch(() => {});
      await p.supabase.removeAllChannels().catch(() => {});
      await admin.auth.admin.deleteUser(p.userId).catch(() => {});
    }
  });

  it('creates a user with the admin API and signs in with a password', async () => {
    const p = await person('patient');
    const { data, error } = await p.supabase.auth.signInWithPassword({ email: p.email, password: p.password });
    expect(error).toBeNull();
    expect(data.user?.id).toBe(p.userId);
  });

  it('registers as a patient of the seed clinic', async () => {
    const p = people[0]!;
    p.patient = await p.slotbase.registerAsPatient({ tenantId: target.tenantId, fullName: 'E2E Patient', email: p.email });
    expect(p.patient).toMatchObject({ tenant_id: target.tenantId, user_id: p.userId });
  });

  it('searches slots two to sixteen days ahead', async () => {
    const day = 86_400_000;
    slots = await people[0]!.slotbase.searchSlots({
      serviceId: target.serviceId, centreId: target.centreId, clinicianId: target.clinicianId,
      from: new Date(Date.now() + 2 * day), to: new Date(Date.now() + 16 * day),
    });
    expect(slots.length).toBeGreaterThan(1);
    expect(slots[0]).toMatchObject({ clinician_id: target.clinicianId });
  });

  it('joins its own patient topic (private channel, authorised by RLS on realtime.messages)', async () => {
    const p = people[0]!;
    const subscription = await p.slotbase.subscribeToMyAppointments(
      { tenantId: target.tenantId, patientId: p.patient!.id },
      { onEvent: (e) => received.push(e as { event: string; payload: AppointmentMessage }) },
      { timeoutMs: 15_000 },
    );
    unsubscribe = subscription.unsubscribe;
    expect(subscription.topic).toBe(`patient:${target.tenantId}:${p.patient!.id}`);
  });

  it('books the first slot, and the booking is broadcast to the patient topic', async () => {
    const slot = slots[0]!;
    appointment = await people[0]!.slotbase.book({
      serviceId: target.serviceId, clinicianId: slot.clinician_id, centreId: target.centreId, startsAt: slot.starts_at, clientKey: crypto.randomUUID(),
    });
    expect(appointment).toMatchObject({ status: 'booked', patient_id: people[0]!.patient!.id });
    expect(Date.parse(appointment.starts_at)).toBe(Date.parse(slot.starts_at));
    const created = await waitFor(received, (m) => m.event === 'appointment_created' && m.payload.appointment_id === appointment.id, 15_000);
    expect(created.payload.status).toBe('booked');
  });

  it('a competing booking of the same slot by another patient gets SlotTakenError', async () => {
    const rival = await person('rival');
    const { error } = await rival.supabase.auth.signInWithPassword({ email: rival.email, password: rival.password });
    expect(error).toBeNull();
    rival.patient = await rival.slotbase.registerAsPatient({ tenantId: target.tenantId, fullName: 'E2E Rival', email: rival.email });
    const slot = slots[0]!;
    const attempt = rival.slotbase.book({ serviceId: target.serviceId, clinicianId: slot.clinician_id, centreId: target.centreId, startsAt: slot.starts_at, clientKey: crypto.randomUUID() });
    await expect(attempt).rejects.toBeInstanceOf(SlotTakenError);
    await expect(attempt).rejects.toMatchObject({ code: 'PT409', reason: 'slot_taken', status: 409 });
  });

  it('reschedules to a later slot, and appointment_changed arrives with the previous time', async () => {
    const first = slots[0]!;
    const later = slots.find((s) => Date.parse(s.starts_at) >= Date.parse(first.ends_at) + 60 * 60_000);
    expect(later).toBeDefined();
    const moved = await people[0]!.slotbase.reschedule(appointment.id, later!.starts_at);
    expect(moved.id).toBe(appointment.id);
    expect(Date.parse(moved.starts_at)).toBe(Date.parse(later!.starts_at));
    const changed = await waitFor(received, (m) => m.event === 'appointment_changed' && m.payload.appointment_id === appointment.id
      && Date.parse(m.payload.starts_at) === Date.parse(later!.starts_at), 15_000);
    expect(Date.parse(changed.payload.previous!.starts_at)).toBe(Date.parse(first.starts_at));
  });

  it('cancels, and the cancellation is broadcast without the reason', async () => {
    const cancelled = await people[0]!.slotbase.cancel(appointment.id, 'e2e: no longer needed');
    expect(cancelled.status).toBe('cancelled');
    const message = await waitFor(received, (m) => m.event === 'appointment_changed' && m.payload.appointment_id === appointment.id && m.payload.status === 'cancelled', 15_000);
    expect(JSON.stringify(message.payload)).not.toContain('no longer needed');
  });
});

// Storage over HTTP (the Storage server in front of the storage.objects policies of
// 20261205180800; docs/storage.md): a patient's private documents, the bucket limits the server
// enforces, and a public bucket read by URL but not listed anonymously.
describe.skipIf(!configured)('live stack: files in Supabase Storage', () => {
  let admin: SupabaseClient<Database>;
  const users: string[] = [];
  const uploaded: Array<{ bucket: string; path: string }> = [];
  let patient: { supabase: SupabaseClient<Database>; patientId: string; userId: string };
  const pdf = new Blob([`%PDF-1.4\n% e2e ${randomBytes(8).toString('hex')}\n%%EOF\n`], { type: 'application/pdf' });

  async function signedInPatient(label: string) {
    const email = `e2e-${label}-${randomBytes(5).toString('hex')}@slotbase.test`;
    const password = `pw-${randomBytes(12).toString('hex')}`;
    const { data, error } = await admin.auth.admin.createUser({ email, password, email_confirm: true });
    if (error || !data.user) throw error ?? new Error('createUser returned no user');
    users.push(data.user.id);
    const supabase = createClient<Database>(url!, anonKey!, clientOptions);
    await supabase.auth.signInWithPassword({ email, password });
    const record = await createSlotbase(supabase).registerAsPatient({ tenantId: target.tenantId, fullName: `E2E ${label}`, email });
    return { supabase, patientId: record.id, userId: data.user.id };
  }

  beforeAll(async () => {
    admin = createClient<Database>(url!, serviceRoleKey!, clientOptions);
    patient = await signedInPatient('files');
  });

  afterAll(async () => {
    for (const object of uploaded) await admin.storage.from(object.bucket).remove([object.path]).catch(() => {});
    for (const id of users) await admin.auth.admin.deleteUser(id).catch(() => {});
  });

  it('a patient uploads a PDF into their own folder, lists it in patient_documents and downloads it back', async () => {
    const path = storagePaths.patientDocument(target.tenantId, patient.patientId, 'referral.pdf');
    const { error } = await patient.supabase.storage.from(buckets.patientDocuments).upload(path, pdf, { contentType: 'application/pdf' });
    expect(error).toBeNull();
    uploaded.push({ bucket: buckets.patientDocuments, path });
    const { error: rowError } = await patient.supabase.from('patient_documents')
      .insert({ tenant_id: target.tenantId, patient_id: patient.patientId, object_path: path, title: 'Referral', kind: 'referral' });
    expect(rowError).toBeNull();
    const { data, error: downloadError } = await patient.supabase.storage.from(buckets.patientDocuments).download(path);
    expect(downloadError).toBeNull();
    expect(await data!.text()).toBe(await pdf.text());
  });

  it('another patient can neither read it nor write into that folder', async () => {
    const other = await signedInPatient('other');
    const path = storagePaths.patientDocument(target.tenantId, patient.patientId, 'referral.pdf');
    const { data, error } = await other.supabase.storage.from(buckets.patientDocuments).download(path);
    expect(data).toBeNull();
    expect(error).not.toBeNull();
    const { error: uploadError } = await other.supabase.storage.from(buckets.patientDocuments)
      .upload(storagePaths.patientDocument(target.tenantId, patient.patientId, 'forged.pdf'), pdf, { contentType: 'application/pdf' });
    expect(uploadError).not.toBeNull(); // RLS: new row violates row-level security policy
    const { error: traversalError } = await other.supabase.storage.from(buckets.patientDocuments)
      .upload(`${target.tenantId}/${other.patientId}/../${patient.patientId}/x.pdf`, pdf, { contentType: 'application/pdf' });
    expect(traversalError).not.toBeNull();
  });

  it('the bucket refuses a type it does not accept (allowed_mime_types, checked by the Storage server)', async () => {
    const { error } = await patient.supabase.storage.from(buckets.patientDocuments)
      .upload(storagePaths.patientDocument(target.tenantId, patient.patientId, 'page.html'), new Blob(['<p>hi</p>'], { type: 'text/html' }), { contentType: 'text/html' });
    expect(error).not.toBeNull();
  });

  it('the uploader removes their file through the API (the server is allowed to delete rows)', async () => {
    const path = storagePaths.patientDocument(target.tenantId, patient.patientId, 'referral.pdf');
    await patient.supabase.from('patient_documents').delete().eq('object_path', path);
    const { data, error } = await patient.supabase.storage.from(buckets.patientDocuments).remove([path]);
    expect(error).toBeNull();
    expect(data).toHaveLength(1);
  });

  it('a public bucket serves a photo by URL to anyone, but anonymous visitors cannot list it', async () => {
    const path = storagePaths.clinicianPhoto(target.tenantId, target.clinicianId, `e2e-${randomBytes(4).toString('hex')}.png`);
    const png = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'));
    const { error } = await admin.storage.from(buckets.clinicianPhotos).upload(path, new Blob([png], { type: 'image/png' }), { contentType: 'image/png' });
    expect(error).toBeNull();
    uploaded.push({ bucket: buckets.clinicianPhotos, path });
    const visitor = createClient<Database>(url!, anonKey!, clientOptions);
    const response = await fetch(createPresence(visitor).publicUrl(buckets.clinicianPhotos, path));
    expect(response.status).toBe(200);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(png);
    const { data: listed } = await visitor.storage.from(buckets.clinicianPhotos).list(`${target.tenantId}/${target.clinicianId}`);
    expect(listed ?? []).toEqual([]);
  });
});
