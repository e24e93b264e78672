export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[];

export type Database = {
  public: {
    Tables: {
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
      centres: {
        Row: {
          address_line1: string | null;
          address_line2: string | null;
          city: string | null;
          country_code: string | null;
          created_at: string;
          email: string | null;
          id: string;
          is_active: boolean;
          is_published: boolean;
          name: string;
          opening_hours: NonNullable<Json>;
          phone: string | null;
          postal_code: string | null;
          region: string | null;
          slug: string;
          tenant_id: string;
          timezone: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          address_line1?: string | null;
          address_line2?: string | null;
          city?: string | null;
          country_code?: string | null;
          created_at?: string;
          email?: string | null;
          id?: string;
          is_active?: boolean;
          is_published?: boolean;
          name: string;
          opening_hours?: NonNullable<Json>;
          phone?: string | null;
          postal_code?: string | null;
          region?: string | null;
          slug: string;
          tenant_id: string;
          timezone: string;
          updated_at?: string;
        };
        Update: {
          address_line1?: string | null;
          address_line2?: string | null;
          city?: string | null;
          country_code?: string | null;
          created_at?: string;
          email?: string | null;
          id?: string;
          is_active?: boolean;
          is_published?: boolean;
          name?: string;
          opening_hours?: NonNullable<Json>;
          phone?: string | null;
          postal_code?: string | null;
          region?: string | null;
          slug?: string;
          tenant_id?: string;
          timezone?: string;
          updated_at?: string;
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
      clinicians: {
        Row: {
          bio: string | null;
          consultation_fee: number | null;
          created_at: string;
          default_consultation_minutes: number;
          display_name: string;
          fee_currency: string | null;
          id: string;
          is_active: boolean;
          is_public: boolean;
          languages: unknown[];
          member_id: string | null;
          photo_path: string | null;
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
          fee_currency?: string | null;
          id?: string;
          is_active?: boolean;
          is_public?: boolean;
          languages?: unknown[];
          member_id?: string | null;
          photo_path?: string | null;
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
          fee_currency?: string | null;
          id?: string;
          is_active?: boolean;
          is_public?: boolean;
          languages?: unknown[];
          member_id?: string | null;
          photo_path?: string | null;
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
          {
            foreignKeyName: "clinicians_tenant_id_member_id_fkey";
            columns: ["tenant_id", "member_id"];
            isOneToOne: true;
            referencedRelation: "members";
            referencedColumns: ["tenant_id", "id"];
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
      medical_notes: {
        Row: {
          author_member_id: string;
          body: string;
          created_at: string;
          id: string;
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
          patient_id: string;
          tenant_id: string;
          updated_at?: string;
        };
        Update: {
          author_member_id?: string;
          body?: string;
          created_at?: string;
          id?: string;
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
      patients: {
        Row: {
          blood_group: Database["public"]["Enums"]["blood_group"] | null;
          consents: NonNullable<Json>;
          created_at: string;
          created_by: string | null;
          date_of_birth: string | null;
          email: string | null;
          emergency_contact: Json | null;
          full_name: string;
          gender: string | null;
          id: string;
          lead_source: string | null;
          phone: string | null;
          preferred_channel: Database["public"]["Enums"]["contact_channel"] | null;
          preferred_language: string | null;
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
          full_name: string;
          gender?: string | null;
          id?: string;
          lead_source?: string | null;
          phone?: string | null;
          preferred_channel?: Database["public"]["Enums"]["contact_channel"] | null;
          preferred_language?: string | null;
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
          full_name?: string;
          gender?: string | null;
          id?: string;
          lead_source?: string | null;
          phone?: string | null;
          preferred_channel?: Database["public"]["Enums"]["contact_channel"] | null;
          preferred_language?: string | null;
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
        ];
      };
      tenants: {
        Row: {
          cancellation_window: string;
          created_at: string;
          currency: string;
          id: string;
          is_active: boolean;
          locale: string;
          max_booking_horizon: string;
          min_booking_notice: string;
          name: string;
          payment_hold_duration: string;
          slug: string;
          timezone: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          cancellation_window?: string;
          created_at?: string;
          currency: string;
          id?: string;
          is_active?: boolean;
          locale: string;
          max_booking_horizon?: string;
          min_booking_notice?: string;
          name: string;
          payment_hold_duration?: string;
          slug: string;
          timezone: string;
          updated_at?: string;
        };
        Update: {
          cancellation_window?: string;
          created_at?: string;
          currency?: string;
          id?: string;
          is_active?: boolean;
          locale?: string;
          max_booking_horizon?: string;
          min_booking_notice?: string;
          name?: string;
          payment_hold_duration?: string;
          slug?: string;
          timezone?: string;
          updated_at?: string;
        };
        Relationships: [];
      };
    };
    Views: {
      [_ in never]: never;
    };
    Functions: {
      create_tenant: {
        Args: { currency: string; locale: string; name: string; slug: string; timezone: string };
        Returns: {
          cancellation_window: string;
          created_at: string;
          currency: string;
          id: string;
          is_active: boolean;
          locale: string;
          max_booking_horizon: string;
          min_booking_notice: string;
          name: string;
          payment_hold_duration: string;
          slug: string;
          timezone: string;
          updated_at: string;
        };
        SetofOptions: {
          from: "*";
          to: "tenants";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      custom_access_token_hook: { Args: { event: Json }; Returns: Json };
    };
    Enums: {
      blood_group: "A+" | "A-" | "B+" | "B-" | "AB+" | "AB-" | "O+" | "O-";
      contact_channel: "sms" | "email";
      staff_role:
        | "owner"
        | "admin"
        | "manager"
        | "centre_manager"
        | "clinician"
        | "care_coordinator"
        | "front_desk";
    };
    CompositeTypes: {
      [_ in never]: never;
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
      blood_group: ["A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-"],
      contact_channel: ["sms", "email"],
      staff_role: [
        "owner",
        "admin",
        "manager",
        "centre_manager",
        "clinician",
        "care_coordinator",
        "front_desk",
      ],
    },
  },
} as const;
