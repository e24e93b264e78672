-- Who the caller is, asked in one place (private.request_role / is_server_role) by the FHIR
-- export and PostgREST's pre-request function too, instead of their own reading of current_user
-- or of the JWT's role claim.

create or replace function public.fhir_patient_bundle(tenant_id uuid, patient_id uuid)
returns jsonb
language plpgsql
stable
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * A patient's record as a FHIR R4 Bundle (type collection): Patient, Appointment, Encounter,
 * Condition, AllergyIntolerance, MedicationStatement, MedicationRequest and DocumentReference
 * resources. Security invoker: each resource comes through the caller's own policies, so the
 * patient receives what they may read and a clinician what their care relationship allows.
 *
 * Parameters: tenant_id, patient_id  the patient record.
 * Returns: the Bundle as jsonb (timestamps in UTC with an offset, dates as YYYY-MM-DD).
 * Errors: PT404 when the patient does not exist or the caller may not read them; PT403 when the
 *         caller reads the patient but is neither the patient nor a clinician with them in care
 *         (or an open break-glass access) - front office and managers export nothing clinical.
 * Example: select public.fhir_patient_bundle(tenant_id => '…', patient_id => '…');
 *          supabase.rpc('fhir_patient_bundle', { tenant_id, patient_id })
 */
declare
  p_tenant_id constant uuid := fhir_patient_bundle.tenant_id;
  p_patient_id constant uuid := fhir_patient_bundle.patient_id;
  v_bundle jsonb;
