/** Reservations with their customer, product lines, history events and link notifications (the core's ReservationRepository). */
import { sql, type Insertable, type Kysely, type RawBuilder, type Selectable, type Transaction } from 'kysely';
import type { Merchant } from '../reservations/merchant.js';
import type { ReservationRepository } from '../reservations/ports.js';
import type {
  Customer,
  CustomerType,
  Language,
  NewProductLine,
  PaymentMethodChoice,
  ProductLine,
  Reservation,
  ReservationStatus,
  StoredReservation,
} from '../reservations/reservation.js';
import type { NewReservationRecords } from '../reservations/write-plan.js';
import { BulkInsert } from './bulk-insert.js';
import { PreparedQuery } from './prepared-query.js';
import type { HistoryLog } from './history-log.js';
import type { IdempotencyStore } from './idempotency-store.js';
import type { NotificationStore } from './notification-store.js';
import { couldBeStored } from './storable.js';
import { toMerchant } from './merchant-store.js';
import type { SecretBox } from './secret-box.js';
import type { CustomersTable, Database, ProductLinesTable, ReservationsTable } from './schema.js';
import type { Batch, Transactor } from './transactor.js';

type Db = Kysely<Database> | Transaction<Database>;

export class ReservationStore implements ReservationRepository {
  private readonly bulk: BulkInsert;
  /** The reads of every Details, lifecycle operation and checkout page, compiled once. */
  private readonly reads: ReturnType<typeof reservationReads>;
  /** New reservations that commit together are inserted together, a few multi-row statements per group. */
  private readonly newReservations: Batch<NewReservationRecords> = { write: (trx, batch) => this.insertNew(trx, batch), writeOnly: true };

  constructor(
    private readonly db: Kysely<Database>,
    private readonly transaction: Transactor,
    private readonly idempotency: IdempotencyStore,
    private readonly history: HistoryLog,
    private readonly secrets: SecretBox,
    private readonly notifications: NotificationStore,
  ) {
    this.bulk = new BulkInsert(db);
    this.reads = reservationReads(db);
  }

  async saveNew(records: NewReservationRecords): Promise<void> {
    await this.transaction.batched(this.newReservations, records);
    if (records.notifications.length > 0) this.notifications.announce();
  }

  private async insertNew(trx: Transaction<Database>, batch: readonly NewReservationRecords[]): Promise<void> {
    await this.bulk.into(trx, 'customers', batch.filter((r) => !r.existingCustomer).map((r) => customerRow(r.customer)));
    for (const r of batch.filter((r) => r.existingCustomer)) {
      const { uuid, merchant_id, created_at, ...contact } = customerRow(r.customer);
      await trx.updateTable('customers').set(contact).where('uuid', '=', uuid).where('merchant_id', '=', merchant_id).execute();
    }
    await this.bulk.into(trx, 'reservations', batch.map((r) => reservationRow(r.reservation)));
    await this.bulk.into(trx, 'product_lines', batch.flatMap((r) => r.lines.map((line) => lineRow(r.reservation.uuid, r.reservation.createdAt, line))));
    this.history.stage(trx, batch.flatMap((r) => r.events));
    await this.notifications.enqueue(trx, batch.flatMap((r) => r.notifications));
    await this.idempotency.completeAllIn(trx, batch.flatMap((r) => (r.response ? [r.response] : [])));
  }

  /** The reservation behind a payment URL, with its merchant. */
  async findByCheckoutToken(token: string): Promise<{ merchant: Merchant; stored: StoredReservation } | undefined> {
    if (!couldBeStored(token)) return undefined;
    const [row] = await this.reads.byCheckoutToken.rows([token]);
    if (!row) return undefined;
    const stored = await this.find(row.id, row.reservation_uuid);
    return stored && { merchant: toMerchant(row, this.secrets), stored };
  }

