/**
 * Table types for Kysely. Both backends store the same columns: instants as epoch milliseconds,
 * money as integer minor units, booleans as 0/1 integers.
 */
import type { Generated } from 'kysely';

export interface MerchantsTable {
  id: string;
  name: string;
  mode: string;
  time_zone: string;
  currency: string;
  capture_window_days: number;
  test_clock_offset_ms: number;
  callback_secret: string;
  billing_country_code: string | null;
  billing_msisdn: string | null;
  billing_email: string | null;
  billing_street: string | null;
  billing_zip: string | null;
  billing_city: string | null;
  billing_country: string | null;
  charge_limit: Generated<number>;
  created_at: number;
  previous_callback_secret: Generated<string | null>;
  previous_secret_expires_at: Generated<number | null>;
}

export interface ApiTokensTable {
  id: Generated<number>;
  merchant_id: string;
  token_hash: string;
  prefix: string;
  created_at: number;
  revoked_at: number | null;
}

export interface CustomersTable {
  uuid: string;
  merchant_id: string;
  type: string;
  country_code: string;
  msisdn: string;
  email: string;
  name: string;
  preferred_language: string;
  personal_number: string | null;
  organization_id: string | null;
  street: string;
  zip: string;
  city: string;
  country: string;
  created_at: number;
}

export interface ReservationsTable {
  uuid: string;
  merchant_id: string;
  customer_uuid: string;
  status: string;
  created_via: string;
  order_date: number;
  due_date: number;
  link_expires_at: number;
  reference_no: string | null;
  customer_reference: string | null;
  send_by_sms: number;
  send_by_email: number;
  charge_validity_minutes: number | null;
  customer_notes: string | null;
  tnc: string | null;
  preselected_method: string;
  callback_url: string | null;
  success_url: string | null;
  failure_url: string | null;
  secure_details: number;
  charge_partially_refundable: number;
  sub_total: number;
  total_tax: number;
  grand_total: number;
  currency: string;
  checkout_token: string;
  created_at: number;
  reserved_at: number | null;
  reserved_amount: number | null;
  payment_method: string | null;
  payment_claimed_until: number | null;
  link_opened_at: number | null;
  authorization_id: string | null;
  closed_at: number | null;
}

export interface ProductLinesTable {
  id: Generated<number>;
  reservation_uuid: string;
  /** The reservation's created_at: with reservation_uuid, what the lines are found by (reservation-time-order.ts). */
  reservation_created_at: number;
  position: number;
  name: string;
  product_id: string | null;
  quantity: number;
  rate: number;
  discount: number;
  tax: number;
  amount: number;
  reserved: Generated<number>;
  charge_uuid: string | null;
}

export interface ReservationEventsTable {
  id: Generated<number>;
  merchant_id: string;
  reservation_uuid: string;
  /** The reservation's created_at, which inserts look up by reservation_uuid (reservation-time-order.ts); what the events are found by. */
  reservation_created_at: Generated<number>;
  subject_uuid: string;
  title: string;
  occurred_at: number;
  sent_to: string | null;
  action_by: string | null;
  note: string | null;
  payment_method: string | null;
  is_refundable: number;
  amount: number | null;
  /** How a payment-link-sent-to-customer event's message went (sms, email); null for other events. */
  channel: string | null;
  /** Its place in the merchant's hash chain (src/audit/history-chain.ts). */
  chain_sequence: number | null;
  chain_hash: string | null;
}

/** The head of each merchant's history chain: the last event's place and hash. */
export interface HistoryChainsTable {
  merchant_id: string;
  sequence: number;
  hash: string;
}

export interface NotificationRequestsTable {
  id: Generated<number>;
  merchant_id: string;
  reservation_uuid: string;
  channel: string;
  destination: string;
  language: string;
  reason: string;
  /** queued, sent, delivered or failed. */
  status: string;
  created_at: number;
  sent_at: number | null;
  message_id: string;
  attempts_made: number;
  /** Real time (ms) the next attempt is due. */
  next_attempt_at: number;
  locked_until: number | null;
  last_error: string | null;
  delivered_at: number | null;
  /** The SMS gateway's id of the message, which its delivery reports name. */
  provider_reference: string | null;
}

