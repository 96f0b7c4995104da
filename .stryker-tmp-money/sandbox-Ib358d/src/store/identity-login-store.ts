/** BankID logins on their way and the verifications they left (implements the core's IdentityLoginRepository). */
// @ts-nocheck

import type { Kysely, Selectable } from 'kysely';
import type { FinishedLogin, IdentityLoginRepository, IdentityVerification, PendingLogin } from '../reservations/ports.js';
import type { HistoryLog } from './history-log.js';
import type { BankidLoginsTable, Database } from './schema.js';
import type { Transactor } from './transactor.js';

export class IdentityLoginStore implements IdentityLoginRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly transaction: Transactor,
    private readonly history: HistoryLog,
  ) {}

  async saveLogin(login: PendingLogin, now: number): Promise<void> {
    await this.transaction(async (trx) => {
      await trx.deleteFrom('bankid_logins').where('expires_at', '<=', now).execute();
      await trx.deleteFrom('bankid_verifications').where('verified_until', '<=', now).execute();
      await trx
        .insertInto('bankid_logins')
        .values({
          state: login.state,
          browser: login.browser,
          merchant_id: login.merchantId,
          reservation_uuid: login.reservationUuid,
          nonce: login.checks.nonce,
          code_verifier: login.checks.codeVerifier,
          expires_at: login.expiresAt,
        })
        .execute();
    });
  }

  async findLogin(state: string, now: number): Promise<PendingLogin | undefined> {
    const row = await this.db.selectFrom('bankid_logins').selectAll().where('state', '=', state).where('expires_at', '>', now).executeTakeFirst();
    return row && toLogin(row);
  }

  async takeLogin(state: string, browser: string, now: number): Promise<PendingLogin | undefined> {
    const row = await this.transaction((trx) =>
      trx.deleteFrom('bankid_logins').where('state', '=', state).where('browser', '=', browser).returningAll().executeTakeFirst(),
    );
    return row && row.expires_at > now ? toLogin(row) : undefined;
  }

  async latestLogin(browser: string, now: number): Promise<PendingLogin | undefined> {
    const row = await this.db
      .selectFrom('bankid_logins')
      .selectAll()
      .where('browser', '=', browser)
      .where('expires_at', '>', now)
      .orderBy('expires_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && toLogin(row);
  }

  async recordFinished({ event, verification }: FinishedLogin): Promise<void> {
    await this.transaction(async (trx) => {
      this.history.stage(trx, [event]);
      if (!verification) return;
      const { browser, previousBrowser, reservationUuid, verifiedUntil } = verification;
      // The browser's new key: what its old key held (other orders, logins under way) moves with it.
      await trx.updateTable('bankid_verifications').set({ browser }).where('browser', '=', previousBrowser).execute();
      await trx.updateTable('bankid_logins').set({ browser }).where('browser', '=', previousBrowser).execute();
      await trx
        .insertInto('bankid_verifications')
        .values({ browser, reservation_uuid: reservationUuid, verified_until: verifiedUntil })
        .onConflict((oc) => oc.columns(['browser', 'reservation_uuid']).doUpdateSet({ verified_until: verifiedUntil }))
        .execute();
    });
  }

  async findVerification(browser: string, reservationUuid: string, now: number): Promise<IdentityVerification | undefined> {
    const row = await this.db
      .selectFrom('bankid_verifications')
      .selectAll()
      .where('browser', '=', browser)
      .where('reservation_uuid', '=', reservationUuid)
      .where('verified_until', '>', now)
      .executeTakeFirst();
    return row && { browser: row.browser, reservationUuid: row.reservation_uuid, verifiedUntil: row.verified_until };
  }
}

function toLogin(row: Selectable<BankidLoginsTable>): PendingLogin {
  return {
    state: row.state,
    browser: row.browser,
    merchantId: row.merchant_id,
    reservationUuid: row.reservation_uuid,
    checks: { state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier },
    expiresAt: row.expires_at,
  };
}
