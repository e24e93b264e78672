// A clinic of its own for the concurrency tests, written directly as postgres (no RPC checks):
// one tenant (Europe/London) with one centre, eight clinicians working 07:00-21:00 every day, two
// rooms of type `room`, twelve patients, and three services of 30 minutes bookable from now to
// 100 days ahead on a 5-minute grid: `free` (booked at once), `paid` (a pending hold until paid)
// and `room` (needs a room). remove() deletes everything it made.
import { randomUUID } from 'node:crypto';
import type { Sql } from './race.ts';

export interface RaceClinic {
  tenantId: string;
  centreId: string;
  clinicians: string[];
  patients: string[];
  rooms: string[];
  services: { free: string; paid: string; room: string };
  /** 'HH:MI' local (Europe/London) `days` days from today, as an instant */
  slot(days: number, localTime: string): Promise<Date>;
  remove(): Promise<void>;
}

export async function createRaceClinic(admin: Sql, name: string): Promise<RaceClinic> {
  const tenantId = randomUUID();
  const centreId = randomUUID();
  const clinicians = Array.from({ length: 8 }, () => randomUUID());
  const patients = Array.from({ length: 12 }, () => randomUUID());
  const rooms = [randomUUID(), randomUUID()];
  const services = { free: randomUUID(), paid: randomUUID(), room: randomUUID() };

  await admin.begin(async (tx) => {
    await tx`insert into public.tenants (id, name, slug, timezone, currency, locale)
             values (${tenantId}, ${name}, ${`race-${tenantId.slice(0, 8)}`}, 'Europe/London', 'GBP', 'en-GB')`;
    await tx`insert into public.centres (tenant_id, id, name, slug, timezone, is_active, is_published)
             values (${tenantId}, ${centreId}, 'Race Street', 'race-street', 'Europe/London', true, true)`;
    for (const [label, id, price, paid, resource] of [
      ['Free check', services.free, 10, false, null],
      ['Paid check', services.paid, 20, true, null],
      ['Room check', services.room, 30, false, 'room'],
    ] as const) {
      await tx`insert into public.services (tenant_id, id, name, duration_minutes, min_booking_notice, max_booking_horizon,
                                            slot_alignment_minutes, price, currency, payment_required, required_resource_type,
                                            is_public, is_active)
               values (${tenantId}, ${id}, ${label}, 30, '0', '100 days', 5, ${price}, 'GBP', ${paid}, ${resource}, true, true)`;
    }
    for (const [i, room] of rooms.entries()) {
      await tx`insert into public.resources (tenant_id, id, centre_id, kind, resource_type, name)
               values (${tenantId}, ${room}, ${centreId}, 'room', 'room', ${`Room ${'AB'[i]}`})`;
    }
    for (const [i, clinician] of clinicians.entries()) {
      await tx`insert into public.clinicians (tenant_id, id, display_name, is_public, is_active)
               values (${tenantId}, ${clinician}, ${`Dr Race ${i}`}, true, true)`;
      await tx`insert into public.clinician_centres (tenant_id, clinician_id, centre_id) values (${tenantId}, ${clinician}, ${centreId})`;
      for (const service of Object.values(services)) {
        await tx`insert into public.clinician_services (tenant_id, clinician_id, service_id) values (${tenantId}, ${clinician}, ${service})`;
      }
      await tx`insert into public.availability_rules (tenant_id, clinician_id, centre_id, timezone, local_start, local_end, rrule, valid_from)
               values (${tenantId}, ${clinician}, ${centreId}, 'Europe/London', '07:00', '21:00', 'FREQ=DAILY', current_date - 1)`;
    }
    for (const [i, patient] of patients.entries()) {
      await tx`insert into public.patients (tenant_id, id, full_name) values (${tenantId}, ${patient}, ${`Racer ${i}`})`;
    }
  });

  return {
    tenantId,
    centreId,
    clinicians,
    patients,
    rooms,
    services,
    async slot(days, localTime) {
      const [row] = await admin<{ at: Date }[]>`
        select (((now() at time zone 'Europe/London')::date + ${days}::int) + ${localTime}::time) at time zone 'Europe/London' as at`;
      return row!.at;
    },
    async remove() {
      await admin.begin(async (tx) => {
        await tx`delete from public.waitlist_offers where tenant_id = ${tenantId}`;
        await tx`delete from public.waitlist_entries where tenant_id = ${tenantId}`;
        await tx`delete from public.notifications where tenant_id = ${tenantId}`;
        await tx`delete from public.appointments where tenant_id = ${tenantId}`;
        await tx`update public.appointment_series set split_from_id = null where tenant_id = ${tenantId}`;
        await tx`delete from public.appointment_series where tenant_id = ${tenantId}`;
        await tx`delete from public.availability_rules where tenant_id = ${tenantId}`;
        await tx`delete from public.clinician_services where tenant_id = ${tenantId}`;
        await tx`delete from public.resources where tenant_id = ${tenantId}`;
        await tx`delete from public.services where tenant_id = ${tenantId}`;
        await tx`delete from public.patients where tenant_id = ${tenantId}`;
        await tx`delete from public.clinician_centres where tenant_id = ${tenantId}`;
        await tx`delete from public.clinicians where tenant_id = ${tenantId}`;
        await tx`delete from public.centres where tenant_id = ${tenantId}`;
        await tx`delete from public.tenants where id = ${tenantId}`;
      });
    },
  };
}