export interface NotificationAttemptsTable {
  id: Generated<number>;
  notification_id: number;
  attempted_at: number;
  outcome: string;
  error: string | null;
  duration_ms: number;
}

/** Test merchants' messages, rendered, when no transport is configured (shown at /dev/outbox). */
export interface DevOutboxTable {
  id: Generated<number>;
  message_id: string;
  merchant_id: string;
  reservation_uuid: string;
  channel: string;
  recipient: string;
  subject: string | null;
  text: string;
  html: string | null;
  created_at: number;
}

export interface PaymentCardsTable {
  reservation_uuid: string;
  token: string;
  brand: string;
  last4: string;
  expiry_month: number;
  expiry_year: number;
  created_at: number;
}

export interface CallbacksTable {
  id: Generated<number>;
  webhook_id: string;
  merchant_id: string;
  reservation_uuid: string;
  subject_uuid: string;
  status: string;
  payment_method: string;
  amount: number;
  order_created_at: number;
  url: string;
  created_at: number;
  state: string;
  attempts_made: Generated<number>;
  next_attempt_at: number;
  locked_until: number | null;
  delivered_at: number | null;
  last_error: string | null;
}

export interface CallbackAttemptsTable {
  id: Generated<number>;
  callback_id: number;
  attempted_at: number;
  url: string;
  http_status: number | null;
  error: string | null;
  duration_ms: number;
}

export interface IdempotencyKeysTable {
  id: Generated<number>;
  merchant_id: string;
  key: string;
  fingerprint: string;
  state: string;
  locked_until: number | null;
  response_status: number | null;
  response_content_type: string | null;
  response_body: string | null;
  created_at: number;
  expires_at: number;
}

export interface TransactionsTable {
  id: Generated<number>;
  uuid: string;
  merchant_id: string;
  reservation_uuid: string;
  kind: string;
  state: string;
  amount: number;
  gateway_id: string | null;
  note: string | null;
  refund_of: string | null;
  source: string | null;
  idempotency_key_id: number | null;
  created_at: number;
  settled_at: number | null;
  next_lookup_at: number | null;
  action_by: string | null;
}

export interface TransactionLinesTable {
  id: Generated<number>;
  transaction_uuid: string;
  product_line_id: number;
  amount: number;
}

export interface BankidLoginsTable {
  state: string;
  browser: string;
  merchant_id: string;
  reservation_uuid: string;
  nonce: string;
  code_verifier: string;
  expires_at: number;
}

export interface BankidVerificationsTable {
  browser: string;
  reservation_uuid: string;
  verified_until: number;
}

export interface DashboardUsersTable {
  id: Generated<number>;
  merchant_id: string;
  email: string;
  role: string;
  password_hash: string;
  created_at: number;
  disabled_at: number | null;
}

export interface DashboardSessionsTable {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

export interface SignInFailuresTable {
  id: Generated<number>;
  subject: string;
  failed_at: number;
}

export interface Database {
  transactions: TransactionsTable;
  transaction_lines: TransactionLinesTable;
  idempotency_keys: IdempotencyKeysTable;
  callbacks: CallbacksTable;
  callback_attempts: CallbackAttemptsTable;
  payment_cards: PaymentCardsTable;
  merchants: MerchantsTable;
  api_tokens: ApiTokensTable;
  customers: CustomersTable;
  reservations: ReservationsTable;
  product_lines: ProductLinesTable;
  reservation_events: ReservationEventsTable;
  history_chains: HistoryChainsTable;
  change_counters: { name: string; value: number };
  notification_requests: NotificationRequestsTable;
  notification_attempts: NotificationAttemptsTable;
  dev_outbox: DevOutboxTable;
  bankid_logins: BankidLoginsTable;
  bankid_verifications: BankidVerificationsTable;
  dashboard_users: DashboardUsersTable;
  dashboard_sessions: DashboardSessionsTable;
  sign_in_failures: SignInFailuresTable;
}
