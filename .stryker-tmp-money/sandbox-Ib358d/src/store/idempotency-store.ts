/** Idempotency keys: claimed before a request runs, completed with its answer. */
// @ts-nocheck

import { sql, type Transaction } from 'kysely';
import { decideExistingKey, type KeyClaim, type KeyClaimRequest } from '../idempotency/idempotency.js';
import { DuplicateKeyError, type IdempotencyRepository } from '../reservations/ports.js';
import type { IdempotentResponse } from '../reservations/write-plan.js';
import type { Dialect } from './dialect.js';
import type { Database } from './schema.js';
import type { Transactor } from './transactor.js';

export class IdempotencyStore implements IdempotencyRepository {
  constructor(
    private readonly transaction: Transactor,
    private readonly dialect: Dialect,
  ) {}

  async claim(request: KeyClaimRequest): Promise<KeyClaim> {
    try {
      return await this.transaction((trx) => this.claimIn(trx, request));
    } catch (error) {
      // Another request inserted the same key a moment ago: decide against its row instead.
      if (error instanceof DuplicateKeyError) return this.transaction((trx) => this.claimIn(trx, request));
      throw error;
    }
  }

  private async claimIn(trx: Transaction<Database>, r: KeyClaimRequest): Promise<KeyClaim> {
    // The usual case, a new key, in one statement (one round trip inside a shared commit).
    const inserted = await trx
      .insertInto('idempotency_keys')
      .values({ merchant_id: r.merchantId, key: r.key, fingerprint: r.fingerprint, state: 'running', locked_until: r.lockedUntil, created_at: r.now, expires_at: r.expiresAt })
      .onConflict((conflict) => conflict.columns(['merchant_id', 'key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return { kind: 'claimed', keyId: inserted.id };
    const existing = await this.dialect
      .forUpdate(trx.selectFrom('idempotency_keys').selectAll().where('merchant_id', '=', r.merchantId).where('key', '=', r.key))
      .executeTakeFirst();
    if (existing && existing.expires_at > r.now) {
      const decision = decideExistingKey(
        {
          fingerprint: existing.fingerprint,
          state: existing.state === 'done' ? 'done' : 'running',
          lockedUntil: existing.locked_until,
          response:
            existing.response_status === null
              ? null
              : { status: existing.response_status, contentType: existing.response_content_type ?? 'application/json', body: existing.response_body ?? '' },
        },
        r.fingerprint,
        r.now,
      );
      if (decision !== 'take-over') return decision;
      await trx.updateTable('idempotency_keys').set({ locked_until: r.lockedUntil }).where('id', '=', existing.id).execute();
      return { kind: 'claimed', keyId: existing.id };
    }
    // An expired key (or one deleted a moment ago) is started afresh.
    if (existing) await trx.deleteFrom('idempotency_keys').where('id', '=', existing.id).execute();
    const fresh = await trx
      .insertInto('idempotency_keys')
      .values({ merchant_id: r.merchantId, key: r.key, fingerprint: r.fingerprint, state: 'running', locked_until: r.lockedUntil, created_at: r.now, expires_at: r.expiresAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { kind: 'claimed', keyId: fresh.id };
  }

  /** Stores the answer in the caller's transaction, unless the key was completed already. */
  async completeIn(trx: Transaction<Database>, response: IdempotentResponse): Promise<void> {
    await trx
      .updateTable('idempotency_keys')
      .set({ state: 'done', locked_until: null, response_status: response.status, response_content_type: response.contentType, response_body: response.body })
      .where('id', '=', response.keyId)
      .where('state', '=', 'running')
      .execute();
  }

  /** Stores many answers in one statement (a group of creates): one round trip instead of one each. */
  async completeAllIn(trx: Transaction<Database>, responses: readonly IdempotentResponse[]): Promise<void> {
    if (responses.length <= 1) {
      for (const response of responses) await this.completeIn(trx, response);
      return;
    }
    // Typed values: PostgreSQL would read untyped parameters as text and lose the index on id.
    const rows = sql.join(responses.map((r) => sql`(cast(${r.keyId} as bigint), cast(${r.status} as integer), cast(${r.contentType} as text), cast(${r.body} as text))`));
    await sql`
      with answers (id, status, content_type, body) as (values ${rows})
      update idempotency_keys
         set state = 'done', locked_until = null,
             response_status = answers.status, response_content_type = answers.content_type, response_body = answers.body
        from answers
       where idempotency_keys.id = answers.id and idempotency_keys.state = 'running'`.execute(trx);
  }

  complete(response: IdempotentResponse): Promise<void> {
    return this.transaction((trx) => this.completeIn(trx, response));
  }

  /** Frees a key whose request failed without an answer worth keeping (a 5xx), so a retry runs again. */
  release(keyId: number): Promise<void> {
    return this.transaction(async (trx) => {
      await trx.deleteFrom('idempotency_keys').where('id', '=', keyId).where('state', '=', 'running').execute();
    });
  }

  unlock(keyId: number): Promise<void> {
    return this.transaction(async (trx) => {
      await trx.updateTable('idempotency_keys').set({ locked_until: null }).where('id', '=', keyId).where('state', '=', 'running').execute();
    });
  }

  /** Forgets keys past their retention; returns how many. */
  async sweepExpired(now: number): Promise<number> {
    const result = await this.transaction((trx) => trx.deleteFrom('idempotency_keys').where('expires_at', '<=', now).executeTakeFirst());
    return Number(result.numDeletedRows);
  }
}
