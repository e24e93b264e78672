// Staff and server-side work through the Data API: a front desk booking for a patient, the staff
// views Studio and the apps read, staff RPCs, analytics, and what service_role does; each as
// supabase-js sends it through the gateway to real PostgREST.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError, createSlotbase } from '../../clients/js/index.ts';
import { anon, apiMissing, as, closeAuthConnection, seed, serviceRole, window } from './api.ts';

// Days 4-11 ahead at Camden are this file's (upcoming_appointments shows the next 14 days).
const bookingWindow = window(4, 7);

describe.skipIf(apiMissing)('staff and service_role through the Data API', () => {
  let frontDesk: Awaited<ReturnType<typeof as>>;
  let owner: Awaited<ReturnType<typeof as>>;
  let otherOwner: Awaited<ReturnType<typeof as>>;
  let appointmentId = '';

  beforeAll(async () => {
    [frontDesk, owner, otherOwner] = await Promise.all([as(seed.leo), as(seed.amira), as(seed.rosa)]);
  });
  afterAll(closeAuthConnection);

  it('the front desk books for a patient (patient_id) and the appointment is the patient\'s', async () => {
    const slotbase = createSlotbase(frontDesk.supabase);
    const slots = await slotbase.searchSlots({ serviceId: seed.gp, centreId: seed.camden, clinicianId: seed.priya, ...bookingWindow });
    const booked = await slotbase.book({
      serviceId: seed.gp, centreId: seed.camden, clinicianId: seed.priya, startsAt: slots[5]!.starts_at, patientId: seed.kwamePatient, clientKey: randomUUID(),
    });
    expect(booked).toMatchObject({ status: 'booked', patient_id: seed.kwamePatient, booked_via: 'staff' });
    appointmentId = booked.id;
  });

  it('staff views (security invoker) show it with names to the clinic\'s staff, not to another clinic', async () => {
    const { data, error } = await frontDesk.supabase.from('upcoming_appointments').select('*').eq('appointment_id', appointmentId);
    expect(error).toBeNull();
    expect(data).toEqual([expect.objectContaining({ appointment_id: appointmentId, clinician_name: 'Dr Priya Nair', centre_name: 'Northside Health Camden' })]);
    const { data: fromOwner } = await owner.supabase.from('upcoming_appointments').select('appointment_id').eq('appointment_id', appointmentId);
    expect(fromOwner).toHaveLength(1);
    const { data: fromOtherClinic, error: otherError } = await otherOwner.supabase.from('upcoming_appointments').select('appointment_id').eq('appointment_id', appointmentId);
    expect(otherError).toBeNull();
    expect(fromOtherClinic).toEqual([]);
    const today = await frontDesk.supabase.from('todays_schedule').select('*');
    expect(today.error).toBeNull();
    const due = await owner.supabase.from('payments_due').select('*');
    expect(due.error).toBeNull();
  });

  it('analytics for the owner over the window count the booking; a front desk gets 403 (PT403)', async () => {
    const args = { tenant_id: seed.northside, from_date: bookingWindow.from.slice(0, 10), to_date: bookingWindow.to.slice(0, 10) };
    const { data, error } = await owner.supabase.rpc('appointments_by_status_and_period', args);
    expect(error).toBeNull();
    const booked = (data ?? []).filter((r) => r.status === 'booked').reduce((n, r) => n + r.appointments, 0);
    expect(booked).toBeGreaterThanOrEqual(1);
    const utilisation = await owner.supabase.rpc('utilisation', args);
    expect(utilisation.error).toBeNull();
    expect(utilisation.data?.map((r) => r.clinician_id)).toContain(seed.priya);
    const refused = await frontDesk.supabase.rpc('appointments_by_status_and_period', args);
    expect(refused.status).toBe(403);
    expect(refused.error?.code).toBe('PT403');
  });

  it('the front desk cancels for the patient with a reason', async () => {
    const cancelled = await createSlotbase(frontDesk.supabase).cancel(appointmentId, 'clinic_request');
    expect(cancelled.status).toBe('cancelled');
    const { data: history } = await owner.supabase.from('appointment_status_history').select('to_status').eq('appointment_id', appointmentId).order('at');
    expect(history?.map((h) => h.to_status)).toEqual(['booked', 'cancelled']);
  });

  it('a signed-in user opens a clinic with create_tenant and becomes its owner', async () => {
    const slug = `api-clinic-${randomUUID().slice(0, 8)}`;
    const { data: created, error } = await otherOwner.supabase.rpc('create_tenant', { name: 'Api Clinic', slug, timezone: 'Asia/Kolkata', currency: 'INR', locale: 'en-IN' });
    expect(error).toBeNull();
    const { data: tenant } = await otherOwner.supabase.from('tenants').select('slug, timezone').eq('id', created!.id).single();
    expect(tenant).toEqual({ slug, timezone: 'Asia/Kolkata' });
    const { data: roles } = await otherOwner.supabase.from('member_roles').select('role').eq('tenant_id', created!.id);
    expect(roles).toEqual([{ role: 'owner' }]);
  });

  it('service_role reads across clinics and writes what RLS would refuse a user; anon is refused writes', async () => {
    const admin = serviceRole();
    const { data: tenants, error } = await admin.from('tenants').select('id');
    expect(error).toBeNull();
    expect(tenants?.map((t) => t.id)).toEqual(expect.arrayContaining([seed.northside, seed.harbor]));
    const { data: patient, error: insertError } = await admin.from('patients')
      .insert({ tenant_id: seed.harbor, full_name: 'Service Role Patient', phone: '+15555550199' }).select('id, tenant_id').single();
    expect(insertError).toBeNull();
    expect(patient?.tenant_id).toBe(seed.harbor);
    const { error: deleteError, count } = await admin.from('patients').delete({ count: 'exact' }).eq('id', patient!.id);
    expect(deleteError).toBeNull();
    expect(count).toBe(1);
    const refused = await anon().from('patients').insert({ tenant_id: seed.harbor, full_name: 'Anon' });
    expect(refused.status).toBe(401);
    expect(refused.error?.code).toBe('42501');
  });

  it('clients/js maps a refused staff action to ForbiddenError with the database\'s hint', async () => {
    const patientApp = await as(seed.sam);
    const slots = await createSlotbase(anon()).searchSlots({ serviceId: seed.gp, centreId: seed.camden, clinicianId: seed.priya, ...bookingWindow });
    const refusal = await createSlotbase(patientApp.supabase)
      .book({ serviceId: seed.gp, centreId: seed.camden, clinicianId: seed.priya, startsAt: slots[9]!.starts_at, patientId: seed.kwamePatient, clientKey: randomUUID() })
      .catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ForbiddenError);
    expect(refusal).toMatchObject({ status: 403, code: 'PT403' });
    expect((refusal as ForbiddenError).hint).toBeTruthy();
  });
});
