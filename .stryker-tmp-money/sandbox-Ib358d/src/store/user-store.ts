/** Dashboard users, their sessions and failed sign-ins (the core's UserRepository). */
// @ts-nocheck

import type { Kysely, Selectable } from 'kysely';
import { USER_ROLES, type DashboardSession, type DashboardUser, type NewDashboardUser, type UserRole } from '../reservations/dashboard-user.js';
import type { UserRepository } from '../reservations/ports.js';
import type { Database, DashboardSessionsTable, DashboardUsersTable } from './schema.js';
import type { Transactor } from './transactor.js';

export class UserStore implements UserRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly transaction: Transactor,
  ) {}

  async insert(user: NewDashboardUser): Promise<DashboardUser> {
    const { id } = await this.transaction((trx) =>
      trx
        .insertInto('dashboard_users')
        .values({
          merchant_id: user.merchantId,
          email: user.email,
          role: user.role,
          password_hash: user.passwordHash,
          created_at: user.createdAt,
          disabled_at: user.disabledAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    return { ...user, id };
  }

  async findByEmail(email: string): Promise<DashboardUser | undefined> {
    const row = await this.db.selectFrom('dashboard_users').selectAll().where('email', '=', email).executeTakeFirst();
    return row && toUser(row);
  }

  async listOf(merchantId: string): Promise<DashboardUser[]> {
    const rows = await this.db.selectFrom('dashboard_users').selectAll().where('merchant_id', '=', merchantId).orderBy('email').execute();
    return rows.map(toUser);
  }

  async disable(userId: number, now: number): Promise<void> {
    await this.transaction(async (trx) => {
      await trx.updateTable('dashboard_users').set({ disabled_at: now }).where('id', '=', userId).where('disabled_at', 'is', null).execute();
      await trx.deleteFrom('dashboard_sessions').where('user_id', '=', userId).execute();
    });
  }

  async createSession(s: DashboardSession): Promise<void> {
    await this.transaction(async (trx) => {
      await trx
        .insertInto('dashboard_sessions')
        .values({ token_hash: s.tokenHash, user_id: s.userId, csrf_token: s.csrfToken, created_at: s.createdAt, last_seen_at: s.lastSeenAt, expires_at: s.expiresAt })
        .execute();
    });
  }

  async findSession(tokenHash: string): Promise<{ session: DashboardSession; user: DashboardUser } | undefined> {
    const row = await this.db
      .selectFrom('dashboard_sessions as s')
      .innerJoin('dashboard_users as u', 'u.id', 's.user_id')
      .selectAll('u')
      .select(['s.token_hash', 's.csrf_token', 's.created_at as s_created_at', 's.last_seen_at', 's.expires_at'])
      .where('s.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return undefined;
    return { session: toSession({ ...row, user_id: row.id, created_at: row.s_created_at }), user: toUser(row) };
  }

  async touchSession(tokenHash: string, now: number): Promise<void> {
    await this.transaction(async (trx) => {
      await trx.updateTable('dashboard_sessions').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
    });
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.transaction(async (trx) => {
      await trx.deleteFrom('dashboard_sessions').where('token_hash', '=', tokenHash).execute();
    });
  }

  async recordSignInFailure(subjects: string[], at: number): Promise<void> {
    await this.transaction(async (trx) => {
      await trx.insertInto('sign_in_failures').values(subjects.map((subject) => ({ subject, failed_at: at }))).execute();
    });
  }

  async countSignInFailures(subject: string, since: number): Promise<number> {
    const row = await this.db
      .selectFrom('sign_in_failures')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('subject', '=', subject)
      .where('failed_at', '>=', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async clearSignInFailures(subject: string): Promise<void> {
    await this.transaction(async (trx) => {
      await trx.deleteFrom('sign_in_failures').where('subject', '=', subject).execute();
    });
  }

  sweep(now: number, sessionsBefore: number, failuresBefore: number): Promise<number> {
    return this.transaction(async (trx) => {
      const sessions = await trx
        .deleteFrom('dashboard_sessions')
        .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', sessionsBefore)]))
        .executeTakeFirst();
      const failures = await trx.deleteFrom('sign_in_failures').where('failed_at', '<', failuresBefore).executeTakeFirst();
      return Number(sessions.numDeletedRows) + Number(failures.numDeletedRows);
    });
  }
}

function toUser(row: Selectable<DashboardUsersTable>): DashboardUser {
  return {
    id: row.id,
    merchantId: row.merchant_id,
    email: row.email,
    role: (USER_ROLES as readonly string[]).includes(row.role) ? (row.role as UserRole) : 'staff',
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}

function toSession(row: Selectable<DashboardSessionsTable>): DashboardSession {
  return { tokenHash: row.token_hash, userId: row.user_id, csrfToken: row.csrf_token, createdAt: row.created_at, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at };
}
