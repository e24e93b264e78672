// createSlotbase(supabase): thin, typed wrappers over supabase-js for the patient and staff flows
// (docs/clients.md). Every wrapper makes exactly one supabase-js call (one HTTP request, or one
// channel) and throws a typed error (./errors.ts) instead of returning `{ data, error }`.
import {
  FunctionsFetchError,
  FunctionsHttpError,
  FunctionsRelayError,
  type RealtimeChannel,
  type Session,
  type SupabaseClient,
  type User,
} from '@supabase/supabase-js';
import type { Database } from '../../types/database.ts';
import {
  ForbiddenError,
  PaymentError,
  SlotbaseError,
  errorClassFor,
  fromAuthError,
  fromPostgrestError,
  reasonOf,
} from './errors.ts';
import {
  type AppointmentEvent,
  type AppointmentLeftMessage,
  type AppointmentMessage,
  type AvailabilityMessage,
  type CatalogueTable,
  catalogueTables,
  topics,
} from './topics.ts';

type PublicSchema = Database['public'];
export type Appointment = PublicSchema['Tables']['appointments']['Row'];
export type Patient = PublicSchema['Tables']['patients']['Row'];
export type Slot = PublicSchema['Functions']['search_slots']['Returns'][number];
export type PaymentFlow = 'payment_intent' | 'checkout';

export type PaymentProvider = 'stripe' | 'razorpay';

/**
 * What the app opens Razorpay Checkout with (`new Razorpay({ key: key_id, order_id, amount,
 * currency, name, description, prefill, notes, timeout, handler })` on the web, the same options
 * in the Android / iOS / Flutter SDKs); its handler's result goes to confirmRazorpayPayment.
 */
export interface RazorpayCheckoutOptions {
  key_id: string;
  order_id: string;
  /** in the currency's smallest unit (paise) */
  amount: number;
  currency: string;
  /** the clinic */
  name: string;
  description: string;
  prefill: { name?: string; email?: string; contact?: string };
  notes: Record<string, string>;
  /** seconds until the hold ends: Checkout stops taking the payment then */
  timeout: number;
}

/** What create-payment answers (its contract, docs/payments.md). */
export interface PaymentStart {
  payment_id: string;
  /** the clinic's provider: which SDK to open */
  provider: PaymentProvider;
  flow: PaymentFlow;
  amount: number;
  /** the amount in the currency's smallest unit, as the provider charges it */
  amount_minor: number;
  currency: string;
  /** Stripe, payment_intent flow: for Stripe PaymentSheet / Elements */
  client_secret?: string | null;
  /** Razorpay, payment_intent flow: open Razorpay Checkout with these */
  razorpay?: RazorpayCheckoutOptions;
  /** checkout flow: redirect the browser here (Stripe Checkout, or a Razorpay Payment Link) */
  checkout_url?: string | null;
  hold_expires_at: string;
}

/** What Razorpay Checkout's success handler returned, for the payment create-payment opened. */
export interface ConfirmRazorpayArgs {
  paymentId: string;
  razorpay_order_id: string;
  razorpay_payment_id: string;
  razorpay_signature: string;
}

/** What verify-razorpay-payment answers. */
export interface RazorpayConfirmation {
  payment_id: string;
  outcome: string;
  /** succeeded (booked), processing (authorised, captured shortly), requires_payment (the attempt failed: retry) */
  payment_status: string;
  appointment_status: Appointment['status'];
}

/** A time: a Date, or an ISO 8601 string with an offset (sent unchanged). */
export type Instant = Date | string;

const iso = (t: Instant): string => (t instanceof Date ? t.toISOString() : t);

export type OtpTarget = { phone: string } | { email: string };

export interface SearchSlotsArgs {
  serviceId: string;
  centreId: string;
  /** slots that START in [from, to), at most 31 days of the centre's calendar */
  from: Instant;
  to: Instant;
  /** one clinician; leave out for any clinician (fair assignment) */
  clinicianId?: string | null;
  /** the next page: only slots starting after this instant (the last `starts_at` of a full page) */
  after?: Instant | null;
  /**
   * any clinician: this searcher's draw of the clinicians' order. Default: one random number per
   * client, so concurrent app sessions are offered different free clinicians for the same time.
   */
  seed?: number | null;
}

/** The most slots one search returns (PostgREST's max_rows): a full page may have more after it. */
export const slotPageSize = 1000;

