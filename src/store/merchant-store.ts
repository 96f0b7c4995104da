/** Merchants and their API tokens (the core's MerchantRepository), with a cache for authentication. */
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import { previousSecretSigns, type Merchant } from '../reservations/merchant.js';
import type { MerchantRepository, TokenRecord } from '../reservations/ports.js';
import type { ChangeSignal } from './dialect.js';
import { PreparedQuery } from './prepared-query.js';
import { SecretBox } from './secret-box.js';
import type { Database, MerchantsTable } from './schema.js';
import type { Transactor } from './transactor.js';

/** How long a cached merchant is trusted without a change signal (a backstop for edits made outside fpgo). */
const CACHE_MAX_AGE_MS = 60_000;
const CACHE_CAPACITY = 10_000;

export class MerchantStore implements MerchantRepository {
  /** Runs on every API request. Parameter: the token hash. */
  private readonly byTokenHash: PreparedQuery<Selectable<MerchantsTable>>;
  /** Token hash → merchant, for active tokens only; cleared whenever merchants or tokens change. */
  private readonly cache = new Map<string, { merchant: Merchant; at: number }>();
  private generation = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly transaction: Transactor,
    private readonly changes: ChangeSignal,
    private readonly secrets: SecretBox,
  ) {
    this.byTokenHash = new PreparedQuery(
      db,
      db
        .selectFrom('api_tokens')
        .innerJoin('merchants', 'merchants.id', 'api_tokens.merchant_id')
        .selectAll('merchants')
        .where('api_tokens.token_hash', '=', '')
        .where('api_tokens.revoked_at', 'is', null),
    );
  }

  async insert(merchant: Merchant, token: { hash: string; prefix: string }): Promise<void> {
    await this.transaction(async (trx) => {
      await trx.insertInto('merchants').values(merchantRow(merchant, this.secrets)).execute();
      await trx
        .insertInto('api_tokens')
        .values({ merchant_id: merchant.id, token_hash: token.hash, prefix: token.prefix, created_at: merchant.createdAt })
        .execute();
    });
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('merchants').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async findById(id: string): Promise<Merchant | undefined> {
    const row = await this.db.selectFrom('merchants').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toMerchant(row, this.secrets);
  }

  /** The merchant owning an unrevoked token with this hash. */
  async findByTokenHash(hash: string): Promise<Merchant | undefined> {
    if (this.changes.takeChanged()) this.forget();
    const cached = this.cache.get(hash);
    if (cached && Date.now() - cached.at < CACHE_MAX_AGE_MS) return cached.merchant;
    const generation = this.generation;
    const [row] = await this.byTokenHash.rows([hash]);
    if (!row) return undefined;
    const merchant = toMerchant(row, this.secrets);
    // A change seen while the query ran may have come after what it read: do not keep that answer.
    if (generation === this.generation && !this.changes.takeChanged()) {
      if (this.cache.size >= CACHE_CAPACITY) this.cache.clear();
      this.cache.set(hash, { merchant, at: Date.now() });
    } else {
      this.forget();
    }
    return merchant;
  }

  isKnownToken(hash: string): boolean {
    const cached = this.cache.get(hash);
    return cached !== undefined && Date.now() - cached.at < CACHE_MAX_AGE_MS;
  }

  private forget(): void {
    this.cache.clear();
    this.generation++;
  }

  /** Runs `work` in a transaction that changes merchants or tokens, and invalidates every cache of them. */
  private async changing(work: (trx: Transaction<Database>) => Promise<void>): Promise<void> {
    await this.transaction(async (trx) => {
      await work(trx);
      await this.changes.announce(trx);
    });
    this.forget();
  }

  async addToken(merchantId: string, token: { hash: string; prefix: string }, now: number): Promise<void> {
    await this.transaction(async (trx) => {
      await trx.insertInto('api_tokens').values({ merchant_id: merchantId, token_hash: token.hash, prefix: token.prefix, created_at: now }).execute();
    });
  }

  /** Unrevoked tokens that hash to `hash` or whose stored prefix starts with `prefix` (an operator command: few rows). */
  async findActiveTokens(prefix: string, hash: string): Promise<TokenRecord[]> {
    const rows = await this.db.selectFrom('api_tokens').selectAll().where('revoked_at', 'is', null).execute();
    return rows
      .filter((row) => row.token_hash === hash || (prefix.length > 0 && row.prefix.startsWith(prefix)))
      .map((row) => ({ id: row.id, merchantId: row.merchant_id, prefix: row.prefix, createdAt: row.created_at, revokedAt: row.revoked_at }));
  }

  /** Moves a test-mode merchant's clock forward; the merchant as it is now. */
  async advanceTestClock(merchantId: string, ms: number): Promise<Merchant | undefined> {
    await this.changing(async (trx) => {
      await trx
        .updateTable('merchants')
        .set((eb) => ({ test_clock_offset_ms: eb('test_clock_offset_ms', '+', ms) }))
        .where('id', '=', merchantId)
        .where('mode', '=', 'test')
        .execute();
    });
    return this.findById(merchantId);
  }

  async listTokens(merchantId: string): Promise<TokenRecord[]> {
    const rows = await this.db.selectFrom('api_tokens').selectAll().where('merchant_id', '=', merchantId).orderBy('id', 'desc').execute();
    return rows.map((row) => ({ id: row.id, merchantId: row.merchant_id, prefix: row.prefix, createdAt: row.created_at, revokedAt: row.revoked_at }));
  }

  async rotateCallbackSecret(merchantId: string, secret: string, previousUntil: number): Promise<void> {
    await this.changing(async (trx) => {
      await trx
        .updateTable('merchants')
        .set((eb) => ({ previous_callback_secret: eb.ref('callback_secret'), previous_secret_expires_at: previousUntil, callback_secret: this.secrets.seal(secret, merchantId) }))
        .where('id', '=', merchantId)
        .execute();
    });
  }

  async previousCallbackSecret(merchantId: string, now: number): Promise<{ secret: string; until: number } | null> {
    const row = await this.db.selectFrom('merchants').select(SIGNING_COLUMNS).where('id', '=', merchantId).executeTakeFirst();
    return row ? signingSecrets(row, this.secrets, now).previous : null;
  }

  /**
   * With SECRETS_KEY: seals the callback secrets still stored in plain text (stored before the key
   * was set); how many merchants had one. Without it: refuses if any secret is stored sealed.
   */
  async sealPlainSecrets(): Promise<number> {
    const rows = await this.db.selectFrom('merchants').select(['id', 'callback_secret', 'previous_callback_secret']).execute();
    if (!this.secrets.sealing) {
      const sealed = rows.filter((row) => SecretBox.isSealed(row.callback_secret)).length;
      if (sealed > 0) throw new Error(`${sealed} merchants' callback secrets are stored encrypted, but SECRETS_KEY is not set: set the key that sealed them`);
      return 0;
    }
    const plain = rows.filter((row) => !SecretBox.isSealed(row.callback_secret) || (row.previous_callback_secret !== null && !SecretBox.isSealed(row.previous_callback_secret)));
    if (plain.length === 0) return 0;
    const sealed = (value: string, owner: string) => (SecretBox.isSealed(value) ? value : this.secrets.seal(value, owner));
    await this.changing(async (trx) => {
      for (const row of plain) {
        await trx
          .updateTable('merchants')
          .set({
            callback_secret: sealed(row.callback_secret, row.id),
            previous_callback_secret: row.previous_callback_secret === null ? null : sealed(row.previous_callback_secret, row.id),
          })
          .where('id', '=', row.id)
          .where('callback_secret', '=', row.callback_secret)
          .execute();
      }
    });
    return plain.length;
  }

  async revokeToken(id: number, now: number): Promise<void> {
    await this.changing(async (trx) => {
      await trx.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).execute();
    });
  }
}

