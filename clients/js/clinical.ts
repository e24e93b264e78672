// createClinical(supabase): the clinical record around the appointment (docs/clinical.md) - visit
// notes (draft, signed, amended, shared with the patient), medical history, prescriptions and
// their printable summary, clinical attachments in Storage, the logistics notes of an
// appointment, and the FHIR R4 export. Each wrapper makes one supabase-js call (an upload two:
// the file, then its row) and throws a typed error (./errors.ts) instead of returning
// `{ data, error }`. Who may do what is decided by the database (row-level security); a call the
// caller may not make fails with ForbiddenError or NotFoundError, or reads nothing.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../types/database.ts';
import { fromPostgrestError } from './errors.ts';

type PublicSchema = Database['public'];
type Tables = PublicSchema['Tables'];

export type VisitNote = Tables['medical_notes']['Row'];
export type NoteAmendment = Tables['medical_note_amendments']['Row'];
export type MedicalHistoryEntry = Tables['medical_history_entries']['Row'];
export type Prescription = Tables['prescriptions']['Row'];
export type PrescriptionItem = Tables['prescription_items']['Row'];
export type ClinicalAttachment = Tables['clinical_attachments']['Row'];
export type AppointmentNote = Tables['appointment_notes']['Row'];
export type VisitNoteWithAmendments = VisitNote & { medical_note_amendments: NoteAmendment[] };
export type PrescriptionWithItems = Prescription & { prescription_items: PrescriptionItem[] };

export interface VisitNoteDraft {
  tenantId: string;
  patientId: string;
  appointmentId?: string;
  subjective?: string;
  objective?: string;
  assessment?: string;
  plan?: string;
  body?: string;
  isRestricted?: boolean;
}

export interface HistoryEntryInput {
  tenantId: string;
  patientId: string;
  kind: Database['public']['Enums']['medical_history_kind'];
  name: string;
  code?: { code: string; system: Database['public']['Enums']['clinical_code_system'] };
  reaction?: string;
  severity?: Database['public']['Enums']['allergy_severity'];
  dosage?: string;
  onsetDate?: string;
  endDate?: string;
  clinicalStatus?: Database['public']['Enums']['medical_history_status'];
  /** clinicians only; a patient's report is always unconfirmed */
  verificationStatus?: Database['public']['Enums']['verification_status'];
  note?: string;
}

export interface PrescriptionItemInput {
  medicine: string;
  strength?: string;
  dose: string;
  route?: string;
  frequency: string;
  duration?: string;
  quantity?: string;
  instructions?: string;
}

export interface PrescriptionSummary {
  prescription_id: string;
  status: Database['public']['Enums']['prescription_status'];
  issued_at: string;
  /** the date of issue in the clinic's time zone */
  issued_on: string;
  clinic: { name: string; centre: string | null; address: string | null };
  prescriber: { name: string | null; qualifications: string[] };
  patient: { name: string; date_of_birth: string | null };
  items: Array<PrescriptionItemInput & { position: number; line: string }>;
  note: string | null;
  /** the whole prescription as lines of text, ready to print */
  text: string;
}

/** A FHIR R4 Bundle (type collection); resources as the FHIR R4 JSON format defines them. */
export interface FhirBundle {
  resourceType: 'Bundle';
  type: 'collection';
  timestamp: string;
  entry: Array<{ fullUrl: string; resource: { resourceType: string; id: string; [key: string]: unknown } }>;
}

/** Where a clinical attachment's file lives: patient-documents, <tenant_id>/<patient_id>/clinical/<file>. */
export function clinicalAttachmentPath(tenantId: string, patientId: string, file: string): string {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  for (const id of [tenantId, patientId]) if (!uuid.test(id)) throw new TypeError(`not a lower-case uuid: ${id}`);
  if (!/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/.test(file)) {
    throw new TypeError(`file names are 1-200 letters, digits, '.', '_' or '-', not starting with '.': ${file}`);
  }
  return `${tenantId}/${patientId}/clinical/${file}`;
}

type Result<T> = PromiseLike<{ data: T; error: { code?: string; message?: string; hint?: string | null; details?: string | null } | null; status: number }>;

async function run<T>(query: Result<T>): Promise<NonNullable<T>> {
  const { data, error, status } = await query;
  if (error) throw fromPostgrestError(error, status);
  return data as NonNullable<T>;
}

/** The author of a note is set by the database (the caller), so a client never sends it. */
type NoteInsert = Omit<Tables['medical_notes']['Insert'], 'author_member_id'>;