begin
  if not exists (select 1 from public.patients as p where p.tenant_id = p_tenant_id and p.id = p_patient_id) then
    raise exception using
      errcode = 'PT404',
      message = 'patient not found',
      hint = 'Check the patient id; you see only patients you may read.';
  end if;
  -- server-side callers (service_role, the SQL editor) run as themselves, not as an API user
  if not private.is_server_role() then
    if not ((p_tenant_id, p_patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k)
            or (p_tenant_id, p_patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_in_clinical_care() as k)) then
      raise exception using
        errcode = 'PT403',
        message = 'only the patient and their clinicians export the record',
        hint = 'Ask a clinician who cares for the patient, or the patient themself, to export it.';
    end if;
  end if;

  with patient as (
    select p.* from public.patients as p where p.tenant_id = p_tenant_id and p.id = p_patient_id
  ),
  appts as (
    select a.*, s.name::text as service_name, s.mode as service_mode, c.display_name::text as clinician_name,
           pg_catalog.md5('Encounter/' || a.id::text)::uuid as encounter_id
    from public.appointments as a
    left join public.services as s on s.tenant_id = a.tenant_id and s.id = a.service_id
    left join public.clinicians as c on c.tenant_id = a.tenant_id and c.id = a.clinician_id
    where a.tenant_id = p_tenant_id and a.patient_id = p_patient_id
  ),
  history as (
    select h.* from public.medical_history_entries as h where h.tenant_id = p_tenant_id and h.patient_id = p_patient_id
  ),
  items as (
    select i.*, rx.status as rx_status, rx.issued_at, rx.appointment_id as rx_appointment_id, rx.note as rx_note,
           private.clinician_name_of_member(rx.tenant_id, rx.prescriber_member_id) as prescriber_name,
           pg_catalog.md5('MedicationRequest/' || i.prescription_id::text || '/' || i.position::text)::uuid as request_id
    from public.prescriptions as rx
    join public.prescription_items as i on i.tenant_id = rx.tenant_id and i.prescription_id = rx.id
    where rx.tenant_id = p_tenant_id and rx.patient_id = p_patient_id
  ),
  notes as (
    select n.*, private.clinician_name_of_member(n.tenant_id, n.author_member_id) as author_name,
           (select pg_catalog.array_agg('Amendment ' || pg_catalog.to_char(am.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"') || ': ' || am.body
                                        order by am.created_at)
            from public.medical_note_amendments as am where am.tenant_id = n.tenant_id and am.note_id = n.id) as amendments
    from public.medical_notes as n where n.tenant_id = p_tenant_id and n.patient_id = p_patient_id
  ),
  attachments as (
    select ca.* from public.clinical_attachments as ca where ca.tenant_id = p_tenant_id and ca.patient_id = p_patient_id
  ),
  resources(sort_key, id, resource) as (
    select 1, p.id, pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'resourceType', 'Patient',
      'id', p.id,
      'active', true,
      'name', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object('text', p.full_name)),
      'telecom', nullif(pg_catalog.jsonb_path_query_array(pg_catalog.jsonb_build_array(
          case when p.phone is not null then pg_catalog.jsonb_build_object('system', 'phone', 'value', p.phone, 'use', 'mobile') end,
          case when p.email is not null then pg_catalog.jsonb_build_object('system', 'email', 'value', p.email) end),
        '$[*] ? (@ != null)'), '[]'::jsonb),
      'gender', case p.gender when 'female' then 'female' when 'male' then 'male' when 'non_binary' then 'other'
                              when 'other' then 'other' when 'undisclosed' then 'unknown' end,
      'birthDate', p.date_of_birth,
      'communication', case when p.preferred_language is not null then pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
        'language', pg_catalog.jsonb_build_object('coding', pg_catalog.jsonb_build_array(
          pg_catalog.jsonb_build_object('system', 'urn:ietf:bcp:47', 'code', p.preferred_language))),
        'preferred', true)) end))
    from patient as p
    union all
    select 2, a.id, pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'resourceType', 'Appointment',
      'id', a.id,
      'status', pg_catalog.replace(a.status::text, '_', '-'),
      'cancelationReason', case when a.status in ('cancelled', 'noshow') and a.cancellation_reason is not null
                                then pg_catalog.jsonb_build_object('text', a.cancellation_reason) end,
      'serviceType', case when a.service_name is not null then pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object('text', a.service_name)) end,
      'start', a.starts_at,
      'end', a.ends_at,
      'minutesDuration', (extract(epoch from a.ends_at - a.starts_at) / 60)::integer,
      'created', a.created_at,
      'participant', pg_catalog.jsonb_path_query_array(pg_catalog.jsonb_build_array(
          pg_catalog.jsonb_build_object('actor', private.fhir_reference(a.patient_id), 'status', 'accepted'),
          case when a.clinician_name is not null then pg_catalog.jsonb_build_object(
            'actor', pg_catalog.jsonb_build_object('display', a.clinician_name), 'status', 'accepted') end),
        '$[*] ? (@ != null)')))
    from appts as a
    union all
    select 3, a.encounter_id, pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'resourceType', 'Encounter',
      'id', a.encounter_id,
      'status', case when a.status = 'fulfilled' then 'finished' else 'arrived' end,
      'class', case when a.service_mode = 'video'
                    then pg_catalog.jsonb_build_object('system', 'http://terminology.hl7.org/CodeSystem/v3-ActCode', 'code', 'VR', 'display', 'virtual')
                    else pg_catalog.jsonb_build_object('system', 'http://terminology.hl7.org/CodeSystem/v3-ActCode', 'code', 'AMB', 'display', 'ambulatory') end,
      'serviceType', case when a.service_name is not null then pg_catalog.jsonb_build_object('text', a.service_name) end,
      'subject', private.fhir_reference(a.patient_id),
      'participant', case when a.clinician_name is not null then pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
        'individual', pg_catalog.jsonb_build_object('display', a.clinician_name))) end,
      'appointment', pg_catalog.jsonb_build_array(private.fhir_reference(a.id)),
      'period', pg_catalog.jsonb_build_object('start', a.starts_at, 'end', case when a.status = 'fulfilled' then a.ends_at end)))
    from appts as a
    where a.status in ('arrived', 'checked_in', 'fulfilled')
    union all
    select 4, h.id, pg_catalog.jsonb_strip_nulls(case h.kind
      when 'condition' then pg_catalog.jsonb_build_object(
        'resourceType', 'Condition',
        'id', h.id,
        'clinicalStatus', case when h.verification_status <> 'entered_in_error'
                               then private.fhir_concept('http://terminology.hl7.org/CodeSystem/condition-clinical', h.clinical_status::text) end,
        'verificationStatus', private.fhir_concept('http://terminology.hl7.org/CodeSystem/condition-ver-status',
                                                   pg_catalog.replace(h.verification_status::text, '_', '-')),
        'code', private.fhir_code(h.name, h.code, h.code_system),
        'subject', private.fhir_reference(h.patient_id),
        'onsetDateTime', h.onset_date,
        'abatementDateTime', case when h.clinical_status <> 'active' then h.end_date end,
        'recordedDate', h.created_at,
        'note', case when h.note is not null then pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object('text', h.note)) end)
      when 'allergy' then pg_catalog.jsonb_build_object(
        'resourceType', 'AllergyIntolerance',
        'id', h.id,
        'clinicalStatus', case when h.verification_status <> 'entered_in_error'
                               then private.fhir_concept('http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', h.clinical_status::text) end,
        'verificationStatus', private.fhir_concept('http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
                                                   pg_catalog.replace(h.verification_status::text, '_', '-')),
        'code', private.fhir_code(h.name, h.code, h.code_system),
        'patient', private.fhir_reference(h.patient_id),
        'onsetDateTime', h.onset_date,
        'recordedDate', h.created_at,
        'note', case when h.note is not null then pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object('text', h.note)) end,
        'reaction', case when h.reaction is not null or h.severity is not null then pg_catalog.jsonb_build_array(pg_catalog.jsonb_strip_nulls(
          pg_catalog.jsonb_build_object(
            'manifestation', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object('text', coalesce(h.reaction, 'Not described'))),
            'severity', h.severity))) end)
      else pg_catalog.jsonb_build_object(
        'resourceType', 'MedicationStatement',
        'id', h.id,
        'status', case when h.verification_status = 'entered_in_error' then 'entered-in-error'
                       else case h.clinical_status when 'active' then 'active' when 'inactive' then 'stopped' else 'completed' end end,
        'medicationCodeableConcept', private.fhir_code(h.name, h.code, h.code_system),
        'subject', private.fhir_reference(h.patient_id),
        'effectivePeriod', case when h.onset_date is not null or h.end_date is not null
                                then pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('start', h.onset_date, 'end', h.end_date)) end,
        'dateAsserted', h.created_at,
        'dosage', case when h.dosage is not null then pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object('text', h.dosage)) end,
        'note', case when h.note is not null then pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object('text', h.note)) end)
      end)
    from history as h
    union all
    select 5, i.request_id, pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'resourceType', 'MedicationRequest',
      'id', i.request_id,
      'status', i.rx_status,
      'intent', 'order',
      'groupIdentifier', pg_catalog.jsonb_build_object('value', i.prescription_id),
      'medicationCodeableConcept', pg_catalog.jsonb_build_object('text', pg_catalog.concat_ws(' ', i.medicine, i.strength)),
      'subject', private.fhir_reference(p_patient_id),
      'encounter', case when i.rx_appointment_id is not null
                        then (select private.fhir_reference(a.encounter_id) from appts as a
                              where a.id = i.rx_appointment_id and a.status in ('arrived', 'checked_in', 'fulfilled')) end,
      'authoredOn', i.issued_at,
      'requester', case when i.prescriber_name is not null then pg_catalog.jsonb_build_object('display', i.prescriber_name) end,
      'dosageInstruction', pg_catalog.jsonb_build_array(pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
        'sequence', 1,
        'text', pg_catalog.concat_ws(', ', pg_catalog.concat_ws(' ', i.dose, i.route), i.frequency,
                                     case when i.duration is not null then 'for ' || i.duration end),
        'patientInstruction', i.instructions,
        'route', case when i.route is not null then pg_catalog.jsonb_build_object('text', i.route) end))),
      'note', case when i.quantity is not null or i.rx_note is not null then pg_catalog.jsonb_path_query_array(pg_catalog.jsonb_build_array(
          case when i.quantity is not null then pg_catalog.jsonb_build_object('text', 'Quantity to dispense: ' || i.quantity) end,
          case when i.rx_note is not null then pg_catalog.jsonb_build_object('text', i.rx_note) end),
        '$[*] ? (@ != null)') end))
    from items as i
    union all
    select 6, n.id, pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'resourceType', 'DocumentReference',
      'id', n.id,
      'status', 'current',
      'docStatus', case when n.status = 'draft' then 'preliminary' when n.amendments is not null then 'amended' else 'final' end,
      'type', pg_catalog.jsonb_build_object('coding', pg_catalog.jsonb_build_array(
                pg_catalog.jsonb_build_object('system', 'http://loinc.org', 'code', '11506-3', 'display', 'Progress note')),
              'text', 'Visit note'),
      'subject', private.fhir_reference(n.patient_id),
      'date', coalesce(n.signed_at, n.created_at),
      'author', case when n.author_name is not null then pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object('display', n.author_name)) end,
      'content', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object('attachment', pg_catalog.jsonb_build_object(
        'contentType', 'text/plain; charset=utf-8',
        'title', 'Visit note',
        'creation', n.created_at,
        'data', pg_catalog.translate(pg_catalog.encode(pg_catalog.convert_to(pg_catalog.array_to_string(
          array[case when pg_catalog.btrim(coalesce(n.subjective, '')) <> '' then 'Subjective: ' || n.subjective end,
                case when pg_catalog.btrim(coalesce(n.objective, '')) <> '' then 'Objective: ' || n.objective end,
                case when pg_catalog.btrim(coalesce(n.assessment, '')) <> '' then 'Assessment: ' || n.assessment end,
                case when pg_catalog.btrim(coalesce(n.plan, '')) <> '' then 'Plan: ' || n.plan end,
                nullif(pg_catalog.btrim(n.body), '')] || coalesce(n.amendments, '{}'),
          pg_catalog.chr(10) || pg_catalog.chr(10)), 'UTF8'), 'base64'), pg_catalog.chr(10), '')))),
      'context', case when n.appointment_id is not null then
        (select pg_catalog.jsonb_build_object('encounter', pg_catalog.jsonb_build_array(private.fhir_reference(a.encounter_id)))
         from appts as a where a.id = n.appointment_id and a.status in ('arrived', 'checked_in', 'fulfilled')) end))
    from notes as n
    union all
    select 7, ca.id, pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'resourceType', 'DocumentReference',
      'id', ca.id,
      'status', 'current',
      'type', pg_catalog.jsonb_build_object('text', pg_catalog.replace(ca.kind::text, '_', ' ')),
      'subject', private.fhir_reference(ca.patient_id),
      'date', ca.created_at,
      'description', ca.title,
      'relatesTo', case when ca.note_id is not null and exists (select 1 from notes as n where n.id = ca.note_id)
                        then pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object('code', 'appends', 'target', private.fhir_reference(ca.note_id))) end,
      'content', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object('attachment', pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
        'contentType', ca.content_type,
        'url', 'storage/v1/object/authenticated/patient-documents/' || ca.object_path,
        'title', ca.title,
        'creation', ca.created_at))))))
    from attachments as ca
  )
  select pg_catalog.jsonb_build_object(
    'resourceType', 'Bundle',
    'type', 'collection',
    'timestamp', pg_catalog.now(),
    'entry', coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('fullUrl', 'urn:uuid:' || r.id::text, 'resource', r.resource)
                                           order by r.sort_key, r.resource ->> 'id'), '[]'::jsonb))
  into v_bundle
  from resources as r;
  return v_bundle;