export interface BookArgs {
  serviceId: string;
  clinicianId: string;
  centreId: string;
  /** staff booking for a patient; leave out when patients book for themselves */
  patientId?: string | null;
  /** a `starts_at` from searchSlots, unchanged */
  startsAt: Instant;
  /**
   * Idempotency key: create ONE per booking attempt (e.g. when the user picks the slot) and
   * reuse it only to retry that attempt; a retry returns the first appointment. Default: a new
   * random key, so a retry of a call without one may book twice.
   */
  clientKey?: string;
}

export interface PayArgs {
  appointmentId: string;
  flow: PaymentFlow;
  /** checkout only (required there): https, or http://localhost / 127.0.0.1 */
  successUrl?: string;
  cancelUrl?: string;
}

export type ChannelStatus = 'SUBSCRIBED' | 'TIMED_OUT' | 'CLOSED' | 'CHANNEL_ERROR';

export interface AppointmentHandlers {
  onCreated?(payload: AppointmentMessage): void;
  onChanged?(payload: AppointmentMessage): void;
  onDeleted?(payload: AppointmentMessage): void;
  /** the appointment moved off this topic (other centre, clinician or patient): drop it */
  onLeft?(payload: AppointmentLeftMessage): void;
  /** every message, after the specific handler */
  onEvent?(event: AppointmentEvent): void;
  /** channel status after the first join (reconnects: refetch on SUBSCRIBED) */
  onStatus?(status: ChannelStatus, error?: Error): void;
}

export interface AvailabilityHandlers {
  onAvailabilityChanged(payload: AvailabilityMessage): void;
  onStatus?(status: ChannelStatus, error?: Error): void;
}

export interface CatalogueChange {
  table: CatalogueTable;
  eventType: 'INSERT' | 'UPDATE' | 'DELETE';
  /** the row as the subscriber may read it (INSERT/UPDATE); {} on DELETE */
  new: Record<string, unknown>;
  /** DELETE: the primary key only ({tenant_id, id} or the pair's ids); UPDATE: usually {} */
  old: Record<string, unknown>;
  commit_timestamp: string;
}

export interface CatalogueHandlers {
  onChange(change: CatalogueChange): void;
  onStatus?(status: ChannelStatus, error?: Error): void;
}

export interface Subscription {
  topic: string;
  channel: RealtimeChannel;
  /** leave the channel (removeChannel) */
  unsubscribe(): Promise<void>;
}

export interface SubscribeOptions {
  /** how long to wait for the join (ms, default 10,000) */
  timeoutMs?: number;
}

export interface RegisterPatientArgs {
  tenantId: string;
  fullName: string;
  phone?: string | null;
  email?: string | null;
  dateOfBirth?: string | null;
}

type FunctionName = keyof PublicSchema['Functions'] & string;
type UntypedRpc = (name: string, args: unknown) => PromiseLike<{ data: unknown; error: { code?: string; message?: string; hint?: string | null; details?: string | null } | null; status: number }>;

