/**
 * The people who sign in to a merchant's dashboard. Admins manage API tokens, the callback secret and
 * users; staff act on reservations. Passwords and session tokens are stored only as hashes.
 */
// @ts-nocheck

export const USER_ROLES = ['admin', 'staff'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export interface DashboardUser {
  id: number;
  merchantId: string;
  /** Lowercased; unique across merchants, so signing in needs only the address. */
  email: string;
  role: UserRole;
  /** scrypt, in the self-describing form of src/merchants/passwords.ts. */
  passwordHash: string;
  createdAt: number;
  disabledAt: number | null;
}

export type NewDashboardUser = Omit<DashboardUser, 'id'>;

export interface DashboardSession {
  /** SHA-256 of the cookie's token: a copy of the table signs no one in. */
  tokenHash: string;
  userId: number;
  /** Every form of the session carries it; a post without it is refused. */
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}