end
$$;
comment on function public.fhir_patient_bundle(uuid, uuid) is
  'FHIR R4 export: the patient''s record as a Bundle (collection) of Patient, Appointment, Encounter, Condition, AllergyIntolerance, MedicationStatement, MedicationRequest and DocumentReference, through the caller''s own policies. For the patient themself, clinicians with them in care (or break-glass) and server-side callers; PT404/PT403 otherwise.';
revoke execute on function public.fhir_patient_bundle(uuid, uuid) from public, anon, authenticated, service_role;
grant execute on function public.fhir_patient_bundle(uuid, uuid) to authenticated, service_role;

create or replace function private.check_request()
returns void
language plpgsql
volatile
security definer
set search_path = ''
set timezone to 'UTC'
as $$
/**
 * PostgREST's pre-request function (pgrst.db_pre_request): refuses a request with HTTP 429,
 * reason rate_limited, Retry-After: 1 when its signed-in user (or, anonymous, its client IP)
 * already has as many requests running as private.request_concurrency_limits allows, for every
 * request ('any') or for its path (e.g. /rpc/search_slots). service_role requests, anonymous
 * requests without a known client IP, and everything while the limits are switched off pass.
 * Writes nothing, so it works in read-only transactions and on read replicas.
 * security definer: reads the private limits; API roles execute it (PostgREST calls it as the
 * request's role).
 */