export function createSlotbase(supabase: SupabaseClient<Database>) {
  // supabase.rpc's generic signature does not accept a generic function name; the wrappers below
  // pass arguments typed by Database['public']['Functions'] instead.
  const callRpc = supabase.rpc.bind(supabase) as unknown as UntypedRpc;
  // this client's draw in "any clinician" searches (docs/slot-search.md#any-clinician-fair-assignment)
  const searcherSeed = Math.floor(Math.random() * 2 ** 31);

  /** One RPC (POST /rest/v1/rpc/<name>); PostgREST errors become typed errors. */
  async function rpc<Name extends FunctionName>(
    name: Name,
    args: PublicSchema['Functions'][Name]['Args'],
  ): Promise<PublicSchema['Functions'][Name]['Returns']> {
    const { data, error, status } = await callRpc(name, args);
    if (error) throw fromPostgrestError(error, status);
    return data as PublicSchema['Functions'][Name]['Returns'];
  }

  /** Join a private channel after handing Realtime the user's token; resolves once joined. */
  async function join(
    topic: string,
    configure: (channel: RealtimeChannel) => RealtimeChannel,
    onStatus: ((status: ChannelStatus, error?: Error) => void) | undefined,
    options: SubscribeOptions | undefined,
    channelConfig: Record<string, unknown> = { private: true },
  ): Promise<Subscription> {
    await supabase.realtime.setAuth();
    const channel = configure(supabase.channel(topic, { config: channelConfig }));
    const timeoutMs = options?.timeoutMs ?? 10_000;
    const unsubscribe = async () => {
      await supabase.removeChannel(channel);
    };
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      channel.subscribe((status: `${ChannelStatus}` | string, err?: Error) => {
        const s = status as ChannelStatus;
        if (!settled) {
          if (s === 'SUBSCRIBED') {
            settled = true;
            resolve();
          } else if (s === 'CHANNEL_ERROR') {
            settled = true;
            void unsubscribe();
            reject(new ForbiddenError({
              code: 'realtime_join_refused',
              message: `Not allowed to receive ${topic}.`,
              hint: 'Sign in as someone who may see this topic (docs/realtime.md), with lowercase ids.',
              status: 403,
              cause: err,
            }));
          } else if (s === 'TIMED_OUT' || s === 'CLOSED') {
            settled = true;
            void unsubscribe();
            reject(new SlotbaseError({ code: 'realtime_timeout', message: `Could not join ${topic} (${s}).`, hint: 'Check the connection and try again.', cause: err }));
          }
        }
        onStatus?.(s, err);
      }, timeoutMs);
    });
    return { topic, channel, unsubscribe };
  }

  function appointmentChannel(handlers: AppointmentHandlers) {
    return (channel: RealtimeChannel) =>
      channel.on('broadcast', { event: '*' }, (message: { event: string; payload: unknown }) => {
        const event = { event: message.event, payload: message.payload } as AppointmentEvent;
        switch (event.event) {
          case 'appointment_created': handlers.onCreated?.(event.payload); break;
          case 'appointment_changed': handlers.onChanged?.(event.payload); break;
          case 'appointment_deleted': handlers.onDeleted?.(event.payload); break;
          case 'appointment_left': handlers.onLeft?.(event.payload); break;
          default: return; // unknown events are ignored (forward compatible)
        }
        handlers.onEvent?.(event);
      });
  }

  return {
    supabase,

    /** Sends a one-time code by SMS (`{ phone: '+447700900001' }`) or e-mail (`{ email }`). */
    async signInWithOtp(target: OtpTarget, options: { shouldCreateUser?: boolean; emailRedirectTo?: string } = {}): Promise<void> {
      const { error } = 'phone' in target
        ? await supabase.auth.signInWithOtp({ phone: target.phone, options: { shouldCreateUser: options.shouldCreateUser ?? true } })
        : await supabase.auth.signInWithOtp({
          email: target.email,
          options: { shouldCreateUser: options.shouldCreateUser ?? true, ...(options.emailRedirectTo ? { emailRedirectTo: options.emailRedirectTo } : {}) },
        });
      if (error) throw fromAuthError(error);
    },

    /** Verifies the code (type 'sms' for a phone, 'email' for an e-mail) and signs in. */
    async verifyOtp(args: OtpTarget & { token: string }): Promise<{ session: Session; user: User }> {
      const { data, error } = 'phone' in args
        ? await supabase.auth.verifyOtp({ phone: args.phone, token: args.token, type: 'sms' })
        : await supabase.auth.verifyOtp({ email: args.email, token: args.token, type: 'email' });
      if (error) throw fromAuthError(error);
      if (!data.session || !data.user) {
        throw new SlotbaseError({ code: 'no_session', message: 'The code was accepted but no session was returned.', status: 200 });
      }
      await supabase.realtime.setAuth(data.session.access_token);
      return { session: data.session, user: data.user };
    },

    /** The signed-in user registers themself as a patient of a clinic (once per clinic). */
    async registerAsPatient(args: RegisterPatientArgs): Promise<Patient> {
      const { data: { session } } = await supabase.auth.getSession(); // local: no request
      if (!session) throw new ForbiddenError({ code: 'not_signed_in', message: 'Sign in first.', hint: 'Sign in with a one-time code, then register.', status: 401 });
      const { data, error, status } = await supabase
        .from('patients')
        .insert({
          tenant_id: args.tenantId,
          user_id: session.user.id,
          full_name: args.fullName,
          phone: args.phone ?? null,
          email: args.email ?? null,
          date_of_birth: args.dateOfBirth ?? null,
        })
        .select()
        .single();
      if (error) throw fromPostgrestError(error, status);
      return data;
    },

    /**
     * "I have been to this clinic before": links the caller's existing record of the clinic (one
     * with history is not linked by signing in alone) by a verified phone or e-mail and the date of
     * birth (YYYY-MM-DD). Null when no single record matches: say so and offer the front desk.
     * RateLimitedError after 5 attempts a day (docs/auth.md#claiming-a-record).
     */
    async claimPatientRecord(args: { tenantId: string; dateOfBirth: string }): Promise<Patient | null> {
      const rows = await rpc('claim_patient_record', { tenant_id: args.tenantId, date_of_birth: args.dateOfBirth });
      return (rows as Patient[])[0] ?? null;
    },

    /** Staff: links a patient record to the account that verified its phone or e-mail, after checking the patient's identity. */
    async linkPatientAccount(patientId: string): Promise<Patient> {
      return rpc('link_patient_account', { patient_id: patientId }) as Promise<Patient>;
    },

    /**
     * Bookable start times (public.search_slots); anon may call it for listed services. One page of
     * at most `slotPageSize` slots: pass `after` for the next one, or use searchAllSlots.
     */
    async searchSlots(args: SearchSlotsArgs): Promise<Slot[]> {
      return rpc('search_slots', {
        service_id: args.serviceId,
        centre_id: args.centreId,
        window_start: iso(args.from),
        window_end: iso(args.to),
        ...(args.clinicianId ? { clinician_id: args.clinicianId } : { seed: args.seed ?? searcherSeed }),
        ...(args.after ? { after: iso(args.after) } : {}),
      });
    },

    /** Every slot of the window: searchSlots page after page (a 31-day window on a fine grid has several). */
    async searchAllSlots(args: Omit<SearchSlotsArgs, 'after'>): Promise<Slot[]> {
      const slots: Slot[] = [];
      let after: string | null = null;
      for (;;) {
        const page: Slot[] = await this.searchSlots({ ...args, after });
        slots.push(...page);
        if (page.length < slotPageSize) return slots;
        after = page[page.length - 1]!.starts_at;
      }
    },

    /** Books a slot (public.book_appointment); `pending` when the service needs payment (then call pay). */
    async book(args: BookArgs): Promise<Appointment> {
      return rpc('book_appointment', {
        service_id: args.serviceId,
        clinician_id: args.clinicianId,
        centre_id: args.centreId,
        starts_at: iso(args.startsAt),
        client_key: args.clientKey ?? globalThis.crypto.randomUUID(),
        ...(args.patientId ? { patient_id: args.patientId } : {}),
      });
    },

    /** Moves an appointment in place (public.reschedule_appointment). */
    async reschedule(id: string, startsAt: Instant): Promise<Appointment> {
      return rpc('reschedule_appointment', { id, starts_at: iso(startsAt) });
    },

    /** Cancels (public.cancel_appointment); the reason is required. */
    async cancel(id: string, reason: string): Promise<Appointment> {
      return rpc('cancel_appointment', { id, reason });
    },

    /**
     * Starts paying for a pending appointment (Edge Function create-payment). The amount comes
     * from the database, never from the client. payment_intent → `client_secret` for Stripe
     * PaymentSheet / Elements; checkout → `checkout_url` to redirect to.
     */
    async pay(args: PayArgs): Promise<PaymentStart> {
      const body: Record<string, string> = { appointment_id: args.appointmentId, flow: args.flow };
      if (args.successUrl) body.success_url = args.successUrl;
      if (args.cancelUrl) body.cancel_url = args.cancelUrl;
      const { data, error } = await supabase.functions.invoke<PaymentStart>('create-payment', { body });
      if (!error) {
        if (!data || typeof data !== 'object') throw new PaymentError({ code: 'bad_response', message: 'create-payment answered without a payment.', status: 200 });
        return data;
      }
      throw await fromFunctionsError(error, 'create-payment');
    },

    /**
     * Confirms a Razorpay Checkout payment at once (Edge Function verify-razorpay-payment): pass
     * what Checkout's success handler returned. The server checks the signature against the order
     * it stored and asks Razorpay; a forged result is a ValidationError (`invalid_signature`).
     * Without this call the webhook confirms the booking a little later.
     */
    async confirmRazorpayPayment(args: ConfirmRazorpayArgs): Promise<RazorpayConfirmation> {
      const body = {
        payment_id: args.paymentId,
        razorpay_order_id: args.razorpay_order_id,
        razorpay_payment_id: args.razorpay_payment_id,
        razorpay_signature: args.razorpay_signature,
      };
      const { data, error } = await supabase.functions.invoke<RazorpayConfirmation>('verify-razorpay-payment', { body });
      if (!error) {
        if (!data || typeof data !== 'object') throw new PaymentError({ code: 'bad_response', message: 'verify-razorpay-payment answered without a result.', status: 200 });
        return data;
      }
      throw await fromFunctionsError(error, 'verify-razorpay-payment');
    },

    /** Every appointment of a centre (staff). */
    subscribeToSchedule(args: { tenantId: string; centreId: string }, handlers: AppointmentHandlers, options?: SubscribeOptions): Promise<Subscription> {
      return join(topics.schedule(args.tenantId, args.centreId), appointmentChannel(handlers), handlers.onStatus, options);
    },

    /** One clinician's appointments (staff, the clinician). */
    subscribeToClinicianSchedule(args: { tenantId: string; clinicianId: string }, handlers: AppointmentHandlers, options?: SubscribeOptions): Promise<Subscription> {
      return join(topics.clinician(args.tenantId, args.clinicianId), appointmentChannel(handlers), handlers.onStatus, options);
    },

    /** The signed-in patient's own appointments at one clinic (their patient record's id). */
    subscribeToMyAppointments(args: { tenantId: string; patientId: string }, handlers: AppointmentHandlers, options?: SubscribeOptions): Promise<Subscription> {
      return join(topics.patient(args.tenantId, args.patientId), appointmentChannel(handlers), handlers.onStatus, options);
    },

    /** "Slots at this centre may have changed": run searchSlots again. */
    subscribeToAvailability(args: { tenantId: string; centreId: string }, handlers: AvailabilityHandlers, options?: SubscribeOptions): Promise<Subscription> {
      return join(
        topics.availability(args.tenantId, args.centreId),
        (channel) => channel.on('broadcast', { event: 'availability_changed' }, (message: { payload: unknown }) => {
          handlers.onAvailabilityChanged(message.payload as AvailabilityMessage);
        }),
        handlers.onStatus,
        options,
      );
    },

    /**
     * Catalogue changes of one clinic (Postgres Changes on centres, services, clinicians,
     * clinician_services, clinician_centres; filtered by tenant_id). Each row reaches you only if
     * you may select it; a row that becomes invisible to you (unlisted) sends you nothing, so
     * refetch after reconnecting.
     */
    subscribeToCatalogue(args: { tenantId: string; tables?: readonly CatalogueTable[] }, handlers: CatalogueHandlers, options?: SubscribeOptions): Promise<Subscription> {
      const tenantId = args.tenantId.toLowerCase();
      const tables = args.tables ?? catalogueTables;
      return join(
        `catalogue:${tenantId}`,
        (channel) => {
          let c = channel;
          for (const table of tables) {
            c = c.on('postgres_changes', { event: '*', schema: 'public', table, filter: `tenant_id=eq.${tenantId}` },
              (change: { table: string; eventType: 'INSERT' | 'UPDATE' | 'DELETE'; new: Record<string, unknown>; old: Record<string, unknown>; commit_timestamp: string }) => {
                handlers.onChange({ table: change.table as CatalogueTable, eventType: change.eventType, new: change.new, old: change.old, commit_timestamp: change.commit_timestamp });
              });
          }
          return c;
        },
        handlers.onStatus,
        options,
        {}, // a postgres_changes channel: authorised per row by RLS, not by realtime.messages
      );
    },
  };
}