function merchantRow(m: Merchant, secrets: SecretBox): Insertable<MerchantsTable> {
  return {
    id: m.id,
    name: m.name,
    mode: m.mode,
    time_zone: m.timeZone,
    currency: m.currency,
    capture_window_days: m.captureWindowDays,
    test_clock_offset_ms: m.testClockOffsetMs,
    callback_secret: secrets.seal(m.callbackSecret, m.id),
    billing_country_code: m.billingAddress.countryCode,
    billing_msisdn: m.billingAddress.msisdn,
    billing_email: m.billingAddress.email,
    billing_street: m.billingAddress.street,
    billing_zip: m.billingAddress.zip,
    billing_city: m.billingAddress.city,
    billing_country: m.billingAddress.country,
    charge_limit: m.chargeLimit,
    created_at: m.createdAt,
  };
}

/** The columns `signingSecrets` reads. */
export const SIGNING_COLUMNS = ['id', 'callback_secret', 'previous_callback_secret', 'previous_secret_expires_at'] as const;

/** The secrets that sign a merchant's callbacks at `now`: its own, and a rotated-out one while its grace period runs. */
export function signingSecrets(
  row: Pick<Selectable<MerchantsTable>, (typeof SIGNING_COLUMNS)[number]>,
  secrets: SecretBox,
  now: number,
): { secret: string; previous: { secret: string; until: number } | null } {
  const until = row.previous_secret_expires_at;
  const previous = row.previous_callback_secret !== null && previousSecretSigns(until, now) ? { secret: secrets.open(row.previous_callback_secret, row.id), until } : null;
  return { secret: secrets.open(row.callback_secret, row.id), previous };
}

export function toMerchant(row: Selectable<MerchantsTable>, secrets: SecretBox): Merchant {
  return {
    id: row.id,
    name: row.name,
    mode: row.mode === 'live' ? 'live' : 'test',
    timeZone: row.time_zone,
    currency: row.currency,
    captureWindowDays: row.capture_window_days,
    chargeLimit: row.charge_limit,
    testClockOffsetMs: row.test_clock_offset_ms,
    callbackSecret: secrets.open(row.callback_secret, row.id),
    billingAddress: {
      countryCode: row.billing_country_code,
      msisdn: row.billing_msisdn,
      email: row.billing_email,
      street: row.billing_street,
      zip: row.billing_zip,
      city: row.billing_city,
      country: row.billing_country,
    },
    createdAt: row.created_at,
  };
}
