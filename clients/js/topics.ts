// Realtime topic names and message shapes (docs/realtime.md). Every id is a lowercase uuid, as
// Postgres prints it; anything else cannot be joined.
import type { Database } from '../../types/database.ts';

type AppointmentStatus = Database['public']['Enums']['appointment_status'];

const lower = (id: string): string => id.toLowerCase();

export const topics = {
  /** every appointment of a centre (staff of the tenant) */
  schedule: (tenantId: string, centreId: string) => `schedule:${lower(tenantId)}:${lower(centreId)}`,
  /** one clinician's appointments (staff of the tenant, the clinician included) */
  clinician: (tenantId: string, clinicianId: string) => `clinician:${lower(tenantId)}:${lower(clinicianId)}`,
  /** one patient's appointments (the patient's user, staff of the tenant) */
  patient: (tenantId: string, patientId: string) => `patient:${lower(tenantId)}:${lower(patientId)}`,
  /** "slots at this centre may have changed" (staff and patients of the tenant) */
  availability: (tenantId: string, centreId: string) => `availability:${lower(tenantId)}:${lower(centreId)}`,
} as const;

/** Payload of appointment_created / appointment_changed / appointment_deleted. */
export interface AppointmentMessage {
  id: string;
  appointment_id: string;
  tenant_id: string;
  operation: 'INSERT' | 'UPDATE' | 'DELETE';
  status: AppointmentStatus;
  starts_at: string;
  ends_at: string;
  clinician_id: string;
  centre_id: string;
  service_id: string;
  patient_id: string;
  /** on appointment_changed: the values before the change (never the previous patient) */
  previous: {
    status: AppointmentStatus;
    starts_at: string;
    ends_at: string;
    clinician_id: string;
    centre_id: string;
  } | null;
}

/** Payload of appointment_left: the appointment moved off this topic; drop it from the view. */
export interface AppointmentLeftMessage {
  id: string;
  appointment_id: string;
  tenant_id: string;
  operation: 'UPDATE';
}

export type AppointmentEvent =
  | { event: 'appointment_created'; payload: AppointmentMessage }
  | { event: 'appointment_changed'; payload: AppointmentMessage }
  | { event: 'appointment_deleted'; payload: AppointmentMessage }
  | { event: 'appointment_left'; payload: AppointmentLeftMessage };

/** Payload of availability_changed: only a hint to run search_slots again. */
export interface AvailabilityMessage {
  id: string;
  tenant_id: string;
  centre_id: string;
  source: 'availability_rules' | 'availability_overrides' | 'time_off' | 'holidays';
  operation: 'INSERT' | 'UPDATE' | 'DELETE';
}

/** Tables published for Postgres Changes (20261121202000). */
export const catalogueTables = ['centres', 'services', 'clinicians', 'clinician_services', 'clinician_centres'] as const;
export type CatalogueTable = (typeof catalogueTables)[number];