export function createClinical(supabase: SupabaseClient<Database>) {
  return {
    // ---- visit notes -------------------------------------------------------------------------
    /** A clinician writes a draft note of a visit (or outside one) as themself. */
    writeVisitNote(draft: VisitNoteDraft): Promise<VisitNote> {
      const row: NoteInsert = {
        tenant_id: draft.tenantId, patient_id: draft.patientId, appointment_id: draft.appointmentId,
        subjective: draft.subjective, objective: draft.objective, assessment: draft.assessment, plan: draft.plan,
        body: draft.body ?? '', is_restricted: draft.isRestricted ?? false,
      };
      return run(supabase.from('medical_notes').insert(row as Tables['medical_notes']['Insert']).select().single());
    },

    /** The author edits their draft (ConflictError status_conflict once signed). */
    editVisitNote(tenantId: string, noteId: string, changes: Pick<Partial<VisitNote>, 'subjective' | 'objective' | 'assessment' | 'plan' | 'body' | 'is_restricted'>): Promise<VisitNote> {
      return run(supabase.from('medical_notes').update(changes).eq('tenant_id', tenantId).eq('id', noteId).select().single());
    },

    /** The author signs the note: it is final from now on (corrections are amendments). */
    signVisitNote(tenantId: string, noteId: string): Promise<VisitNote> {
      return run(supabase.from('medical_notes').update({ status: 'signed' }).eq('tenant_id', tenantId).eq('id', noteId).select().single());
    },

    /** The author shares a signed, unrestricted note with the patient (or stops sharing it). */
    shareVisitNoteWithPatient(tenantId: string, noteId: string, shared = true): Promise<VisitNote> {
      return run(supabase.from('medical_notes').update({ is_shared_with_patient: shared }).eq('tenant_id', tenantId).eq('id', noteId).select().single());
    },

    /** A clinician who reads a signed note adds an amendment as themself. */
    amendVisitNote(tenantId: string, noteId: string, body: string): Promise<NoteAmendment> {
      return run(supabase.from('medical_note_amendments').insert({ tenant_id: tenantId, note_id: noteId, body }).select().single());
    },

    /** The notes of a visit the caller may read, each with its amendments in order. */
    visitNotes(tenantId: string, appointmentId: string): Promise<VisitNoteWithAmendments[]> {
      return run(supabase.from('medical_notes').select('*, medical_note_amendments(*)')
        .eq('tenant_id', tenantId).eq('appointment_id', appointmentId)
        .order('created_at').order('created_at', { referencedTable: 'medical_note_amendments' })) as Promise<VisitNoteWithAmendments[]>;
    },

    // ---- medical history ---------------------------------------------------------------------
    /** A patient's allergies, conditions and medications the caller may read, by kind. */
    medicalHistory(tenantId: string, patientId: string): Promise<MedicalHistoryEntry[]> {
      return run(supabase.from('medical_history_entries').select('*').eq('tenant_id', tenantId).eq('patient_id', patientId)
        .order('kind').order('created_at'));
    },

    /** A clinician records an entry; a patient reports one about themself (always unconfirmed). */
    recordHistoryEntry(entry: HistoryEntryInput): Promise<MedicalHistoryEntry> {
      return run(supabase.from('medical_history_entries').insert({
        tenant_id: entry.tenantId, patient_id: entry.patientId, kind: entry.kind, name: entry.name,
        code: entry.code?.code, code_system: entry.code?.system, reaction: entry.reaction, severity: entry.severity,
        dosage: entry.dosage, onset_date: entry.onsetDate, end_date: entry.endDate, clinical_status: entry.clinicalStatus,
        verification_status: entry.verificationStatus, note: entry.note,
      }).select().single());
    },

    /** A clinician confirms, refutes or marks an entry entered in error (stamped as verifier). */
    verifyHistoryEntry(tenantId: string, entryId: string, verification: Database['public']['Enums']['verification_status']): Promise<MedicalHistoryEntry> {
      return run(supabase.from('medical_history_entries').update({ verification_status: verification })
        .eq('tenant_id', tenantId).eq('id', entryId).select().single());
    },

    // ---- prescriptions -----------------------------------------------------------------------
    /**
     * A clinician issues a prescription (at a visit, optionally) with its items, as themself: the
     * prescription, then its items in one request. If the items are refused the prescription is
     * cancelled again, so no empty prescription stays active.
     */
    async issuePrescription(args: { tenantId: string; patientId: string; appointmentId?: string; note?: string; items: PrescriptionItemInput[] }): Promise<PrescriptionWithItems> {
      if (args.items.length === 0 || args.items.length > 50) throw new TypeError('a prescription has 1 to 50 items');
      const prescription = await run(supabase.from('prescriptions').insert({
        tenant_id: args.tenantId, patient_id: args.patientId, appointment_id: args.appointmentId, note: args.note,
      }).select().single());
      try {
        const items = await run(supabase.from('prescription_items').insert(args.items.map((item, index) => ({
          tenant_id: args.tenantId, prescription_id: prescription.id, position: index + 1, ...item,
        }))).select());
        return { ...prescription, prescription_items: items };
      } catch (error) {
        await supabase.from('prescriptions').update({ status: 'cancelled' }).eq('tenant_id', args.tenantId).eq('id', prescription.id);
        throw error;
      }
    },

    /** The prescriber completes or cancels an active prescription (ConflictError status_conflict after). */
    setPrescriptionStatus(tenantId: string, prescriptionId: string, status: 'completed' | 'cancelled'): Promise<Prescription> {
      return run(supabase.from('prescriptions').update({ status }).eq('tenant_id', tenantId).eq('id', prescriptionId).select().single());
    },

    /** A patient's prescriptions the caller may read, newest first, with their items. */
    prescriptions(tenantId: string, patientId: string): Promise<PrescriptionWithItems[]> {
      return run(supabase.from('prescriptions').select('*, prescription_items(*)').eq('tenant_id', tenantId).eq('patient_id', patientId)
        .order('issued_at', { ascending: false }).order('position', { referencedTable: 'prescription_items' })) as Promise<PrescriptionWithItems[]>;
    },

    /** Everything a printed prescription shows (GET; NotFoundError when the caller may not read it). */
    async prescriptionSummary(tenantId: string, prescriptionId: string): Promise<PrescriptionSummary> {
      return (await run(supabase.rpc('prescription_summary', { tenant_id: tenantId, prescription_id: prescriptionId }, { get: true }))) as unknown as PrescriptionSummary;
    },

    // ---- clinical attachments ----------------------------------------------------------------
    /**
     * A clinician uploads a lab report or scan into the patient's clinical folder of
     * patient-documents and lists it (linked to a note, optionally). The file first, then its row.
     */
    async uploadAttachment(args: {
      tenantId: string; patientId: string; file: Blob | ArrayBuffer; fileName: string; title: string; contentType: string;
      kind?: Database['public']['Enums']['clinical_attachment_kind']; noteId?: string; shareWithPatient?: boolean;
    }): Promise<ClinicalAttachment> {
      const path = clinicalAttachmentPath(args.tenantId, args.patientId, args.fileName);
      const { error } = await supabase.storage.from('patient-documents').upload(path, args.file, { contentType: args.contentType });
      if (error) throw error;
      return run(supabase.from('clinical_attachments').insert({
        tenant_id: args.tenantId, patient_id: args.patientId, note_id: args.noteId, object_path: path, title: args.title,
        kind: args.kind, content_type: args.contentType, is_shared_with_patient: args.shareWithPatient ?? false,
      }).select().single());
    },

    /** The attachments of a patient the caller may read (clinicians in care; the patient: shared ones). */
    attachments(tenantId: string, patientId: string): Promise<ClinicalAttachment[]> {
      return run(supabase.from('clinical_attachments').select('*').eq('tenant_id', tenantId).eq('patient_id', patientId).order('created_at'));
    },

    /** A short-lived download URL of an attachment's file (the Storage server checks the same rules). */
    async attachmentUrl(attachment: Pick<ClinicalAttachment, 'object_path'>, expiresInSeconds = 300): Promise<string> {
      const { data, error } = await supabase.storage.from('patient-documents').createSignedUrl(attachment.object_path, expiresInSeconds);
      if (error) throw error;
      return data.signedUrl;
    },

    // ---- appointment notes (logistics) -------------------------------------------------------
    /** The patient's note on their appointment, or the front desk's: written or replaced (upsert). */
    setAppointmentNote(tenantId: string, appointmentId: string, kind: Database['public']['Enums']['appointment_note_kind'], body: string): Promise<AppointmentNote> {
      return run(supabase.from('appointment_notes').upsert({ tenant_id: tenantId, appointment_id: appointmentId, kind, body })
        .select().single());
    },

    /** The logistics notes of an appointment the caller may read (the patient: their own only). */
    appointmentNotes(tenantId: string, appointmentId: string): Promise<AppointmentNote[]> {
      return run(supabase.from('appointment_notes').select('*').eq('tenant_id', tenantId).eq('appointment_id', appointmentId).order('kind'));
    },

    // ---- FHIR --------------------------------------------------------------------------------
    /** The patient's record as a FHIR R4 Bundle, as far as the caller may read it (GET). */
    async fhirBundle(tenantId: string, patientId: string): Promise<FhirBundle> {
      return (await run(supabase.rpc('fhir_patient_bundle', { tenant_id: tenantId, patient_id: patientId }, { get: true }))) as unknown as FhirBundle;
    },
  };
}

export type Clinical = ReturnType<typeof createClinical>;
