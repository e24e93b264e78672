export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[];

export type Database = {
  public: {
    Tables: {
      appointment_resources: {
        Row: {
          active: boolean;
          appointment_id: string;
          created_at: string;
          occupied: unknown;
          resource_id: string;
          tenant_id: string;
        };
        ComputedFields: never;
        Insert: {
          active: boolean;
          appointment_id: string;
          created_at?: string;
          occupied: unknown;
          resource_id: string;
          tenant_id: string;
        };
        Update: {
          active?: boolean;
          appointment_id?: string;
          created_at?: string;
          occupied?: unknown;
          resource_id?: string;
          tenant_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "appointment_resources_tenant_id_appointment_id_fkey";
            columns: ["tenant_id", "appointment_id"];
            isOneToOne: false;
            referencedRelation: "appointments";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "appointment_resources_tenant_id_appointment_id_fkey";
            columns: ["tenant_id", "appointment_id"];
            isOneToOne: false;
            referencedRelation: "payments_due";
            referencedColumns: ["tenant_id", "appointment_id"];
          },
          {
            foreignKeyName: "appointment_resources_tenant_id_appointment_id_fkey";
            columns: ["tenant_id", "appointment_id"];
            isOneToOne: false;
            referencedRelation: "todays_schedule";
            referencedColumns: ["tenant_id", "appointment_id"];
          },
          {
            foreignKeyName: "appointment_resources_tenant_id_appointment_id_fkey";
            columns: ["tenant_id", "appointment_id"];
            isOneToOne: false;
            referencedRelation: "upcoming_appointments";
            referencedColumns: ["tenant_id", "appointment_id"];
          },
          {
            foreignKeyName: "appointment_resources_tenant_id_resource_id_fkey";
            columns: ["tenant_id", "resource_id"];
            isOneToOne: false;
            referencedRelation: "resources";
            referencedColumns: ["tenant_id", "id"];
          },
        ];
      };
      appointment_series: {
        Row: {
          centre_id: string;
          client_key: string | null;
          clinician_id: string;
          created_at: string;
          created_by: string | null;
          first_starts_at: string;
          id: string;
          local_start: string;
          patient_id: string;
          rrule: string;
          service_id: string;
          skipped_occurrences: NonNullable<Json>;
          split_from_id: string | null;
          tenant_id: string;
          timezone: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          centre_id: string;
          client_key?: string | null;
          clinician_id: string;
          created_at?: string;
          created_by?: string | null;
          first_starts_at: string;
          id?: string;
          local_start: string;
          patient_id: string;
          rrule: string;
          service_id: string;
          skipped_occurrences?: NonNullable<Json>;
          split_from_id?: string | null;
          tenant_id: string;
          timezone: string;
          updated_at?: string;
        };
        Update: {
          centre_id?: string;
          client_key?: string | null;
          clinician_id?: string;
          created_at?: string;
          created_by?: string | null;
          first_starts_at?: string;
          id?: string;
          local_start?: string;
          patient_id?: string;
          rrule?: string;
          service_id?: string;
          skipped_occurrences?: NonNullable<Json>;
          split_from_id?: string | null;
          tenant_id?: string;
          timezone?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "appointment_series_tenant_id_centre_id_fkey";
            columns: ["tenant_id", "centre_id"];
            isOneToOne: false;
            referencedRelation: "centres";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "appointment_series_tenant_id_clinician_id_fkey";
            columns: ["tenant_id", "clinician_id"];
            isOneToOne: false;
            referencedRelation: "clinicians";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "appointment_series_tenant_id_patient_id_fkey";
            columns: ["tenant_id", "patient_id"];
            isOneToOne: false;
            referencedRelation: "patients";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "appointment_series_tenant_id_service_id_fkey";
            columns: ["tenant_id", "service_id"];
            isOneToOne: false;
            referencedRelation: "services";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "appointment_series_tenant_id_split_from_id_fkey";
            columns: ["tenant_id", "split_from_id"];
            isOneToOne: false;
            referencedRelation: "appointment_series";
            referencedColumns: ["tenant_id", "id"];
          },
        ];
      };
      appointment_status_history: {
        Row: {
          actor_role: string;
          actor_user_id: string | null;
          appointment_id: string;
          at: string;
          ends_at_after: string;
          ends_at_before: string | null;
          from_status: Database["public"]["Enums"]["appointment_status"] | null;
          id: string;
          reason: string | null;
          starts_at_after: string;
          starts_at_before: string | null;
          tenant_id: string;
          to_status: Database["public"]["Enums"]["appointment_status"];
        };
        ComputedFields: never;
        Insert: {
          actor_role: string;
          actor_user_id?: string | null;
          appointment_id: string;
          at?: string;
          ends_at_after: string;
          ends_at_before?: string | null;
          from_status?: Database["public"]["Enums"]["appointment_status"] | null;
          id?: string;
          reason?: string | null;
          starts_at_after: string;
          starts_at_before?: string | null;
          tenant_id: string;
          to_status: Database["public"]["Enums"]["appointment_status"];
        };
        Update: {
          actor_role?: string;
          actor_user_id?: string | null;
          appointment_id?: string;
          at?: string;
          ends_at_after?: string;
          ends_at_before?: string | null;
          from_status?: Database["public"]["Enums"]["appointment_status"] | null;
          id?: string;
          reason?: string | null;
          starts_at_after?: string;
          starts_at_before?: string | null;
          tenant_id?: string;
          to_status?: Database["public"]["Enums"]["appointment_status"];
        };
        Relationships: [
          {
            foreignKeyName: "appointment_status_history_tenant_id_appointment_id_fkey";
            columns: ["tenant_id", "appointment_id"];
            isOneToOne: false;
            referencedRelation: "appointments";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "appointment_status_history_tenant_id_appointment_id_fkey";
            columns: ["tenant_id", "appointment_id"];
            isOneToOne: false;
            referencedRelation: "payments_due";
            referencedColumns: ["tenant_id", "appointment_id"];
          },
          {
            foreignKeyName: "appointment_status_history_tenant_id_appointment_id_fkey";
            columns: ["tenant_id", "appointment_id"];
            isOneToOne: false;
            referencedRelation: "todays_schedule";
            referencedColumns: ["tenant_id", "appointment_id"];
          },
          {
            foreignKeyName: "appointment_status_history_tenant_id_appointment_id_fkey";
            columns: ["tenant_id", "appointment_id"];
            isOneToOne: false;
            referencedRelation: "upcoming_appointments";
            referencedColumns: ["tenant_id", "appointment_id"];
          },
        ];
      };
      appointments: {
        Row: {
          booked_by: string | null;
          booked_via: string;
          cancellation_outcome: Json | null;
          cancellation_reason: string | null;
          cancelled_at: string | null;
          cancelled_by: string | null;
          centre_id: string;
          client_key: string | null;
          clinician_id: string;
          created_at: string;
          ends_at: string;
          hold_expires_at: string | null;
          id: string;
          meeting_url: string | null;
          occupied: unknown;
          override_reason: string | null;
          patient_id: string;
          reschedule_count: number;
          series_id: string | null;
          service_id: string;
          staff_override: boolean;
          starts_at: string;
          status: Database["public"]["Enums"]["appointment_status"];
          tenant_id: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          booked_by?: string | null;
          booked_via: string;
          cancellation_outcome?: Json | null;
          cancellation_reason?: string | null;
          cancelled_at?: string | null;
          cancelled_by?: string | null;
          centre_id: string;
          client_key?: string | null;
          clinician_id: string;
          created_at?: string;
          ends_at: string;
          hold_expires_at?: string | null;
          id?: string;
          meeting_url?: string | null;
          occupied: unknown;
          override_reason?: string | null;
          patient_id: string;
          reschedule_count?: number;
          series_id?: string | null;
          service_id: string;
          staff_override?: boolean;
          starts_at: string;
          status: Database["public"]["Enums"]["appointment_status"];
          tenant_id: string;
          updated_at?: string;
        };
        Update: {
          booked_by?: string | null;
          booked_via?: string;
          cancellation_outcome?: Json | null;
          cancellation_reason?: string | null;
          cancelled_at?: string | null;
          cancelled_by?: string | null;
          centre_id?: string;
          client_key?: string | null;
          clinician_id?: string;
          created_at?: string;
          ends_at?: string;
          hold_expires_at?: string | null;
          id?: string;
          meeting_url?: string | null;
          occupied?: unknown;
          override_reason?: string | null;
          patient_id?: string;
          reschedule_count?: number;
          series_id?: string | null;
          service_id?: string;
          staff_override?: boolean;
          starts_at?: string;
          status?: Database["public"]["Enums"]["appointment_status"];
          tenant_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "appointments_tenant_id_centre_id_fkey";
            columns: ["tenant_id", "centre_id"];
            isOneToOne: false;
            referencedRelation: "centres";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "appointments_tenant_id_clinician_id_fkey";
            columns: ["tenant_id", "clinician_id"];
            isOneToOne: false;
            referencedRelation: "clinicians";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "appointments_tenant_id_patient_id_fkey";
            columns: ["tenant_id", "patient_id"];
            isOneToOne: false;
            referencedRelation: "patients";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "appointments_tenant_id_series_id_fkey";
            columns: ["tenant_id", "series_id"];
            isOneToOne: false;
            referencedRelation: "appointment_series";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "appointments_tenant_id_service_id_fkey";
            columns: ["tenant_id", "service_id"];
            isOneToOne: false;
            referencedRelation: "services";
            referencedColumns: ["tenant_id", "id"];
          },
        ];
      };
      audit_log: {
        Row: {
          action: string;
          actor_role: string;
          actor_user_id: string | null;
          id: number;
          new_row: Json | null;
          occurred_at: string;
          old_row: Json | null;
          row_pk: NonNullable<Json>;
          table_name: string;
          tenant_id: string | null;
        };
        ComputedFields: never;
        Insert: {
          action: string;
          actor_role: string;
          actor_user_id?: string | null;
          id?: never;
          new_row?: Json | null;
          occurred_at?: string;
          old_row?: Json | null;
          row_pk: NonNullable<Json>;
          table_name: string;
          tenant_id?: string | null;
        };
        Update: {
          action?: string;
          actor_role?: string;
          actor_user_id?: string | null;
          id?: never;
          new_row?: Json | null;
          occurred_at?: string;
          old_row?: Json | null;
          row_pk?: NonNullable<Json>;
          table_name?: string;
          tenant_id?: string | null;
        };
        Relationships: [];
      };
      audit_log_values: {
        Row: {
          audit_id: number;
          new_values: Json | null;
          old_values: Json | null;
          row_pk: NonNullable<Json>;
          table_name: string;
          tenant_id: string | null;
        };
        ComputedFields: never;
        Insert: {
          audit_id: number;
          new_values?: Json | null;
          old_values?: Json | null;
          row_pk: NonNullable<Json>;
          table_name: string;
          tenant_id?: string | null;
        };
        Update: {
          audit_id?: number;
          new_values?: Json | null;
          old_values?: Json | null;
          row_pk?: NonNullable<Json>;
          table_name?: string;
          tenant_id?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "audit_log_values_audit_id_fkey";
            columns: ["audit_id"];
            isOneToOne: true;
            referencedRelation: "audit_log";
            referencedColumns: ["id"];
          },
        ];
      };
      availability_overrides: {
        Row: {
          centre_id: string;
          clinician_id: string;
          created_at: string;
          id: string;
          local_date: string;
          local_end: string;
          local_start: string;
          tenant_id: string;
          timezone: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          centre_id: string;
          clinician_id: string;
          created_at?: string;
          id?: string;
          local_date: string;
          local_end: string;
          local_start: string;
          tenant_id: string;
          timezone: string;
          updated_at?: string;
        };
        Update: {
          centre_id?: string;
          clinician_id?: string;
          created_at?: string;
          id?: string;
          local_date?: string;
          local_end?: string;
          local_start?: string;
          tenant_id?: string;
          timezone?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "availability_overrides_clinician_centre_fkey";
            columns: ["tenant_id", "clinician_id", "centre_id"];
            isOneToOne: false;
            referencedRelation: "clinician_centres";
            referencedColumns: ["tenant_id", "clinician_id", "centre_id"];
          },
        ];
      };
      availability_rules: {
        Row: {
          centre_id: string;
          clinician_id: string;
          created_at: string;
          id: string;
          local_end: string;
          local_start: string;
          rrule: string;
          tenant_id: string;
          timezone: string;
          updated_at: string;
          valid_from: string;
          valid_until: string | null;
        };
        ComputedFields: never;
        Insert: {
          centre_id: string;
          clinician_id: string;
          created_at?: string;
          id?: string;
          local_end: string;
          local_start: string;
          rrule: string;
          tenant_id: string;
          timezone: string;
          updated_at?: string;
          valid_from: string;
          valid_until?: string | null;
        };
        Update: {
          centre_id?: string;
          clinician_id?: string;
          created_at?: string;
          id?: string;
          local_end?: string;
          local_start?: string;
          rrule?: string;
          tenant_id?: string;
          timezone?: string;
          updated_at?: string;
          valid_from?: string;
          valid_until?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "availability_rules_clinician_centre_fkey";
            columns: ["tenant_id", "clinician_id", "centre_id"];
            isOneToOne: false;
            referencedRelation: "clinician_centres";
            referencedColumns: ["tenant_id", "clinician_id", "centre_id"];
          },
        ];
      };
      break_glass_accesses: {
        Row: {
          created_at: string;
          expires_at: string;
          id: string;
          member_id: string;
          patient_id: string;
          reason: string;
          tenant_id: string;
        };
        ComputedFields: never;
        Insert: {
          created_at?: string;
          expires_at?: string;
          id?: string;
          member_id: string;
          patient_id: string;
          reason: string;
          tenant_id: string;
        };
        Update: {
          created_at?: string;
          expires_at?: string;
          id?: string;
          member_id?: string;
          patient_id?: string;
          reason?: string;
          tenant_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "break_glass_accesses_tenant_id_member_id_fkey";
            columns: ["tenant_id", "member_id"];
            isOneToOne: false;
            referencedRelation: "members";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "break_glass_accesses_tenant_id_patient_id_fkey";
            columns: ["tenant_id", "patient_id"];
            isOneToOne: false;
            referencedRelation: "patients";
            referencedColumns: ["tenant_id", "id"];
          },
        ];
      };
      centres: {
        Row: {
          about: string | null;
          accessibility_notes: string | null;
          address_line1: string | null;
          address_line2: string | null;
          city: string | null;
          country_code: string | null;
          cover_image_path: string | null;
          created_at: string;
          email: string | null;
          id: string;
          is_active: boolean;
          is_published: boolean;
          languages: unknown[];
          latitude: number | null;
          logo_path: string | null;
          longitude: number | null;
          name: string;
          opening_hours: NonNullable<Json>;
          phone: string | null;
          postal_code: string | null;
          region: string | null;
          slug: string;
          social_links: NonNullable<Json>;
          tenant_id: string;
          timezone: string;
          updated_at: string;
          website_url: string | null;
        };
        ComputedFields: never;
        Insert: {
          about?: string | null;
          accessibility_notes?: string | null;
          address_line1?: string | null;
          address_line2?: string | null;
          city?: string | null;
          country_code?: string | null;
          cover_image_path?: string | null;
          created_at?: string;
          email?: string | null;
          id?: string;
          is_active?: boolean;
          is_published?: boolean;
          languages?: unknown[];
          latitude?: number | null;
          logo_path?: string | null;
          longitude?: number | null;
          name: string;
          opening_hours?: NonNullable<Json>;
          phone?: string | null;
          postal_code?: string | null;
          region?: string | null;
          slug: string;
          social_links?: NonNullable<Json>;
          tenant_id: string;
          timezone: string;
          updated_at?: string;
          website_url?: string | null;
        };
        Update: {
          about?: string | null;
          accessibility_notes?: string | null;
          address_line1?: string | null;
          address_line2?: string | null;
          city?: string | null;
          country_code?: string | null;
          cover_image_path?: string | null;
          created_at?: string;
          email?: string | null;
          id?: string;
          is_active?: boolean;
          is_published?: boolean;
          languages?: unknown[];
          latitude?: number | null;
          logo_path?: string | null;
          longitude?: number | null;
          name?: string;
          opening_hours?: NonNullable<Json>;
          phone?: string | null;
          postal_code?: string | null;
          region?: string | null;
          slug?: string;
          social_links?: NonNullable<Json>;
          tenant_id?: string;
          timezone?: string;
          updated_at?: string;
          website_url?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "centres_tenant_id_fkey";
            columns: ["tenant_id"];
            isOneToOne: false;
            referencedRelation: "tenants";
            referencedColumns: ["id"];
          },
        ];
      };
      clinician_centres: {
        Row: {
          centre_id: string;
          clinician_id: string;
          created_at: string;
          tenant_id: string;
        };
        ComputedFields: never;
        Insert: {
          centre_id: string;
          clinician_id: string;
          created_at?: string;
          tenant_id: string;
        };
        Update: {
          centre_id?: string;
          clinician_id?: string;
          created_at?: string;
          tenant_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "clinician_centres_tenant_id_centre_id_fkey";
            columns: ["tenant_id", "centre_id"];
            isOneToOne: false;
            referencedRelation: "centres";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "clinician_centres_tenant_id_clinician_id_fkey";
            columns: ["tenant_id", "clinician_id"];
            isOneToOne: false;
            referencedRelation: "clinicians";
            referencedColumns: ["tenant_id", "id"];
          },
        ];
      };
      clinician_credentials: {
        Row: {
          awarded_on: string | null;
          certificate_path: string | null;
          clinician_id: string;
          created_at: string;
          display_order: number;
          expires_on: string | null;
          id: string;
          is_public: boolean;
          issuer: string | null;
          kind: Database["public"]["Enums"]["credential_kind"];
          reference_number: string | null;
          tenant_id: string;
          title: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          awarded_on?: string | null;
          certificate_path?: string | null;
          clinician_id: string;
          created_at?: string;
          display_order?: number;
          expires_on?: string | null;
          id?: string;
          is_public?: boolean;
          issuer?: string | null;
          kind: Database["public"]["Enums"]["credential_kind"];
          reference_number?: string | null;
          tenant_id: string;
          title: string;
          updated_at?: string;
        };
        Update: {
          awarded_on?: string | null;
          certificate_path?: string | null;
          clinician_id?: string;
          created_at?: string;
          display_order?: number;
          expires_on?: string | null;
          id?: string;
          is_public?: boolean;
          issuer?: string | null;
          kind?: Database["public"]["Enums"]["credential_kind"];
          reference_number?: string | null;
          tenant_id?: string;
          title?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "clinician_credentials_tenant_id_clinician_id_fkey";
            columns: ["tenant_id", "clinician_id"];
            isOneToOne: false;
            referencedRelation: "clinicians";
            referencedColumns: ["tenant_id", "id"];
          },
        ];
      };
      clinician_members: {
        Row: {
          clinician_id: string;
          created_at: string;
          member_id: string;
          tenant_id: string;
        };
        ComputedFields: never;
        Insert: {
          clinician_id: string;
          created_at?: string;
          member_id: string;
          tenant_id: string;
        };
        Update: {
          clinician_id?: string;
          created_at?: string;
          member_id?: string;
          tenant_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "clinician_members_tenant_id_clinician_id_fkey";
            columns: ["tenant_id", "clinician_id"];
            isOneToOne: true;
            referencedRelation: "clinicians";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "clinician_members_tenant_id_member_id_fkey";
            columns: ["tenant_id", "member_id"];
            isOneToOne: true;
            referencedRelation: "members";
            referencedColumns: ["tenant_id", "id"];
          },
        ];
      };
      clinician_services: {
        Row: {
          clinician_id: string;
          created_at: string;
          duration_minutes_override: number | null;
          price_override: number | null;
          service_id: string;
          tenant_id: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          clinician_id: string;
          created_at?: string;
          duration_minutes_override?: number | null;
          price_override?: number | null;
          service_id: string;
          tenant_id: string;
          updated_at?: string;
        };
        Update: {
          clinician_id?: string;
          created_at?: string;
          duration_minutes_override?: number | null;
          price_override?: number | null;
          service_id?: string;
          tenant_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "clinician_services_tenant_id_clinician_id_fkey";
            columns: ["tenant_id", "clinician_id"];
            isOneToOne: false;
            referencedRelation: "clinicians";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "clinician_services_tenant_id_service_id_fkey";
            columns: ["tenant_id", "service_id"];
            isOneToOne: false;
            referencedRelation: "services";
            referencedColumns: ["tenant_id", "id"];
          },
        ];
      };
      clinicians: {
        Row: {
          bio: string | null;
          consultation_fee: number | null;
          created_at: string;
          default_consultation_minutes: number;
          display_name: string;
          external_id: string | null;
          fee_currency: string | null;
          id: string;
          is_active: boolean;
          is_public: boolean;
          languages: unknown[];
          photo_path: string | null;
          practising_since: number | null;
          qualifications: unknown[];
          specialisations: unknown[];
          tenant_id: string;
          title: string | null;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          bio?: string | null;
          consultation_fee?: number | null;
          created_at?: string;
          default_consultation_minutes?: number;
          display_name: string;
          external_id?: string | null;
          fee_currency?: string | null;
          id?: string;
          is_active?: boolean;
          is_public?: boolean;
          languages?: unknown[];
          photo_path?: string | null;
          practising_since?: number | null;
          qualifications?: unknown[];
          specialisations?: unknown[];
          tenant_id: string;
          title?: string | null;
          updated_at?: string;
        };
        Update: {
          bio?: string | null;
          consultation_fee?: number | null;
          created_at?: string;
          default_consultation_minutes?: number;
          display_name?: string;
          external_id?: string | null;
          fee_currency?: string | null;
          id?: string;
          is_active?: boolean;
          is_public?: boolean;
          languages?: unknown[];
          photo_path?: string | null;
          practising_since?: number | null;
          qualifications?: unknown[];
          specialisations?: unknown[];
          tenant_id?: string;
          title?: string | null;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "clinicians_tenant_id_fkey";
            columns: ["tenant_id"];
            isOneToOne: false;
            referencedRelation: "tenants";
            referencedColumns: ["id"];
          },
        ];
      };
      department_clinicians: {
        Row: {
          clinician_id: string;
          created_at: string;
          department_id: string;
          display_order: number;
          tenant_id: string;
        };
        ComputedFields: never;
        Insert: {
          clinician_id: string;
          created_at?: string;
          department_id: string;
          display_order?: number;
          tenant_id: string;
        };
        Update: {
          clinician_id?: string;
          created_at?: string;
          department_id?: string;
          display_order?: number;
          tenant_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "department_clinicians_tenant_id_clinician_id_fkey";
            columns: ["tenant_id", "clinician_id"];
            isOneToOne: false;
            referencedRelation: "clinicians";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "department_clinicians_tenant_id_department_id_fkey";
            columns: ["tenant_id", "department_id"];
            isOneToOne: false;
            referencedRelation: "departments";
            referencedColumns: ["tenant_id", "id"];
          },
        ];
      };
      department_services: {
        Row: {
          created_at: string;
          department_id: string;
          display_order: number;
          service_id: string;
          tenant_id: string;
        };
        ComputedFields: never;
        Insert: {
          created_at?: string;
          department_id: string;
          display_order?: number;
          service_id: string;
          tenant_id: string;
        };
        Update: {
          created_at?: string;
          department_id?: string;
          display_order?: number;
          service_id?: string;
          tenant_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "department_services_tenant_id_department_id_fkey";
            columns: ["tenant_id", "department_id"];
            isOneToOne: false;
            referencedRelation: "departments";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "department_services_tenant_id_service_id_fkey";
            columns: ["tenant_id", "service_id"];
            isOneToOne: false;
            referencedRelation: "services";
            referencedColumns: ["tenant_id", "id"];
          },
        ];
      };
      departments: {
        Row: {
          centre_id: string;
          created_at: string;
          description: string | null;
          display_order: number;
          id: string;
          is_published: boolean;
          name: string;
          slug: string;
          tenant_id: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          centre_id: string;
          created_at?: string;
          description?: string | null;
          display_order?: number;
          id?: string;
          is_published?: boolean;
          name: string;
          slug: string;
          tenant_id: string;
          updated_at?: string;
        };
        Update: {
          centre_id?: string;
          created_at?: string;
          description?: string | null;
          display_order?: number;
          id?: string;
          is_published?: boolean;
          name?: string;
          slug?: string;
          tenant_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "departments_tenant_id_centre_id_fkey";
            columns: ["tenant_id", "centre_id"];
            isOneToOne: false;
            referencedRelation: "centres";
            referencedColumns: ["tenant_id", "id"];
          },
        ];
      };
      holidays: {
        Row: {
          centre_id: string | null;
          created_at: string;
          id: string;
          local_date: string;
          name: string;
          tenant_id: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          centre_id?: string | null;
          created_at?: string;
          id?: string;
          local_date: string;
          name: string;
          tenant_id: string;
          updated_at?: string;
        };
        Update: {
          centre_id?: string | null;
          created_at?: string;
          id?: string;
          local_date?: string;
          name?: string;
          tenant_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "holidays_tenant_id_centre_id_fkey";
            columns: ["tenant_id", "centre_id"];
            isOneToOne: false;
            referencedRelation: "centres";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "holidays_tenant_id_fkey";
            columns: ["tenant_id"];
            isOneToOne: false;
            referencedRelation: "tenants";
            referencedColumns: ["id"];
          },
        ];
      };
      invitations: {
        Row: {
          accepted_at: string | null;
          accepted_user_id: string | null;
          centre_id: string | null;
          created_at: string;
          email: string | null;
          expires_at: string;
          id: string;
          invited_by: string | null;
          phone: string | null;
          revoked_at: string | null;
          role: Database["public"]["Enums"]["staff_role"];
          tenant_id: string;
        };
        ComputedFields: never;
        Insert: {
          accepted_at?: string | null;
          accepted_user_id?: string | null;
          centre_id?: string | null;
          created_at?: string;
          email?: string | null;
          expires_at?: string;
          id?: string;
          invited_by?: string | null;
          phone?: string | null;
          revoked_at?: string | null;
          role: Database["public"]["Enums"]["staff_role"];
          tenant_id: string;
        };
        Update: {
          accepted_at?: string | null;
          accepted_user_id?: string | null;
          centre_id?: string | null;
          created_at?: string;
          email?: string | null;
          expires_at?: string;
          id?: string;
          invited_by?: string | null;
          phone?: string | null;
          revoked_at?: string | null;
          role?: Database["public"]["Enums"]["staff_role"];
          tenant_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "invitations_tenant_id_centre_id_fkey";
            columns: ["tenant_id", "centre_id"];
            isOneToOne: false;
            referencedRelation: "centres";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "invitations_tenant_id_fkey";
            columns: ["tenant_id"];
            isOneToOne: false;
            referencedRelation: "tenants";
            referencedColumns: ["id"];
          },
        ];
      };
      medical_note_shares: {
        Row: {
          created_at: string;
          member_id: string;
          note_id: string;
          tenant_id: string;
        };
        ComputedFields: never;
        Insert: {
          created_at?: string;
          member_id: string;
          note_id: string;
          tenant_id: string;
        };
        Update: {
          created_at?: string;
          member_id?: string;
          note_id?: string;
          tenant_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "medical_note_shares_tenant_id_member_id_fkey";
            columns: ["tenant_id", "member_id"];
            isOneToOne: false;
            referencedRelation: "members";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "medical_note_shares_tenant_id_note_id_fkey";
            columns: ["tenant_id", "note_id"];
            isOneToOne: false;
            referencedRelation: "medical_notes";
            referencedColumns: ["tenant_id", "id"];
          },
        ];
      };
      medical_notes: {
        Row: {
          author_member_id: string;
          body: string;
          created_at: string;
          id: string;
          is_restricted: boolean;
          patient_id: string;
          tenant_id: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          author_member_id: string;
          body: string;
          created_at?: string;
          id?: string;
          is_restricted?: boolean;
          patient_id: string;
          tenant_id: string;
          updated_at?: string;
        };
        Update: {
          author_member_id?: string;
          body?: string;
          created_at?: string;
          id?: string;
          is_restricted?: boolean;
          patient_id?: string;
          tenant_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "medical_notes_tenant_id_author_member_id_fkey";
            columns: ["tenant_id", "author_member_id"];
            isOneToOne: false;
            referencedRelation: "members";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "medical_notes_tenant_id_patient_id_fkey";
            columns: ["tenant_id", "patient_id"];
            isOneToOne: false;
            referencedRelation: "patients";
            referencedColumns: ["tenant_id", "id"];
          },
        ];
      };
      member_roles: {
        Row: {
          centre_id: string | null;
          created_at: string;
          granted_by: string | null;
          id: string;
          member_id: string;
          role: Database["public"]["Enums"]["staff_role"];
          tenant_id: string;
        };
        ComputedFields: never;
        Insert: {
          centre_id?: string | null;
          created_at?: string;
          granted_by?: string | null;
          id?: string;
          member_id: string;
          role: Database["public"]["Enums"]["staff_role"];
          tenant_id: string;
        };
        Update: {
          centre_id?: string | null;
          created_at?: string;
          granted_by?: string | null;
          id?: string;
          member_id?: string;
          role?: Database["public"]["Enums"]["staff_role"];
          tenant_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "member_roles_tenant_id_centre_id_fkey";
            columns: ["tenant_id", "centre_id"];
            isOneToOne: false;
            referencedRelation: "centres";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "member_roles_tenant_id_member_id_fkey";
            columns: ["tenant_id", "member_id"];
            isOneToOne: false;
            referencedRelation: "members";
            referencedColumns: ["tenant_id", "id"];
          },
        ];
      };
      members: {
        Row: {
          created_at: string;
          deactivated_at: string | null;
          display_name: string;
          id: string;
          is_active: boolean;
          tenant_id: string;
          updated_at: string;
          user_id: string;
        };
        ComputedFields: never;
        Insert: {
          created_at?: string;
          deactivated_at?: string | null;
          display_name: string;
          id?: string;
          is_active?: boolean;
          tenant_id: string;
          updated_at?: string;
          user_id: string;
        };
        Update: {
          created_at?: string;
          deactivated_at?: string | null;
          display_name?: string;
          id?: string;
          is_active?: boolean;
          tenant_id?: string;
          updated_at?: string;
          user_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "members_tenant_id_fkey";
            columns: ["tenant_id"];
            isOneToOne: false;
            referencedRelation: "tenants";
            referencedColumns: ["id"];
          },
        ];
      };
      notification_templates: {
        Row: {
          body: string;
          channel: Database["public"]["Enums"]["contact_channel"];
          created_at: string;
          kind: Database["public"]["Enums"]["notification_kind"];
          language: string;
          subject: string | null;
          tenant_id: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          body: string;
          channel: Database["public"]["Enums"]["contact_channel"];
          created_at?: string;
          kind: Database["public"]["Enums"]["notification_kind"];
          language: string;
          subject?: string | null;
          tenant_id: string;
          updated_at?: string;
        };
        Update: {
          body?: string;
          channel?: Database["public"]["Enums"]["contact_channel"];
          created_at?: string;
          kind?: Database["public"]["Enums"]["notification_kind"];
          language?: string;
          subject?: string | null;
          tenant_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "notification_templates_tenant_id_fkey";
            columns: ["tenant_id"];
            isOneToOne: false;
            referencedRelation: "tenants";
            referencedColumns: ["id"];
          },
        ];
      };
      notifications: {
        Row: {
          appointment_id: string | null;
          attempts: number;
          body: string | null;
          channel: Database["public"]["Enums"]["contact_channel"] | null;
          claimed_until: string | null;
          content_sid: string | null;
          content_variables: Json | null;
          created_at: string;
          dedupe_key: string;
          delivered_at: string | null;
          fallback_of: string | null;
          fallback_reason: string | null;
          id: string;
          kind: Database["public"]["Enums"]["notification_kind"];
          language: string | null;
          last_error: string | null;
          max_attempts: number;
          next_attempt_at: string | null;
          patient_id: string;
          payload: NonNullable<Json>;
          provider: string | null;
          provider_message_id: string | null;
          recipient: string | null;
          send_after: string;
          sent_at: string | null;
          status: Database["public"]["Enums"]["notification_status"];
          subject: string | null;
          tenant_id: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          appointment_id?: string | null;
          attempts?: number;
          body?: string | null;
          channel?: Database["public"]["Enums"]["contact_channel"] | null;
          claimed_until?: string | null;
          content_sid?: string | null;
          content_variables?: Json | null;
          created_at?: string;
          dedupe_key: string;
          delivered_at?: string | null;
          fallback_of?: string | null;
          fallback_reason?: string | null;
          id?: string;
          kind: Database["public"]["Enums"]["notification_kind"];
          language?: string | null;
          last_error?: string | null;
          max_attempts?: number;
          next_attempt_at?: string | null;
          patient_id: string;
          payload?: NonNullable<Json>;
          provider?: string | null;
          provider_message_id?: string | null;
          recipient?: string | null;
          send_after?: string;
          sent_at?: string | null;
          status?: Database["public"]["Enums"]["notification_status"];
          subject?: string | null;
          tenant_id: string;
          updated_at?: string;
        };
        Update: {
          appointment_id?: string | null;
          attempts?: number;
          body?: string | null;
          channel?: Database["public"]["Enums"]["contact_channel"] | null;
          claimed_until?: string | null;
          content_sid?: string | null;
          content_variables?: Json | null;
          created_at?: string;
          dedupe_key?: string;
          delivered_at?: string | null;
          fallback_of?: string | null;
          fallback_reason?: string | null;
          id?: string;
          kind?: Database["public"]["Enums"]["notification_kind"];
          language?: string | null;
          last_error?: string | null;
          max_attempts?: number;
          next_attempt_at?: string | null;
          patient_id?: string;
          payload?: NonNullable<Json>;
          provider?: string | null;
          provider_message_id?: string | null;
          recipient?: string | null;
          send_after?: string;
          sent_at?: string | null;
          status?: Database["public"]["Enums"]["notification_status"];
          subject?: string | null;
          tenant_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "notifications_tenant_id_appointment_id_fkey";
            columns: ["tenant_id", "appointment_id"];
            isOneToOne: false;
            referencedRelation: "appointments";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "notifications_tenant_id_appointment_id_fkey";
            columns: ["tenant_id", "appointment_id"];
            isOneToOne: false;
            referencedRelation: "payments_due";
            referencedColumns: ["tenant_id", "appointment_id"];
          },
          {
            foreignKeyName: "notifications_tenant_id_appointment_id_fkey";
            columns: ["tenant_id", "appointment_id"];
            isOneToOne: false;
            referencedRelation: "todays_schedule";
            referencedColumns: ["tenant_id", "appointment_id"];
          },
          {
            foreignKeyName: "notifications_tenant_id_appointment_id_fkey";
            columns: ["tenant_id", "appointment_id"];
            isOneToOne: false;
            referencedRelation: "upcoming_appointments";
            referencedColumns: ["tenant_id", "appointment_id"];
          },
          {
            foreignKeyName: "notifications_tenant_id_fallback_of_fkey";
            columns: ["tenant_id", "fallback_of"];
            isOneToOne: false;
            referencedRelation: "notifications";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "notifications_tenant_id_patient_id_fkey";
            columns: ["tenant_id", "patient_id"];
            isOneToOne: false;
            referencedRelation: "patients";
            referencedColumns: ["tenant_id", "id"];
          },
        ];
      };
      patient_documents: {
        Row: {
          created_at: string;
          id: string;
          kind: Database["public"]["Enums"]["patient_document_kind"];
          object_path: string;
          patient_id: string;
          tenant_id: string;
          title: string;
          updated_at: string;
          uploaded_by: string | null;
        };
        ComputedFields: never;
        Insert: {
          created_at?: string;
          id?: string;
          kind?: Database["public"]["Enums"]["patient_document_kind"];
          object_path: string;
          patient_id: string;
          tenant_id: string;
          title: string;
          updated_at?: string;
          uploaded_by?: string | null;
        };
        Update: {
          created_at?: string;
          id?: string;
          kind?: Database["public"]["Enums"]["patient_document_kind"];
          object_path?: string;
          patient_id?: string;
          tenant_id?: string;
          title?: string;
          updated_at?: string;
          uploaded_by?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "patient_documents_tenant_id_patient_id_fkey";
            columns: ["tenant_id", "patient_id"];
            isOneToOne: false;
            referencedRelation: "patients";
            referencedColumns: ["tenant_id", "id"];
          },
        ];
      };
      patients: {
        Row: {
          blood_group: Database["public"]["Enums"]["blood_group"] | null;
          consents: NonNullable<Json>;
          created_at: string;
          created_by: string | null;
          date_of_birth: string | null;
          email: string | null;
          emergency_contact: Json | null;
          external_id: string | null;
          full_name: string;
          gender: string | null;
          id: string;
          lead_source: string | null;
          phone: string | null;
          preferred_channel: Database["public"]["Enums"]["contact_channel"] | null;
          preferred_language: string | null;
          registered_centre_id: string | null;
          tenant_id: string;
          updated_at: string;
          user_id: string | null;
        };
        ComputedFields: never;
        Insert: {
          blood_group?: Database["public"]["Enums"]["blood_group"] | null;
          consents?: NonNullable<Json>;
          created_at?: string;
          created_by?: string | null;
          date_of_birth?: string | null;
          email?: string | null;
          emergency_contact?: Json | null;
          external_id?: string | null;
          full_name: string;
          gender?: string | null;
          id?: string;
          lead_source?: string | null;
          phone?: string | null;
          preferred_channel?: Database["public"]["Enums"]["contact_channel"] | null;
          preferred_language?: string | null;
          registered_centre_id?: string | null;
          tenant_id: string;
          updated_at?: string;
          user_id?: string | null;
        };
        Update: {
          blood_group?: Database["public"]["Enums"]["blood_group"] | null;
          consents?: NonNullable<Json>;
          created_at?: string;
          created_by?: string | null;
          date_of_birth?: string | null;
          email?: string | null;
          emergency_contact?: Json | null;
          external_id?: string | null;
          full_name?: string;
          gender?: string | null;
          id?: string;
          lead_source?: string | null;
          phone?: string | null;
          preferred_channel?: Database["public"]["Enums"]["contact_channel"] | null;
          preferred_language?: string | null;
          registered_centre_id?: string | null;
          tenant_id?: string;
          updated_at?: string;
          user_id?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "patients_tenant_id_fkey";
            columns: ["tenant_id"];
            isOneToOne: false;
            referencedRelation: "tenants";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "patients_tenant_id_registered_centre_id_fkey";
            columns: ["tenant_id", "registered_centre_id"];
            isOneToOne: false;
            referencedRelation: "centres";
            referencedColumns: ["tenant_id", "id"];
          },
        ];
      };
      payments: {
        Row: {
          amount: number;
          amount_minor: number;
          amount_refunded: number;
          appointment_id: string;
          attempt: number;
          checkout_url: string | null;
          created_at: string;
          currency: string;
          failure_message: string | null;
          flow: Database["public"]["Enums"]["payment_flow"];
          id: string;
          idempotency_key: string;
          kind: string;
          patient_id: string;
          provider: Database["public"]["Enums"]["payment_provider"];
          razorpay_account_id: string | null;
          razorpay_order_id: string | null;
          razorpay_payment_id: string | null;
          razorpay_payment_link_id: string | null;
          receipt_url: string | null;
          status: Database["public"]["Enums"]["payment_status"];
          stripe_account_id: string | null;
          stripe_checkout_session_id: string | null;
          stripe_payment_intent_id: string | null;
          succeeded_at: string | null;
          tenant_id: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          amount: number;
          amount_minor: number;
          amount_refunded?: number;
          appointment_id: string;
          attempt: number;
          checkout_url?: string | null;
          created_at?: string;
          currency: string;
          failure_message?: string | null;
          flow: Database["public"]["Enums"]["payment_flow"];
          id?: string;
          idempotency_key: string;
          kind: string;
          patient_id: string;
          provider?: Database["public"]["Enums"]["payment_provider"];
          razorpay_account_id?: string | null;
          razorpay_order_id?: string | null;
          razorpay_payment_id?: string | null;
          razorpay_payment_link_id?: string | null;
          receipt_url?: string | null;
          status?: Database["public"]["Enums"]["payment_status"];
          stripe_account_id?: string | null;
          stripe_checkout_session_id?: string | null;
          stripe_payment_intent_id?: string | null;
          succeeded_at?: string | null;
          tenant_id: string;
          updated_at?: string;
        };
        Update: {
          amount?: number;
          amount_minor?: number;
          amount_refunded?: number;
          appointment_id?: string;
          attempt?: number;
          checkout_url?: string | null;
          created_at?: string;
          currency?: string;
          failure_message?: string | null;
          flow?: Database["public"]["Enums"]["payment_flow"];
          id?: string;
          idempotency_key?: string;
          kind?: string;
          patient_id?: string;
          provider?: Database["public"]["Enums"]["payment_provider"];
          razorpay_account_id?: string | null;
          razorpay_order_id?: string | null;
          razorpay_payment_id?: string | null;
          razorpay_payment_link_id?: string | null;
          receipt_url?: string | null;
          status?: Database["public"]["Enums"]["payment_status"];
          stripe_account_id?: string | null;
          stripe_checkout_session_id?: string | null;
          stripe_payment_intent_id?: string | null;
          succeeded_at?: string | null;
          tenant_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "payments_tenant_id_appointment_id_fkey";
            columns: ["tenant_id", "appointment_id"];
            isOneToOne: false;
            referencedRelation: "appointments";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "payments_tenant_id_appointment_id_fkey";
            columns: ["tenant_id", "appointment_id"];
            isOneToOne: false;
            referencedRelation: "payments_due";
            referencedColumns: ["tenant_id", "appointment_id"];
          },
          {
            foreignKeyName: "payments_tenant_id_appointment_id_fkey";
            columns: ["tenant_id", "appointment_id"];
            isOneToOne: false;
            referencedRelation: "todays_schedule";
            referencedColumns: ["tenant_id", "appointment_id"];
          },
          {
            foreignKeyName: "payments_tenant_id_appointment_id_fkey";
            columns: ["tenant_id", "appointment_id"];
            isOneToOne: false;
            referencedRelation: "upcoming_appointments";
            referencedColumns: ["tenant_id", "appointment_id"];
          },
          {
            foreignKeyName: "payments_tenant_id_patient_id_fkey";
            columns: ["tenant_id", "patient_id"];
            isOneToOne: false;
            referencedRelation: "patients";
            referencedColumns: ["tenant_id", "id"];
          },
        ];
      };
      product_centres: {
        Row: {
          centre_id: string;
          created_at: string;
          product_id: string;
          stock_status: Database["public"]["Enums"]["product_stock_status"];
          tenant_id: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          centre_id: string;
          created_at?: string;
          product_id: string;
          stock_status?: Database["public"]["Enums"]["product_stock_status"];
          tenant_id: string;
          updated_at?: string;
        };
        Update: {
          centre_id?: string;
          created_at?: string;
          product_id?: string;
          stock_status?: Database["public"]["Enums"]["product_stock_status"];
          tenant_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "product_centres_tenant_id_centre_id_fkey";
            columns: ["tenant_id", "centre_id"];
            isOneToOne: false;
            referencedRelation: "centres";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "product_centres_tenant_id_product_id_fkey";
            columns: ["tenant_id", "product_id"];
            isOneToOne: false;
            referencedRelation: "products";
            referencedColumns: ["tenant_id", "id"];
          },
        ];
      };
      products: {
        Row: {
          category: string;
          created_at: string;
          currency: string;
          description: string | null;
          id: string;
          image_paths: string[];
          is_published: boolean;
          name: string;
          price: number;
          requires_prescription: boolean;
          sku: string | null;
          tenant_id: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          category: string;
          created_at?: string;
          currency: string;
          description?: string | null;
          id?: string;
          image_paths?: string[];
          is_published?: boolean;
          name: string;
          price: number;
          requires_prescription?: boolean;
          sku?: string | null;
          tenant_id: string;
          updated_at?: string;
        };
        Update: {
          category?: string;
          created_at?: string;
          currency?: string;
          description?: string | null;
          id?: string;
          image_paths?: string[];
          is_published?: boolean;
          name?: string;
          price?: number;
          requires_prescription?: boolean;
          sku?: string | null;
          tenant_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "products_tenant_id_fkey";
            columns: ["tenant_id"];
            isOneToOne: false;
            referencedRelation: "tenants";
            referencedColumns: ["id"];
          },
        ];
      };
      refunds: {
        Row: {
          amount: number;
          amount_minor: number;
          appointment_id: string;
          attempts: number;
          claimed_until: string | null;
          created_at: string;
          currency: string;
          id: string;
          last_error: string | null;
          next_attempt_at: string;
          note: string | null;
          patient_id: string;
          payment_id: string;
          provider: Database["public"]["Enums"]["payment_provider"];
          razorpay_refund_id: string | null;
          reason: string;
          requested_by: string | null;
          status: string;
          stripe_refund_id: string | null;
          succeeded_at: string | null;
          tenant_id: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          amount: number;
          amount_minor: number;
          appointment_id: string;
          attempts?: number;
          claimed_until?: string | null;
          created_at?: string;
          currency: string;
          id?: string;
          last_error?: string | null;
          next_attempt_at?: string;
          note?: string | null;
          patient_id: string;
          payment_id: string;
          provider?: Database["public"]["Enums"]["payment_provider"];
          razorpay_refund_id?: string | null;
          reason: string;
          requested_by?: string | null;
          status?: string;
          stripe_refund_id?: string | null;
          succeeded_at?: string | null;
          tenant_id: string;
          updated_at?: string;
        };
        Update: {
          amount?: number;
          amount_minor?: number;
          appointment_id?: string;
          attempts?: number;
          claimed_until?: string | null;
          created_at?: string;
          currency?: string;
          id?: string;
          last_error?: string | null;
          next_attempt_at?: string;
          note?: string | null;
          patient_id?: string;
          payment_id?: string;
          provider?: Database["public"]["Enums"]["payment_provider"];
          razorpay_refund_id?: string | null;
          reason?: string;
          requested_by?: string | null;
          status?: string;
          stripe_refund_id?: string | null;
          succeeded_at?: string | null;
          tenant_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "refunds_tenant_id_appointment_id_fkey";
            columns: ["tenant_id", "appointment_id"];
            isOneToOne: false;
            referencedRelation: "appointments";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "refunds_tenant_id_appointment_id_fkey";
            columns: ["tenant_id", "appointment_id"];
            isOneToOne: false;
            referencedRelation: "payments_due";
            referencedColumns: ["tenant_id", "appointment_id"];
          },
          {
            foreignKeyName: "refunds_tenant_id_appointment_id_fkey";
            columns: ["tenant_id", "appointment_id"];
            isOneToOne: false;
            referencedRelation: "todays_schedule";
            referencedColumns: ["tenant_id", "appointment_id"];
          },
          {
            foreignKeyName: "refunds_tenant_id_appointment_id_fkey";
            columns: ["tenant_id", "appointment_id"];
            isOneToOne: false;
            referencedRelation: "upcoming_appointments";
            referencedColumns: ["tenant_id", "appointment_id"];
          },
          {
            foreignKeyName: "refunds_tenant_id_patient_id_fkey";
            columns: ["tenant_id", "patient_id"];
            isOneToOne: false;
            referencedRelation: "patients";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "refunds_tenant_id_payment_id_fkey";
            columns: ["tenant_id", "payment_id"];
            isOneToOne: false;
            referencedRelation: "payments";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "refunds_tenant_id_payment_id_provider_fkey";
            columns: ["tenant_id", "payment_id", "provider"];
            isOneToOne: false;
            referencedRelation: "payments";
            referencedColumns: ["tenant_id", "id", "provider"];
          },
        ];
      };
      resources: {
        Row: {
          centre_id: string;
          created_at: string;
          id: string;
          is_active: boolean;
          kind: string;
          name: string;
          resource_type: string;
          tenant_id: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          centre_id: string;
          created_at?: string;
          id?: string;
          is_active?: boolean;
          kind: string;
          name: string;
          resource_type: string;
          tenant_id: string;
          updated_at?: string;
        };
        Update: {
          centre_id?: string;
          created_at?: string;
          id?: string;
          is_active?: boolean;
          kind?: string;
          name?: string;
          resource_type?: string;
          tenant_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "resources_tenant_id_centre_id_fkey";
            columns: ["tenant_id", "centre_id"];
            isOneToOne: false;
            referencedRelation: "centres";
            referencedColumns: ["tenant_id", "id"];
          },
        ];
      };
      reviews: {
        Row: {
          appointment_id: string;
          body: string | null;
          clinician_id: string;
          created_at: string;
          edited_at: string | null;
          hidden_at: string | null;
          hidden_by: string | null;
          hidden_reason: string | null;
          id: string;
          patient_id: string;
          rating: number;
          status: Database["public"]["Enums"]["review_status"];
          tenant_id: string;
          withdrawn_at: string | null;
        };
        ComputedFields: never;
        Insert: {
          appointment_id: string;
          body?: string | null;
          clinician_id: string;
          created_at?: string;
          edited_at?: string | null;
          hidden_at?: string | null;
          hidden_by?: string | null;
          hidden_reason?: string | null;
          id?: string;
          patient_id: string;
          rating: number;
          status?: Database["public"]["Enums"]["review_status"];
          tenant_id: string;
          withdrawn_at?: string | null;
        };
        Update: {
          appointment_id?: string;
          body?: string | null;
          clinician_id?: string;
          created_at?: string;
          edited_at?: string | null;
          hidden_at?: string | null;
          hidden_by?: string | null;
          hidden_reason?: string | null;
          id?: string;
          patient_id?: string;
          rating?: number;
          status?: Database["public"]["Enums"]["review_status"];
          tenant_id?: string;
          withdrawn_at?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "reviews_tenant_id_appointment_id_fkey";
            columns: ["tenant_id", "appointment_id"];
            isOneToOne: true;
            referencedRelation: "appointments";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "reviews_tenant_id_appointment_id_fkey";
            columns: ["tenant_id", "appointment_id"];
            isOneToOne: true;
            referencedRelation: "payments_due";
            referencedColumns: ["tenant_id", "appointment_id"];
          },
          {
            foreignKeyName: "reviews_tenant_id_appointment_id_fkey";
            columns: ["tenant_id", "appointment_id"];
            isOneToOne: true;
            referencedRelation: "todays_schedule";
            referencedColumns: ["tenant_id", "appointment_id"];
          },
          {
            foreignKeyName: "reviews_tenant_id_appointment_id_fkey";
            columns: ["tenant_id", "appointment_id"];
            isOneToOne: true;
            referencedRelation: "upcoming_appointments";
            referencedColumns: ["tenant_id", "appointment_id"];
          },
          {
            foreignKeyName: "reviews_tenant_id_clinician_id_fkey";
            columns: ["tenant_id", "clinician_id"];
            isOneToOne: false;
            referencedRelation: "clinicians";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "reviews_tenant_id_patient_id_fkey";
            columns: ["tenant_id", "patient_id"];
            isOneToOne: false;
            referencedRelation: "patients";
            referencedColumns: ["tenant_id", "id"];
          },
        ];
      };
      services: {
        Row: {
          buffer_after_minutes: number;
          buffer_before_minutes: number;
          cancellation_fee: number;
          cancellation_window: string | null;
          created_at: string;
          currency: string;
          deposit_amount: number | null;
          description: string | null;
          duration_minutes: number;
          external_id: string | null;
          id: string;
          is_active: boolean;
          is_public: boolean;
          max_booking_horizon: string | null;
          min_booking_notice: string | null;
          mode: Database["public"]["Enums"]["service_mode"];
          name: string;
          payment_required: boolean;
          price: number;
          required_resource_type: string | null;
          reschedule_fee: number;
          reschedule_window: string | null;
          slot_alignment_minutes: number;
          tenant_id: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          buffer_after_minutes?: number;
          buffer_before_minutes?: number;
          cancellation_fee?: number;
          cancellation_window?: string | null;
          created_at?: string;
          currency: string;
          deposit_amount?: number | null;
          description?: string | null;
          duration_minutes: number;
          external_id?: string | null;
          id?: string;
          is_active?: boolean;
          is_public?: boolean;
          max_booking_horizon?: string | null;
          min_booking_notice?: string | null;
          mode?: Database["public"]["Enums"]["service_mode"];
          name: string;
          payment_required?: boolean;
          price?: number;
          required_resource_type?: string | null;
          reschedule_fee?: number;
          reschedule_window?: string | null;
          slot_alignment_minutes?: number;
          tenant_id: string;
          updated_at?: string;
        };
        Update: {
          buffer_after_minutes?: number;
          buffer_before_minutes?: number;
          cancellation_fee?: number;
          cancellation_window?: string | null;
          created_at?: string;
          currency?: string;
          deposit_amount?: number | null;
          description?: string | null;
          duration_minutes?: number;
          external_id?: string | null;
          id?: string;
          is_active?: boolean;
          is_public?: boolean;
          max_booking_horizon?: string | null;
          min_booking_notice?: string | null;
          mode?: Database["public"]["Enums"]["service_mode"];
          name?: string;
          payment_required?: boolean;
          price?: number;
          required_resource_type?: string | null;
          reschedule_fee?: number;
          reschedule_window?: string | null;
          slot_alignment_minutes?: number;
          tenant_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "services_tenant_id_fkey";
            columns: ["tenant_id"];
            isOneToOne: false;
            referencedRelation: "tenants";
            referencedColumns: ["id"];
          },
        ];
      };
      tenant_payment_settings: {
        Row: {
          created_at: string;
          provider: Database["public"]["Enums"]["payment_provider"];
          razorpay_account_id: string | null;
          stripe_account_id: string | null;
          tenant_id: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          created_at?: string;
          provider?: Database["public"]["Enums"]["payment_provider"];
          razorpay_account_id?: string | null;
          stripe_account_id?: string | null;
          tenant_id: string;
          updated_at?: string;
        };
        Update: {
          created_at?: string;
          provider?: Database["public"]["Enums"]["payment_provider"];
          razorpay_account_id?: string | null;
          stripe_account_id?: string | null;
          tenant_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "tenant_payment_settings_tenant_id_fkey";
            columns: ["tenant_id"];
            isOneToOne: true;
            referencedRelation: "tenants";
            referencedColumns: ["id"];
          },
        ];
      };
      tenant_rate_limits: {
        Row: {
          action: Database["public"]["Enums"]["rate_limited_action"];
          per_ip: number;
          per_user: number;
          period: string;
          tenant_id: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          action: Database["public"]["Enums"]["rate_limited_action"];
          per_ip: number;
          per_user: number;
          period: string;
          tenant_id: string;
          updated_at?: string;
        };
        Update: {
          action?: Database["public"]["Enums"]["rate_limited_action"];
          per_ip?: number;
          per_user?: number;
          period?: string;
          tenant_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "tenant_rate_limits_tenant_id_fkey";
            columns: ["tenant_id"];
            isOneToOne: false;
            referencedRelation: "tenants";
            referencedColumns: ["id"];
          },
        ];
      };
      tenants: {
        Row: {
          about: string | null;
          cancellation_window: string;
          cover_image_path: string | null;
          created_at: string;
          currency: string;
          id: string;
          is_active: boolean;
          locale: string;
          logo_path: string | null;
          max_booking_horizon: string;
          min_booking_notice: string;
          name: string;
          payment_hold_duration: string;
          reminder_offsets: string[];
          slug: string;
          social_links: NonNullable<Json>;
          timezone: string;
          updated_at: string;
          waitlist_offer_duration: string;
          website_url: string | null;
        };
        ComputedFields: never;
        Insert: {
          about?: string | null;
          cancellation_window?: string;
          cover_image_path?: string | null;
          created_at?: string;
          currency: string;
          id?: string;
          is_active?: boolean;
          locale: string;
          logo_path?: string | null;
          max_booking_horizon?: string;
          min_booking_notice?: string;
          name: string;
          payment_hold_duration?: string;
          reminder_offsets?: string[];
          slug: string;
          social_links?: NonNullable<Json>;
          timezone: string;
          updated_at?: string;
          waitlist_offer_duration?: string;
          website_url?: string | null;
        };
        Update: {
          about?: string | null;
          cancellation_window?: string;
          cover_image_path?: string | null;
          created_at?: string;
          currency?: string;
          id?: string;
          is_active?: boolean;
          locale?: string;
          logo_path?: string | null;
          max_booking_horizon?: string;
          min_booking_notice?: string;
          name?: string;
          payment_hold_duration?: string;
          reminder_offsets?: string[];
          slug?: string;
          social_links?: NonNullable<Json>;
          timezone?: string;
          updated_at?: string;
          waitlist_offer_duration?: string;
          website_url?: string | null;
        };
        Relationships: [];
      };
      time_off: {
        Row: {
          clinician_id: string;
          created_at: string;
          during: unknown;
          id: string;
          reason: string | null;
          tenant_id: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          clinician_id: string;
          created_at?: string;
          during: unknown;
          id?: string;
          reason?: string | null;
          tenant_id: string;
          updated_at?: string;
        };
        Update: {
          clinician_id?: string;
          created_at?: string;
          during?: unknown;
          id?: string;
          reason?: string | null;
          tenant_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "time_off_tenant_id_clinician_id_fkey";
            columns: ["tenant_id", "clinician_id"];
            isOneToOne: false;
            referencedRelation: "clinicians";
            referencedColumns: ["tenant_id", "id"];
          },
        ];
      };
      waitlist_entries: {
        Row: {
          centre_id: string;
          clinician_id: string | null;
          created_at: string;
          created_by: string | null;
          earliest: string;
          id: string;
          joined_via: string;
          latest: string;
          offer_expires_at: string | null;
          offered_appointment_id: string | null;
          patient_id: string;
          service_id: string;
          status: Database["public"]["Enums"]["waitlist_status"];
          tenant_id: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          centre_id: string;
          clinician_id?: string | null;
          created_at?: string;
          created_by?: string | null;
          earliest: string;
          id?: string;
          joined_via: string;
          latest: string;
          offer_expires_at?: string | null;
          offered_appointment_id?: string | null;
          patient_id: string;
          service_id: string;
          status?: Database["public"]["Enums"]["waitlist_status"];
          tenant_id: string;
          updated_at?: string;
        };
        Update: {
          centre_id?: string;
          clinician_id?: string | null;
          created_at?: string;
          created_by?: string | null;
          earliest?: string;
          id?: string;
          joined_via?: string;
          latest?: string;
          offer_expires_at?: string | null;
          offered_appointment_id?: string | null;
          patient_id?: string;
          service_id?: string;
          status?: Database["public"]["Enums"]["waitlist_status"];
          tenant_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "waitlist_entries_tenant_id_centre_id_fkey";
            columns: ["tenant_id", "centre_id"];
            isOneToOne: false;
            referencedRelation: "centres";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "waitlist_entries_tenant_id_clinician_id_fkey";
            columns: ["tenant_id", "clinician_id"];
            isOneToOne: false;
            referencedRelation: "clinicians";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "waitlist_entries_tenant_id_offered_appointment_id_fkey";
            columns: ["tenant_id", "offered_appointment_id"];
            isOneToOne: false;
            referencedRelation: "appointments";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "waitlist_entries_tenant_id_offered_appointment_id_fkey";
            columns: ["tenant_id", "offered_appointment_id"];
            isOneToOne: false;
            referencedRelation: "payments_due";
            referencedColumns: ["tenant_id", "appointment_id"];
          },
          {
            foreignKeyName: "waitlist_entries_tenant_id_offered_appointment_id_fkey";
            columns: ["tenant_id", "offered_appointment_id"];
            isOneToOne: false;
            referencedRelation: "todays_schedule";
            referencedColumns: ["tenant_id", "appointment_id"];
          },
          {
            foreignKeyName: "waitlist_entries_tenant_id_offered_appointment_id_fkey";
            columns: ["tenant_id", "offered_appointment_id"];
            isOneToOne: false;
            referencedRelation: "upcoming_appointments";
            referencedColumns: ["tenant_id", "appointment_id"];
          },
          {
            foreignKeyName: "waitlist_entries_tenant_id_patient_id_fkey";
            columns: ["tenant_id", "patient_id"];
            isOneToOne: false;
            referencedRelation: "patients";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "waitlist_entries_tenant_id_service_id_fkey";
            columns: ["tenant_id", "service_id"];
            isOneToOne: false;
            referencedRelation: "services";
            referencedColumns: ["tenant_id", "id"];
          },
        ];
      };
      waitlist_offers: {
        Row: {
          appointment_id: string;
          clinician_id: string;
          decided_at: string | null;
          ends_at: string;
          entry_id: string;
          expires_at: string;
          id: string;
          offered_at: string;
          outcome: Database["public"]["Enums"]["waitlist_offer_outcome"] | null;
          starts_at: string;
          tenant_id: string;
        };
        ComputedFields: never;
        Insert: {
          appointment_id: string;
          clinician_id: string;
          decided_at?: string | null;
          ends_at: string;
          entry_id: string;
          expires_at: string;
          id?: string;
          offered_at?: string;
          outcome?: Database["public"]["Enums"]["waitlist_offer_outcome"] | null;
          starts_at: string;
          tenant_id: string;
        };
        Update: {
          appointment_id?: string;
          clinician_id?: string;
          decided_at?: string | null;
          ends_at?: string;
          entry_id?: string;
          expires_at?: string;
          id?: string;
          offered_at?: string;
          outcome?: Database["public"]["Enums"]["waitlist_offer_outcome"] | null;
          starts_at?: string;
          tenant_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "waitlist_offers_tenant_id_appointment_id_fkey";
            columns: ["tenant_id", "appointment_id"];
            isOneToOne: true;
            referencedRelation: "appointments";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "waitlist_offers_tenant_id_appointment_id_fkey";
            columns: ["tenant_id", "appointment_id"];
            isOneToOne: true;
            referencedRelation: "payments_due";
            referencedColumns: ["tenant_id", "appointment_id"];
          },
          {
            foreignKeyName: "waitlist_offers_tenant_id_appointment_id_fkey";
            columns: ["tenant_id", "appointment_id"];
            isOneToOne: true;
            referencedRelation: "todays_schedule";
            referencedColumns: ["tenant_id", "appointment_id"];
          },
          {
            foreignKeyName: "waitlist_offers_tenant_id_appointment_id_fkey";
            columns: ["tenant_id", "appointment_id"];
            isOneToOne: true;
            referencedRelation: "upcoming_appointments";
            referencedColumns: ["tenant_id", "appointment_id"];
          },
          {
            foreignKeyName: "waitlist_offers_tenant_id_entry_id_fkey";
            columns: ["tenant_id", "entry_id"];
            isOneToOne: false;
            referencedRelation: "waitlist_entries";
            referencedColumns: ["tenant_id", "id"];
          },
        ];
      };
      whatsapp_templates: {
        Row: {
          content_sid: string;
          created_at: string;
          kind: Database["public"]["Enums"]["notification_kind"];
          language: string;
          tenant_id: string;
          updated_at: string;
          variables: string[];
        };
        ComputedFields: never;
        Insert: {
          content_sid: string;
          created_at?: string;
          kind: Database["public"]["Enums"]["notification_kind"];
          language: string;
          tenant_id: string;
          updated_at?: string;
          variables: string[];
        };
        Update: {
          content_sid?: string;
          created_at?: string;
          kind?: Database["public"]["Enums"]["notification_kind"];
          language?: string;
          tenant_id?: string;
          updated_at?: string;
          variables?: string[];
        };
        Relationships: [
          {
            foreignKeyName: "whatsapp_templates_tenant_id_fkey";
            columns: ["tenant_id"];
            isOneToOne: false;
            referencedRelation: "tenants";
            referencedColumns: ["id"];
          },
        ];
      };
    };
    Views: {
      payments_due: {
        Row: {
          amount_due: number | null;
          appointment_id: string;
          centre_id: string;
          centre_name: string | null;
          clinician_id: string;
          currency: string | null;
          hold_expired: boolean | null;
          hold_expires_at: string | null;
          kind: string | null;
          patient_display_name: string | null;
          patient_id: string;
          payment_flow: Database["public"]["Enums"]["payment_flow"] | null;
          payment_id: string | null;
          payment_opened_at: string | null;
          payment_provider: Database["public"]["Enums"]["payment_provider"] | null;
          payment_status: Database["public"]["Enums"]["payment_status"] | null;
          service_id: string;
          service_name: string | null;
          starts_at: string;
          tenant_id: string;
        };
        ComputedFields: never;
        Relationships: [
          {
            foreignKeyName: "appointments_tenant_id_centre_id_fkey";
            columns: ["tenant_id", "centre_id"];
            isOneToOne: false;
            referencedRelation: "centres";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "appointments_tenant_id_clinician_id_fkey";
            columns: ["tenant_id", "clinician_id"];
            isOneToOne: false;
            referencedRelation: "clinicians";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "appointments_tenant_id_patient_id_fkey";
            columns: ["tenant_id", "patient_id"];
            isOneToOne: false;
            referencedRelation: "patients";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "appointments_tenant_id_service_id_fkey";
            columns: ["tenant_id", "service_id"];
            isOneToOne: false;
            referencedRelation: "services";
            referencedColumns: ["tenant_id", "id"];
          },
        ];
      };
      todays_schedule: {
        Row: {
          appointment_id: string;
          centre_id: string;
          centre_name: string | null;
          centre_timezone: string | null;
          clinician_id: string;
          clinician_name: string | null;
          ends_at: string;
          local_date: string | null;
          local_end_time: string | null;
          local_start_time: string | null;
          meeting_url: string | null;
          patient_display_name: string | null;
          patient_id: string;
          service_id: string;
          service_name: string | null;
          starts_at: string;
          status: Database["public"]["Enums"]["appointment_status"];
          tenant_id: string;
        };
        ComputedFields: never;
        Relationships: [
          {
            foreignKeyName: "appointments_tenant_id_clinician_id_fkey";
            columns: ["tenant_id", "clinician_id"];
            isOneToOne: false;
            referencedRelation: "clinicians";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "appointments_tenant_id_patient_id_fkey";
            columns: ["tenant_id", "patient_id"];
            isOneToOne: false;
            referencedRelation: "patients";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "appointments_tenant_id_service_id_fkey";
            columns: ["tenant_id", "service_id"];
            isOneToOne: false;
            referencedRelation: "services";
            referencedColumns: ["tenant_id", "id"];
          },
        ];
      };
      upcoming_appointments: {
        Row: {
          appointment_id: string;
          centre_id: string;
          centre_name: string | null;
          centre_timezone: string | null;
          clinician_id: string;
          clinician_name: string | null;
          ends_at: string;
          hold_expires_at: string | null;
          local_date: string | null;
          local_end_time: string | null;
          local_start_time: string | null;
          patient_display_name: string | null;
          patient_id: string;
          service_id: string;
          service_name: string | null;
          starts_at: string;
          status: Database["public"]["Enums"]["appointment_status"];
          tenant_id: string;
        };
        ComputedFields: never;
        Relationships: [
          {
            foreignKeyName: "appointments_tenant_id_clinician_id_fkey";
            columns: ["tenant_id", "clinician_id"];
            isOneToOne: false;
            referencedRelation: "clinicians";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "appointments_tenant_id_patient_id_fkey";
            columns: ["tenant_id", "patient_id"];
            isOneToOne: false;
            referencedRelation: "patients";
            referencedColumns: ["tenant_id", "id"];
          },
          {
            foreignKeyName: "appointments_tenant_id_service_id_fkey";
            columns: ["tenant_id", "service_id"];
            isOneToOne: false;
            referencedRelation: "services";
            referencedColumns: ["tenant_id", "id"];
          },
        ];
      };
    };
    Functions: {
      accept_waitlist_offer: {
        Args: { id: string; offer_id?: string };
        Returns: {
          booked_by: string | null;
          booked_via: string;
          cancellation_outcome: Json | null;
          cancellation_reason: string | null;
          cancelled_at: string | null;
          cancelled_by: string | null;
          centre_id: string;
          client_key: string | null;
          clinician_id: string;
          created_at: string;
          ends_at: string;
          hold_expires_at: string | null;
          id: string;
          meeting_url: string | null;
          occupied: unknown;
          override_reason: string | null;
          patient_id: string;
          reschedule_count: number;
          series_id: string | null;
          service_id: string;
          staff_override: boolean;
          starts_at: string;
          status: Database["public"]["Enums"]["appointment_status"];
          tenant_id: string;
          updated_at: string;
        };
        SetofOptions: {
          from: "*";
          to: "appointments";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      appointments_by_status_and_period: {
        Args: {
          centre_id?: string;
          from_date: string;
          period?: string;
          tenant_id: string;
          to_date: string;
        };
        Returns: {
          appointments: number;
          period_start: string;
          status: Database["public"]["Enums"]["appointment_status"];
        }[];
      };
      attach_razorpay_payment: {
        Args: {
          order_id?: string;
          payment_id: string;
          payment_link_id?: string;
          payment_link_url?: string;
        };
        Returns: {
          amount: number;
          amount_minor: number;
          amount_refunded: number;
          appointment_id: string;
          attempt: number;
          checkout_url: string | null;
          created_at: string;
          currency: string;
          failure_message: string | null;
          flow: Database["public"]["Enums"]["payment_flow"];
          id: string;
          idempotency_key: string;
          kind: string;
          patient_id: string;
          provider: Database["public"]["Enums"]["payment_provider"];
          razorpay_account_id: string | null;
          razorpay_order_id: string | null;
          razorpay_payment_id: string | null;
          razorpay_payment_link_id: string | null;
          receipt_url: string | null;
          status: Database["public"]["Enums"]["payment_status"];
          stripe_account_id: string | null;
          stripe_checkout_session_id: string | null;
          stripe_payment_intent_id: string | null;
          succeeded_at: string | null;
          tenant_id: string;
          updated_at: string;
        };
        SetofOptions: {
          from: "*";
          to: "payments";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      attach_stripe_payment: {
        Args: {
          checkout_session_id?: string;
          checkout_url?: string;
          payment_id: string;
          payment_intent_id?: string;
        };
        Returns: {
          amount: number;
          amount_minor: number;
          amount_refunded: number;
          appointment_id: string;
          attempt: number;
          checkout_url: string | null;
          created_at: string;
          currency: string;
          failure_message: string | null;
          flow: Database["public"]["Enums"]["payment_flow"];
          id: string;
          idempotency_key: string;
          kind: string;
          patient_id: string;
          provider: Database["public"]["Enums"]["payment_provider"];
          razorpay_account_id: string | null;
          razorpay_order_id: string | null;
          razorpay_payment_id: string | null;
          razorpay_payment_link_id: string | null;
          receipt_url: string | null;
          status: Database["public"]["Enums"]["payment_status"];
          stripe_account_id: string | null;
          stripe_checkout_session_id: string | null;
          stripe_payment_intent_id: string | null;
          succeeded_at: string | null;
          tenant_id: string;
          updated_at: string;
        };
        SetofOptions: {
          from: "*";
          to: "payments";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      book_appointment: {
        Args: {
          centre_id: string;
          client_key?: string;
          clinician_id: string;
          override_reason?: string;
          patient_id?: string;
          service_id: string;
          staff_override?: boolean;
          starts_at: string;
        };
        Returns: {
          booked_by: string | null;
          booked_via: string;
          cancellation_outcome: Json | null;
          cancellation_reason: string | null;
          cancelled_at: string | null;
          cancelled_by: string | null;
          centre_id: string;
          client_key: string | null;
          clinician_id: string;
          created_at: string;
          ends_at: string;
          hold_expires_at: string | null;
          id: string;
          meeting_url: string | null;
          occupied: unknown;
          override_reason: string | null;
          patient_id: string;
          reschedule_count: number;
          series_id: string | null;
          service_id: string;
          staff_override: boolean;
          starts_at: string;
          status: Database["public"]["Enums"]["appointment_status"];
          tenant_id: string;
          updated_at: string;
        };
        SetofOptions: {
          from: "*";
          to: "appointments";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      book_appointment_series: {
        Args: {
          centre_id: string;
          client_key?: string;
          clinician_id: string;
          first_starts_at: string;
          patient_id?: string;
          rrule: string;
          service_id: string;
          skip_conflicts?: boolean;
        };
        Returns: Json;
      };
      cancel_appointment: {
        Args: { id: string; reason: string };
        Returns: {
          booked_by: string | null;
          booked_via: string;
          cancellation_outcome: Json | null;
          cancellation_reason: string | null;
          cancelled_at: string | null;
          cancelled_by: string | null;
          centre_id: string;
          client_key: string | null;
          clinician_id: string;
          created_at: string;
          ends_at: string;
          hold_expires_at: string | null;
          id: string;
          meeting_url: string | null;
          occupied: unknown;
          override_reason: string | null;
          patient_id: string;
          reschedule_count: number;
          series_id: string | null;
          service_id: string;
          staff_override: boolean;
          starts_at: string;
          status: Database["public"]["Enums"]["appointment_status"];
          tenant_id: string;
          updated_at: string;
        };
        SetofOptions: {
          from: "*";
          to: "appointments";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      cancel_appointment_series: {
        Args: { appointment_id: string; reason: string; scope: string };
        Returns: Json;
      };
      centre_public_page: { Args: { centre_slug: string; tenant_slug: string }; Returns: Json };
      check_in_appointment: {
        Args: { id: string };
        Returns: {
          booked_by: string | null;
          booked_via: string;
          cancellation_outcome: Json | null;
          cancellation_reason: string | null;
          cancelled_at: string | null;
          cancelled_by: string | null;
          centre_id: string;
          client_key: string | null;
          clinician_id: string;
          created_at: string;
          ends_at: string;
          hold_expires_at: string | null;
          id: string;
          meeting_url: string | null;
          occupied: unknown;
          override_reason: string | null;
          patient_id: string;
          reschedule_count: number;
          series_id: string | null;
          service_id: string;
          staff_override: boolean;
          starts_at: string;
          status: Database["public"]["Enums"]["appointment_status"];
          tenant_id: string;
          updated_at: string;
        };
        SetofOptions: {
          from: "*";
          to: "appointments";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      claim_notifications: {
        Args: { lease?: string; max_count?: number; whatsapp?: boolean };
        Returns: {
          attempts: number;
          body: string;
          channel: Database["public"]["Enums"]["contact_channel"];
          content_sid: string;
          content_variables: Json;
          dedupe_key: string;
          id: string;
          kind: Database["public"]["Enums"]["notification_kind"];
          parked_reason: string;
          recipient: string;
          subject: string;
          tenant_id: string;
        }[];
      };
      claim_patient_record: {
        Args: { date_of_birth: string; tenant_id: string };
        Returns: {
          blood_group: Database["public"]["Enums"]["blood_group"] | null;
          consents: NonNullable<Json>;
          created_at: string;
          created_by: string | null;
          date_of_birth: string | null;
          email: string | null;
          emergency_contact: Json | null;
          external_id: string | null;
          full_name: string;
          gender: string | null;
          id: string;
          lead_source: string | null;
          phone: string | null;
          preferred_channel: Database["public"]["Enums"]["contact_channel"] | null;
          preferred_language: string | null;
          registered_centre_id: string | null;
          tenant_id: string;
          updated_at: string;
          user_id: string | null;
        }[];
        SetofOptions: {
          from: "*";
          to: "patients";
          isOneToOne: false;
          isSetofReturn: true;
        };
      };
      claim_refunds: {
        Args: {
          lease?: string;
          max_count?: number;
          providers?: Database["public"]["Enums"]["payment_provider"][];
          refund_ids?: string[];
        };
        Returns: {
          amount: number;
          amount_minor: number;
          appointment_id: string;
          attempts: number;
          currency: string;
          idempotency_key: string;
          metadata: Json;
          payment_id: string;
          provider: Database["public"]["Enums"]["payment_provider"];
          razorpay_account_id: string;
          razorpay_payment_id: string;
          refund_id: string;
          stripe_account_id: string;
          stripe_payment_intent_id: string;
          tenant_id: string;
        }[];
      };
      clinician_reviews: {
        Args: { before?: string; clinician_id: string; max_rows?: number };
        Returns: {
          body: string;
          created_at: string;
          edited_at: string;
          rating: number;
          review_id: string;
        }[];
      };
      collected_revenue: {
        Args: {
          centre_id?: string;
          from_date: string;
          period?: string;
          tenant_id: string;
          to_date: string;
        };
        Returns: {
          centre: string;
          clinician_id: string;
          collected: number;
          currency: string;
          net: number;
          payments: number;
          period_start: string;
          refunded: number;
          refunds: number;
        }[];
      };
      complete_appointment: {
        Args: { id: string };
        Returns: {
          booked_by: string | null;
          booked_via: string;
          cancellation_outcome: Json | null;
          cancellation_reason: string | null;
          cancelled_at: string | null;
          cancelled_by: string | null;
          centre_id: string;
          client_key: string | null;
          clinician_id: string;
          created_at: string;
          ends_at: string;
          hold_expires_at: string | null;
          id: string;
          meeting_url: string | null;
          occupied: unknown;
          override_reason: string | null;
          patient_id: string;
          reschedule_count: number;
          series_id: string | null;
          service_id: string;
          staff_override: boolean;
          starts_at: string;
          status: Database["public"]["Enums"]["appointment_status"];
          tenant_id: string;
          updated_at: string;
        };
        SetofOptions: {
          from: "*";
          to: "appointments";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      confirm_appointment: {
        Args: { id: string };
        Returns: {
          booked_by: string | null;
          booked_via: string;
          cancellation_outcome: Json | null;
          cancellation_reason: string | null;
          cancelled_at: string | null;
          cancelled_by: string | null;
          centre_id: string;
          client_key: string | null;
          clinician_id: string;
          created_at: string;
          ends_at: string;
          hold_expires_at: string | null;
          id: string;
          meeting_url: string | null;
          occupied: unknown;
          override_reason: string | null;
          patient_id: string;
          reschedule_count: number;
          series_id: string | null;
          service_id: string;
          staff_override: boolean;
          starts_at: string;
          status: Database["public"]["Enums"]["appointment_status"];
          tenant_id: string;
          updated_at: string;
        };
        SetofOptions: {
          from: "*";
          to: "appointments";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      confirm_razorpay_payment: { Args: { payment: Json; payment_id: string }; Returns: Json };
      create_tenant: {
        Args: { currency: string; locale: string; name: string; slug: string; timezone: string };
        Returns: {
          about: string | null;
          cancellation_window: string;
          cover_image_path: string | null;
          created_at: string;
          currency: string;
          id: string;
          is_active: boolean;
          locale: string;
          logo_path: string | null;
          max_booking_horizon: string;
          min_booking_notice: string;
          name: string;
          payment_hold_duration: string;
          reminder_offsets: string[];
          slug: string;
          social_links: NonNullable<Json>;
          timezone: string;
          updated_at: string;
          waitlist_offer_duration: string;
          website_url: string | null;
        };
        SetofOptions: {
          from: "*";
          to: "tenants";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      custom_access_token_hook: { Args: { event: Json }; Returns: Json };
      decline_waitlist_offer: {
        Args: { id: string; offer_id?: string };
        Returns: {
          centre_id: string;
          clinician_id: string | null;
          created_at: string;
          created_by: string | null;
          earliest: string;
          id: string;
          joined_via: string;
          latest: string;
          offer_expires_at: string | null;
          offered_appointment_id: string | null;
          patient_id: string;
          service_id: string;
          status: Database["public"]["Enums"]["waitlist_status"];
          tenant_id: string;
          updated_at: string;
        };
        SetofOptions: {
          from: "*";
          to: "waitlist_entries";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      edit_review: {
        Args: { body?: string; rating: number; review_id: string };
        Returns: {
          appointment_id: string;
          body: string | null;
          clinician_id: string;
          created_at: string;
          edited_at: string | null;
          hidden_at: string | null;
          hidden_by: string | null;
          hidden_reason: string | null;
          id: string;
          patient_id: string;
          rating: number;
          status: Database["public"]["Enums"]["review_status"];
          tenant_id: string;
          withdrawn_at: string | null;
        };
        SetofOptions: {
          from: "*";
          to: "reviews";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      enqueue_notification: {
        Args: {
          appointment_id: string;
          dedupe_key: string;
          kind: Database["public"]["Enums"]["notification_kind"];
          patient_id: string;
          payload: Json;
          send_after?: string;
          tenant_id: string;
        };
        Returns: string;
      };
      fall_back_to_sms: {
        Args: { provider: string; provider_message_id: string; reason?: string };
        Returns: string;
      };
      handle_razorpay_event: { Args: { event: Json; event_id: string }; Returns: Json };
      handle_stripe_event: { Args: { event: Json }; Returns: Json };
      hide_review: {
        Args: { reason: string; review_id: string };
        Returns: {
          appointment_id: string;
          body: string | null;
          clinician_id: string;
          created_at: string;
          edited_at: string | null;
          hidden_at: string | null;
          hidden_by: string | null;
          hidden_reason: string | null;
          id: string;
          patient_id: string;
          rating: number;
          status: Database["public"]["Enums"]["review_status"];
          tenant_id: string;
          withdrawn_at: string | null;
        };
        SetofOptions: {
          from: "*";
          to: "reviews";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      import_rows: {
        Args: {
          all_or_nothing?: boolean;
          columns: string[];
          dry_run?: boolean;
          kind: string;
          rows: Json;
          tenant_id: string;
        };
        Returns: {
          action: string;
          code: string;
          column_name: string;
          message: string;
          record_id: string;
          row_number: number;
        }[];
      };
      join_waitlist: {
        Args: {
          centre_id: string;
          clinician_id?: string;
          earliest: string;
          latest: string;
          patient_id?: string;
          service_id: string;
        };
        Returns: {
          centre_id: string;
          clinician_id: string | null;
          created_at: string;
          created_by: string | null;
          earliest: string;
          id: string;
          joined_via: string;
          latest: string;
          offer_expires_at: string | null;
          offered_appointment_id: string | null;
          patient_id: string;
          service_id: string;
          status: Database["public"]["Enums"]["waitlist_status"];
          tenant_id: string;
          updated_at: string;
        };
        SetofOptions: {
          from: "*";
          to: "waitlist_entries";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      lead_time: {
        Args: { centre_id?: string; from_date: string; tenant_id: string; to_date: string };
        Returns: {
          appointments: number;
          average_hours: number;
          centre: string;
          median_hours: number;
        }[];
      };
      leave_waitlist: {
        Args: { id: string };
        Returns: {
          centre_id: string;
          clinician_id: string | null;
          created_at: string;
          created_by: string | null;
          earliest: string;
          id: string;
          joined_via: string;
          latest: string;
          offer_expires_at: string | null;
          offered_appointment_id: string | null;
          patient_id: string;
          service_id: string;
          status: Database["public"]["Enums"]["waitlist_status"];
          tenant_id: string;
          updated_at: string;
        };
        SetofOptions: {
          from: "*";
          to: "waitlist_entries";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      link_patient_account: {
        Args: { patient_id: string };
        Returns: {
          blood_group: Database["public"]["Enums"]["blood_group"] | null;
          consents: NonNullable<Json>;
          created_at: string;
          created_by: string | null;
          date_of_birth: string | null;
          email: string | null;
          emergency_contact: Json | null;
          external_id: string | null;
          full_name: string;
          gender: string | null;
          id: string;
          lead_source: string | null;
          phone: string | null;
          preferred_channel: Database["public"]["Enums"]["contact_channel"] | null;
          preferred_language: string | null;
          registered_centre_id: string | null;
          tenant_id: string;
          updated_at: string;
          user_id: string | null;
        };
        SetofOptions: {
          from: "*";
          to: "patients";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      mark_arrived: {
        Args: { id: string };
        Returns: {
          booked_by: string | null;
          booked_via: string;
          cancellation_outcome: Json | null;
          cancellation_reason: string | null;
          cancelled_at: string | null;
          cancelled_by: string | null;
          centre_id: string;
          client_key: string | null;
          clinician_id: string;
          created_at: string;
          ends_at: string;
          hold_expires_at: string | null;
          id: string;
          meeting_url: string | null;
          occupied: unknown;
          override_reason: string | null;
          patient_id: string;
          reschedule_count: number;
          series_id: string | null;
          service_id: string;
          staff_override: boolean;
          starts_at: string;
          status: Database["public"]["Enums"]["appointment_status"];
          tenant_id: string;
          updated_at: string;
        };
        SetofOptions: {
          from: "*";
          to: "appointments";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      mark_entered_in_error: {
        Args: { id: string; reason: string };
        Returns: {
          booked_by: string | null;
          booked_via: string;
          cancellation_outcome: Json | null;
          cancellation_reason: string | null;
          cancelled_at: string | null;
          cancelled_by: string | null;
          centre_id: string;
          client_key: string | null;
          clinician_id: string;
          created_at: string;
          ends_at: string;
          hold_expires_at: string | null;
          id: string;
          meeting_url: string | null;
          occupied: unknown;
          override_reason: string | null;
          patient_id: string;
          reschedule_count: number;
          series_id: string | null;
          service_id: string;
          staff_override: boolean;
          starts_at: string;
          status: Database["public"]["Enums"]["appointment_status"];
          tenant_id: string;
          updated_at: string;
        };
        SetofOptions: {
          from: "*";
          to: "appointments";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      mark_no_show: {
        Args: { id: string };
        Returns: {
          booked_by: string | null;
          booked_via: string;
          cancellation_outcome: Json | null;
          cancellation_reason: string | null;
          cancelled_at: string | null;
          cancelled_by: string | null;
          centre_id: string;
          client_key: string | null;
          clinician_id: string;
          created_at: string;
          ends_at: string;
          hold_expires_at: string | null;
          id: string;
          meeting_url: string | null;
          occupied: unknown;
          override_reason: string | null;
          patient_id: string;
          reschedule_count: number;
          series_id: string | null;
          service_id: string;
          staff_override: boolean;
          starts_at: string;
          status: Database["public"]["Enums"]["appointment_status"];
          tenant_id: string;
          updated_at: string;
        };
        SetofOptions: {
          from: "*";
          to: "appointments";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      new_vs_returning_patients: {
        Args: {
          centre_id?: string;
          from_date: string;
          period?: string;
          tenant_id: string;
          to_date: string;
        };
        Returns: {
          new_patients: number;
          period_start: string;
          returning_patients: number;
        }[];
      };
      no_show_and_cancellation_rates: {
        Args: { centre_id?: string; from_date: string; tenant_id: string; to_date: string };
        Returns: {
          appointments: number;
          cancellation_rate: number;
          cancelled: number;
          centre: string;
          fulfilled: number;
          late_cancellations: number;
          no_show_rate: number;
          no_shows: number;
        }[];
      };
      notification_stats: {
        Args: { from_date: string; tenant_id: string; to_date: string };
        Returns: {
          channel: Database["public"]["Enums"]["contact_channel"];
          count: number;
          kind: Database["public"]["Enums"]["notification_kind"];
          status: Database["public"]["Enums"]["notification_status"];
        }[];
      };
      open_payment: {
        Args: { appointment_id: string; flow: Database["public"]["Enums"]["payment_flow"] };
        Returns: Database["public"]["CompositeTypes"]["opened_payment"];
        SetofOptions: {
          from: "*";
          to: "opened_payment";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      patients_by_lead_source: {
        Args: { centre_id?: string; from_date: string; tenant_id: string; to_date: string };
        Returns: {
          appointments: number;
          currency: string;
          expected_revenue: number;
          fulfilled_appointments: number;
          lead_source: string;
          new_patients: number;
        }[];
      };
      record_auth_hook_call: { Args: { hook: string; webhook_id: string }; Returns: boolean };
      record_delivery_status: {
        Args: { error?: string; provider: string; provider_message_id: string; status: string };
        Returns: boolean;
      };
      record_notification_result: {
        Args: {
          error?: string;
          id: string;
          outcome: string;
          provider?: string;
          provider_message_id?: string;
        };
        Returns: Database["public"]["Enums"]["notification_status"];
      };
      record_opt_in: {
        Args: {
          address: string;
          channel: Database["public"]["Enums"]["contact_channel"];
          event_id?: string;
          occurred_at?: string;
        };
        Returns: boolean;
      };
      record_opt_out: {
        Args: {
          address: string;
          channel: Database["public"]["Enums"]["contact_channel"];
          event_id?: string;
          occurred_at?: string;
          source: string;
        };
        Returns: boolean;
      };
      record_otp_request: {
        Args: { channel: string; ip_address: string; recipient: string };
        Returns: number;
      };
      record_refund_result: {
        Args: { error?: string; provider_refund_id: string; refund_id: string; status: string };
        Returns: {
          amount: number;
          amount_minor: number;
          appointment_id: string;
          attempts: number;
          claimed_until: string | null;
          created_at: string;
          currency: string;
          id: string;
          last_error: string | null;
          next_attempt_at: string;
          note: string | null;
          patient_id: string;
          payment_id: string;
          provider: Database["public"]["Enums"]["payment_provider"];
          razorpay_refund_id: string | null;
          reason: string;
          requested_by: string | null;
          status: string;
          stripe_refund_id: string | null;
          succeeded_at: string | null;
          tenant_id: string;
          updated_at: string;
        };
        SetofOptions: {
          from: "*";
          to: "refunds";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      request_refund: {
        Args: { amount: number; payment_id: string; reason: string };
        Returns: {
          amount: number;
          amount_minor: number;
          appointment_id: string;
          attempts: number;
          claimed_until: string | null;
          created_at: string;
          currency: string;
          id: string;
          last_error: string | null;
          next_attempt_at: string;
          note: string | null;
          patient_id: string;
          payment_id: string;
          provider: Database["public"]["Enums"]["payment_provider"];
          razorpay_refund_id: string | null;
          reason: string;
          requested_by: string | null;
          status: string;
          stripe_refund_id: string | null;
          succeeded_at: string | null;
          tenant_id: string;
          updated_at: string;
        };
        SetofOptions: {
          from: "*";
          to: "refunds";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      reschedule_appointment: {
        Args: { id: string; starts_at: string };
        Returns: {
          booked_by: string | null;
          booked_via: string;
          cancellation_outcome: Json | null;
          cancellation_reason: string | null;
          cancelled_at: string | null;
          cancelled_by: string | null;
          centre_id: string;
          client_key: string | null;
          clinician_id: string;
          created_at: string;
          ends_at: string;
          hold_expires_at: string | null;
          id: string;
          meeting_url: string | null;
          occupied: unknown;
          override_reason: string | null;
          patient_id: string;
          reschedule_count: number;
          series_id: string | null;
          service_id: string;
          staff_override: boolean;
          starts_at: string;
          status: Database["public"]["Enums"]["appointment_status"];
          tenant_id: string;
          updated_at: string;
        };
        SetofOptions: {
          from: "*";
          to: "appointments";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      reschedule_appointment_series: {
        Args: { appointment_id: string; scope: string; starts_at: string };
        Returns: Json;
      };
      revenue_by_period: {
        Args: {
          centre_id?: string;
          from_date: string;
          period?: string;
          tenant_id: string;
          to_date: string;
        };
        Returns: {
          centre: string;
          clinician_id: string;
          currency: string;
          expected_revenue: number;
          fulfilled_appointments: number;
          period_start: string;
        }[];
      };
      search_directory: {
        Args: {
          centre_id?: string;
          language?: string;
          latitude?: number;
          longitude?: number;
          max_rows?: number;
          query?: string;
          tenant_id?: string;
          within_km?: number;
        };
        Returns: {
          average_rating: number;
          centre_id: string;
          centre_name: string;
          centre_slug: string;
          city: string;
          clinician_id: string;
          departments: string[];
          display_name: string;
          distance_km: number;
          languages: string[];
          photo_path: string;
          review_count: number;
          score: number;
          specialisations: string[];
          tenant_id: string;
          tenant_name: string;
          tenant_slug: string;
          title: string;
        }[];
      };
      search_patients: {
        Args: { max_rows?: number; query: string; tenant_id: string };
        Returns: {
          date_of_birth: string;
          email: string;
          full_name: string;
          patient_id: string;
          phone: string;
          registered_centre_id: string;
          score: number;
          user_id: string;
        }[];
      };
      search_products: {
        Args: {
          category?: string;
          centre_id?: string;
          max_rows?: number;
          query?: string;
          requires_prescription?: boolean;
          tenant_id?: string;
        };
        Returns: {
          availability: Json;
          category: string;
          currency: string;
          description: string;
          image_paths: string[];
          name: string;
          price: number;
          product_id: string;
          requires_prescription: boolean;
          score: number;
          tenant_id: string;
        }[];
      };
      search_slots: {
        Args: {
          after?: string;
          centre_id: string;
          clinician_id?: string;
          seed?: number;
          service_id: string;
          window_end: string;
          window_start: string;
        };
        Returns: {
          clinician_id: string;
          ends_at: string;
          local_ends_at: string;
          local_starts_at: string;
          starts_at: string;
          timezone: string;
        }[];
      };
      submit_review: {
        Args: { appointment_id: string; body?: string; rating: number };
        Returns: {
          appointment_id: string;
          body: string | null;
          clinician_id: string;
          created_at: string;
          edited_at: string | null;
          hidden_at: string | null;
          hidden_by: string | null;
          hidden_reason: string | null;
          id: string;
          patient_id: string;
          rating: number;
          status: Database["public"]["Enums"]["review_status"];
          tenant_id: string;
          withdrawn_at: string | null;
        };
        SetofOptions: {
          from: "*";
          to: "reviews";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      top_clinicians: {
        Args: {
          centre_id?: string;
          from_date: string;
          limit_count?: number;
          tenant_id: string;
          to_date: string;
        };
        Returns: {
          clinician_id: string;
          clinician_name: string;
          fulfilled_appointments: number;
          fulfilled_minutes: number;
          no_shows: number;
          rank: number;
        }[];
      };
      utilisation: {
        Args: { centre_id?: string; from_date: string; tenant_id: string; to_date: string };
        Returns: {
          booked_minutes: number;
          centre: string;
          clinician_id: string;
          clinician_name: string;
          open_minutes: number;
          utilisation: number;
        }[];
      };
      withdraw_review: {
        Args: { review_id: string };
        Returns: {
          appointment_id: string;
          body: string | null;
          clinician_id: string;
          created_at: string;
          edited_at: string | null;
          hidden_at: string | null;
          hidden_by: string | null;
          hidden_reason: string | null;
          id: string;
          patient_id: string;
          rating: number;
          status: Database["public"]["Enums"]["review_status"];
          tenant_id: string;
          withdrawn_at: string | null;
        };
        SetofOptions: {
          from: "*";
          to: "reviews";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
    };
    Enums: {
      appointment_status:
        | "pending"
        | "booked"
        | "arrived"
        | "checked_in"
        | "fulfilled"
        | "cancelled"
        | "noshow"
        | "entered_in_error";
      blood_group: "A+" | "A-" | "B+" | "B-" | "AB+" | "AB-" | "O+" | "O-";
      contact_channel: "sms" | "email" | "whatsapp";
      credential_kind: "registration" | "certificate" | "education" | "award" | "membership";
      notification_kind:
        | "booking_confirmed"
        | "booking_rescheduled"
        | "booking_cancelled"
        | "payment_link"
        | "payment_receipt"
        | "waitlist_offer"
        | "reminder";
      notification_status:
        | "queued"
        | "sending"
        | "sent"
        | "delivered"
        | "undelivered"
        | "parked"
        | "voided"
        | "suppressed"
        | "captured";
      patient_document_kind:
        | "referral"
        | "result"
        | "prescription"
        | "insurance"
        | "identity"
        | "consent"
        | "other";
      payment_flow: "payment_intent" | "checkout";
      payment_provider: "stripe" | "razorpay";
      payment_status:
        | "requires_payment"
        | "processing"
        | "succeeded"
        | "failed"
        | "expired"
        | "cancelled";
      product_stock_status: "in_stock" | "low_stock" | "out_of_stock" | "on_order";
      rate_limited_action:
        | "booking"
        | "appointment_change"
        | "payment"
        | "registration"
        | "record_claim"
        | "otp";
      review_status: "published" | "hidden" | "withdrawn";
      service_mode: "in_person" | "video";
      staff_role:
        | "owner"
        | "admin"
        | "manager"
        | "centre_manager"
        | "clinician"
        | "care_coordinator"
        | "front_desk";
      waitlist_offer_outcome: "accepted" | "declined" | "expired" | "withdrawn";
      waitlist_status: "waiting" | "offered" | "booked" | "expired" | "cancelled";
    };
    CompositeTypes: {
      opened_payment: {
        tenant_id: string | null;
        id: string | null;
        appointment_id: string | null;
        patient_id: string | null;
        flow: Database["public"]["Enums"]["payment_flow"] | null;
        kind: string | null;
        amount: number | null;
        currency: string | null;
        amount_minor: number | null;
        status: Database["public"]["Enums"]["payment_status"] | null;
        attempt: number | null;
        idempotency_key: string | null;
        stripe_account_id: string | null;
        stripe_payment_intent_id: string | null;
        stripe_checkout_session_id: string | null;
        checkout_url: string | null;
        receipt_url: string | null;
        amount_refunded: number | null;
        failure_message: string | null;
        succeeded_at: string | null;
        created_at: string | null;
        updated_at: string | null;
        description: string | null;
        patient_email: string | null;
        hold_expires_at: string | null;
        metadata: Json | null;
        provider: Database["public"]["Enums"]["payment_provider"] | null;
        razorpay_account_id: string | null;
        razorpay_order_id: string | null;
        razorpay_payment_id: string | null;
        razorpay_payment_link_id: string | null;
        patient_name: string | null;
        patient_phone: string | null;
        merchant_name: string | null;
      };
    };
  };
};

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">;

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">];

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R;
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] & DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R;
      }
      ? R
      : never
    : never;

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I;
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I;
      }
      ? I
      : never
    : never;

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U;
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U;
      }
      ? U
      : never
    : never;

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends (DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never) = never,
> = DefaultSchemaEnumNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never;

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends (PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never) = never,
> = PublicCompositeTypeNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never;

export const Constants = {
  public: {
    Enums: {
      appointment_status: [
        "pending",
        "booked",
        "arrived",
        "checked_in",
        "fulfilled",
        "cancelled",
        "noshow",
        "entered_in_error",
      ],
      blood_group: ["A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-"],
      contact_channel: ["sms", "email", "whatsapp"],
      credential_kind: ["registration", "certificate", "education", "award", "membership"],
      notification_kind: [
        "booking_confirmed",
        "booking_rescheduled",
        "booking_cancelled",
        "payment_link",
        "payment_receipt",
        "waitlist_offer",
        "reminder",
      ],
      notification_status: [
        "queued",
        "sending",
        "sent",
        "delivered",
        "undelivered",
        "parked",
        "voided",
        "suppressed",
        "captured",
      ],
      patient_document_kind: [
        "referral",
        "result",
        "prescription",
        "insurance",
        "identity",
        "consent",
        "other",
      ],
      payment_flow: ["payment_intent", "checkout"],
      payment_provider: ["stripe", "razorpay"],
      payment_status: [
        "requires_payment",
        "processing",
        "succeeded",
        "failed",
        "expired",
        "cancelled",
      ],
      product_stock_status: ["in_stock", "low_stock", "out_of_stock", "on_order"],
      rate_limited_action: [
        "booking",
        "appointment_change",
        "payment",
        "registration",
        "record_claim",
        "otp",
      ],
      review_status: ["published", "hidden", "withdrawn"],
      service_mode: ["in_person", "video"],
      staff_role: [
        "owner",
        "admin",
        "manager",
        "centre_manager",
        "clinician",
        "care_coordinator",
        "front_desk",
      ],
      waitlist_offer_outcome: ["accepted", "declined", "expired", "withdrawn"],
      waitlist_status: ["waiting", "offered", "booked", "expired", "cancelled"],
    },
  },
} as const;
