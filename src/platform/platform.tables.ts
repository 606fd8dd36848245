import type { Generated } from "kysely";

/** Kysely row types of the platform's tables (see db/migrations). */

export interface OrganisationsTable {
  id: string;
  number: number;
  name: string;
  cvr: string | null;
  street: string | null;
  house_number: string | null;
  floor: string | null;
  door: string | null;
  postcode: string | null;
  town: string | null;
  settings_json: Generated<Record<string, unknown>>;
  created_at: string;
  updated_at: string;
}

export interface DepartmentsTable {
  id: string;
  organisation_id: string;
  number: number;
  name: string;
  municipality_code: string | null;
  street: string | null;
  house_number: string | null;
  postcode: string | null;
  town: string | null;
  construction_year: number | null;
  has_board: Generated<boolean>;
  /** The department's overrides of its organisation's rule values (e.g. letting settings). */
  settings_json: Generated<Record<string, unknown>>;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  kind: Generated<"person" | "service">;
  password_hash: string | null;
  status: Generated<"active" | "suspended">;
  language: Generated<"da" | "en">;
  totp_secret_enc: string | null;
  is_totp_enabled: Generated<boolean>;
  /** The last accepted TOTP time step: a code is never accepted twice (RFC 6238 §5.2). */
  totp_last_step: number | null;
  person_id: string | null;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

export interface UserRolesTable {
  id: string;
  user_id: string;
  role: string;
  organisation_id: string | null;
  department_id: string | null;
  created_at: string;
}

export interface RecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: string | null;
}

export interface SessionsTable {
  id: string;
  user_id: string | null;
  data_json: unknown;
  expires_at: string;
  updated_at: string;
}

export interface LoginAttemptsTable {
  id: string;
  email: string;
  ip: string;
  is_success: boolean;
  at: string;
}

export interface PasswordResetsTable {
  id: string;
  user_id: string;
  token_hash: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  scopes_json: string[];
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface UserIdentitiesTable {
  id: string;
  user_id: string;
  issuer: string;
  subject: string;
  created_at: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor_user_id: string | null;
  actor_label: string;
  action: string;
  entity: string;
  entity_id: string | null;
  organisation_id: string | null;
  before_json: unknown;
  after_json: unknown;
  ip: string | null;
}

export interface PlatformTables {
  organisations: OrganisationsTable;
  departments: DepartmentsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  recovery_codes: RecoveryCodesTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  password_resets: PasswordResetsTable;
  api_tokens: ApiTokensTable;
  user_identities: UserIdentitiesTable;
  audit_log: AuditLogTable;
}
