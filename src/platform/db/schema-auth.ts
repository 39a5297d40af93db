/** auth: sign-in throttling and the auth settings row (owned by src/auth). */

/** Failed sign-ins per key ('account:<hash of e-mail>' or 'ip:<address>'), shared by every node. */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  last_failure_at: string;
  locked_until: string | null;
}

/** One row ('default'). Booleans are 0/1 integers so both databases read them alike. */
export interface AuthSettingsTable {
  id: string;
  require_two_factor_for_privileged: number;
  updated_by: string | null;
  updated_at: string;
}

export interface AuthTables {
  login_throttle: LoginThrottleTable;
  auth_settings: AuthSettingsTable;
}