declare
  v_uid uuid;
  v_subject text;
  v_path text;
  v_limit record;
  v_cap integer;
begin
  -- PostgREST has set the request's role (from the JWT) before it calls this function
  if private.is_server_role() or not coalesce((select s.enabled from private.rate_limit_settings as s), false) then
    return;
  end if;
  v_uid := (select auth.uid());
  v_subject := case when v_uid is not null then 'user:' || v_uid::text else 'ip:' || private.request_client_ip() end;
  if v_subject is null then
    return;
  end if;
  v_path := '/' || pg_catalog.ltrim(coalesce(pg_catalog.current_setting('request.path', true), ''), '/');
  for v_limit in
    select c.request, c.per_user, c.per_ip
    from private.request_concurrency_limits as c
    where c.request in ('any', v_path)
    order by c.request
  loop
    v_cap := case when v_uid is not null then v_limit.per_user else v_limit.per_ip end;
    continue when v_cap is null;
    if not private.take_request_slot(v_limit.request, v_subject, v_cap) then
      perform private.raise_rate_limited('too many requests at once', 'Wait for your other requests to finish.', interval '1 second');
    end if;
  end loop;
end
$$;
comment on function private.check_request() is
  'PostgREST pre-request function: 429 rate_limited (Retry-After: 1) when the caller (user, or anonymous client IP) already runs as many requests as private.request_concurrency_limits allows; writes nothing.';
revoke execute on function private.check_request() from public, anon, authenticated, service_role;
grant execute on function private.check_request() to anon, authenticated, service_role;