export type Slotbase = ReturnType<typeof createSlotbase>;

/** A payment function's `{ code, message, hint, details? }` (or a transport failure) as a typed error. */
async function fromFunctionsError(error: unknown, name: string): Promise<SlotbaseError> {
  if (error instanceof FunctionsHttpError || error instanceof FunctionsRelayError) {
    const response = error.context as Response;
    const status = response.status;
    let body: { code?: unknown; message?: unknown; hint?: unknown; details?: unknown } = {};
    try {
      body = (await response.clone().json()) as typeof body;
    } catch {
      // not JSON (a gateway page): keep the status
    }
    const code = typeof body.code === 'string' && body.code ? body.code : `http_${status}`;
    const message = typeof body.message === 'string' && body.message ? body.message : `${name} failed (HTTP ${status}).`;
    const hint = typeof body.hint === 'string' ? body.hint : null;
    const details = typeof body.details === 'string' ? body.details : null;
    const Class = status >= 500 || error instanceof FunctionsRelayError ? PaymentError : errorClassFor(code, status, reasonOf(details));
    const retryAfter = Number(response.headers.get('retry-after'));
    const retryAfterSeconds = Number.isInteger(retryAfter) && retryAfter > 0 ? retryAfter : null;
    return new Class({ code, message, hint, details, status, retryAfterSeconds, cause: error });
  }
  if (error instanceof FunctionsFetchError) {
    return new PaymentError({ code: 'network_error', message: 'Could not reach the payment service.', hint: 'Check the connection and try again.', status: 0, cause: error });
  }
  return new PaymentError({ code: 'unknown', message: error instanceof Error ? error.message : String(error), cause: error });
}