  /** Stores EXPIRED for every unpaid reservation whose link has run out by its merchant's clock; returns how many. */
  async expireOverdue(realNow: number): Promise<number> {
    return this.transaction(async (trx) => {
      const result = await trx
        .updateTable('reservations')
        .set({ status: 'EXPIRED' })
        .where('status', '=', 'SENT')
        .where(
          'link_expires_at',
          '<',
          sql<number>`${realNow} + coalesce((select m.test_clock_offset_ms from merchants m where m.id = reservations.merchant_id and m.mode = 'test'), 0)`,
        )
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    });
  }

  async customerExists(merchantId: string, uuid: string): Promise<boolean> {
    if (!couldBeStored(uuid)) return false;
    const row = await this.db.selectFrom('customers').select('uuid').where('uuid', '=', uuid).where('merchant_id', '=', merchantId).executeTakeFirst();
    return row !== undefined;
  }

  /** A merchant's reservation; another merchant's id is simply not found. */
  async find(merchantId: string, uuid: string, db: Db = this.db): Promise<StoredReservation | undefined> {
    if (!couldBeStored(uuid)) return undefined;
    const [row] = await this.reads.reservationWithCustomer.rows([uuid, merchantId], db);
    if (!row) return undefined;
    const lines = await this.reads.reservedLines.rows([row.created_at, uuid], db);
    return {
      reservation: toReservation(row),
      customer: {
        uuid: row.customer_uuid,
        merchantId: row.merchant_id,
        type: row.c_type as CustomerType,
        countryCode: row.c_country_code,
        msisdn: row.c_msisdn,
        email: row.c_email,
        name: row.c_name,
        preferredLanguage: row.c_preferred_language as Language,
        personalNumber: row.c_personal_number,
        organizationId: row.c_organization_id,
        street: row.c_street,
        zip: row.c_zip,
        city: row.c_city,
        country: row.c_country,
        createdAt: row.c_created_at,
      },
      lines: lines.map(toLine),
    };
  }
}

function reservationReads(db: Kysely<Database>) {
  return {
    /** Parameters: the reservation's uuid, its merchant's id. */
    reservationWithCustomer: new PreparedQuery(
      db,
      db
        .selectFrom('reservations')
        .innerJoin('customers', 'customers.uuid', 'reservations.customer_uuid')
        .selectAll('reservations')
        .select([
          'customers.type as c_type',
          'customers.country_code as c_country_code',
          'customers.msisdn as c_msisdn',
          'customers.email as c_email',
          'customers.name as c_name',
          'customers.preferred_language as c_preferred_language',
          'customers.personal_number as c_personal_number',
          'customers.organization_id as c_organization_id',
          'customers.street as c_street',
          'customers.zip as c_zip',
          'customers.city as c_city',
          'customers.country as c_country',
          'customers.created_at as c_created_at',
        ])
        .where('reservations.uuid', '=', '')
        .where('reservations.merchant_id', '=', ''),
    ),
    /** The reservation behind a payment URL, with its merchant. Parameter: the checkout token. */
    byCheckoutToken: new PreparedQuery(
      db,
      db
        .selectFrom('reservations')
        .innerJoin('merchants', 'merchants.id', 'reservations.merchant_id')
        .selectAll('merchants')
        .select('reservations.uuid as reservation_uuid')
        .where('reservations.checkout_token', '=', ''),
    ),
    /** The lines the order was created with (a charge's lines are the ledger's). Parameters: the reservation's created_at, its uuid. */
    reservedLines: new PreparedQuery(
      db,
      db
        .selectFrom('product_lines')
        .selectAll()
        .where('reservation_created_at', '=', 0)
        .where('reservation_uuid', '=', '')
        .where('charge_uuid', 'is', null)
        .orderBy('position'),
    ),
  };
}

const bool = (value: boolean) => (value ? 1 : 0);

