/** Who may do what at the review desk: the roles of an account (store, accounts, CLI, web). */
export const ROLES = ['clerk', 'auditor', 'admin'] as const;

export type Role = (typeof ROLES)[number];

/** The roles in Vietnamese, for people. */
export const ROLE_LABELS: Record<Role, string> = {
  clerk: 'văn thư',
  auditor: 'kiểm tra viên',
  admin: 'quản trị viên',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