function customerRow(c: Customer): CustomersTable {
  return {
    uuid: c.uuid,
    merchant_id: c.merchantId,
    type: c.type,
    country_code: c.countryCode,
    msisdn: c.msisdn,
    email: c.email,
    name: c.name,
    preferred_language: c.preferredLanguage,
    personal_number: c.personalNumber,
    organization_id: c.organizationId,
    street: c.street,
    zip: c.zip,
    city: c.city,
    country: c.country,
    created_at: c.createdAt,
  };
}

function reservationRow(r: Reservation): Insertable<ReservationsTable> {
  return {
    uuid: r.uuid,
    merchant_id: r.merchantId,
    customer_uuid: r.customerUuid,
    status: r.status,
    created_via: r.createdVia,
    order_date: r.orderDate,
    due_date: r.dueDate,
    link_expires_at: r.linkExpiresAt,
    reference_no: r.referenceNo,
    customer_reference: r.customerReference,
    send_by_sms: bool(r.sendBySms),
    send_by_email: bool(r.sendByEmail),
    charge_validity_minutes: r.chargeValidityMinutes,
    customer_notes: r.customerNotes,
    tnc: r.tnc,
    preselected_method: r.preselectedMethod,
    callback_url: r.callbackUrl,
    success_url: r.successUrl,
    failure_url: r.failureUrl,
    secure_details: bool(r.secureDetails),
    charge_partially_refundable: bool(r.chargePartiallyRefundable),
    sub_total: r.subTotal,
    total_tax: r.totalTax,
    grand_total: r.grandTotal,
    currency: r.currency,
    checkout_token: r.checkoutToken,
    created_at: r.createdAt,
    reserved_at: r.reservedAt,
    reserved_amount: r.reservedAmount,
    payment_method: r.paymentMethod,
    authorization_id: r.authorizationId,
  };
}

function toReservation(row: Selectable<ReservationsTable>): Reservation {
  return {
    uuid: row.uuid,
    merchantId: row.merchant_id,
    customerUuid: row.customer_uuid,
    status: row.status as ReservationStatus,
    createdVia: row.created_via === 'submit' ? 'submit' : 'create',
    orderDate: row.order_date,
    dueDate: row.due_date,
    linkExpiresAt: row.link_expires_at,
    referenceNo: row.reference_no,
    customerReference: row.customer_reference,
    sendBySms: row.send_by_sms === 1,
    sendByEmail: row.send_by_email === 1,
    chargeValidityMinutes: row.charge_validity_minutes,
    customerNotes: row.customer_notes,
    tnc: row.tnc,
    preselectedMethod: row.preselected_method as PaymentMethodChoice,
    callbackUrl: row.callback_url,
    successUrl: row.success_url,
    failureUrl: row.failure_url,
    secureDetails: row.secure_details === 1,
    chargePartiallyRefundable: row.charge_partially_refundable === 1,
    subTotal: row.sub_total,
    totalTax: row.total_tax,
    grandTotal: row.grand_total,
    currency: row.currency,
    checkoutToken: row.checkout_token,
    createdAt: row.created_at,
    reservedAt: row.reserved_at,
    reservedAmount: row.reserved_amount,
    paymentMethod: row.payment_method,
    authorizationId: row.authorization_id,
  };
}

/** `createdAt`: the reservation's (reservation-time-order.ts), or SQL that looks it up. */
export function lineRow<CreatedAt extends number | RawBuilder<number>>(reservationUuid: string, createdAt: CreatedAt, line: NewProductLine) {
  return {
    reservation_uuid: reservationUuid,
    reservation_created_at: createdAt,
    position: line.position,
    name: line.name,
    product_id: line.productId,
    quantity: line.quantity,
    rate: line.rate,
    discount: line.discount,
    tax: line.tax,
    amount: line.amount,
  };
}

export function toLine(row: Selectable<ProductLinesTable>): ProductLine {
  return {
    id: row.id,
    position: row.position,
    name: row.name,
    productId: row.product_id,
    quantity: row.quantity,
    rate: row.rate,
    discount: row.discount,
    tax: row.tax,
    amount: row.amount,
    reserved: row.reserved,
  };
}
