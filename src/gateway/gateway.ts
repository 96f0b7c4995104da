/**
 * The payment gateway port: everything the reservation core needs of a card gateway (PSP).
 * Flows follow the usual names — authorize, capture, charge (merchant-initiated, on a stored card),
 * refund, void. Adapters keep their PSP's own types to themselves; the core sees only these.
 *
 * Every call carries our own `reference` (RES…, CAP…, CHA…) so a gateway can de-duplicate retries.
 * A gateway answers `approved`, `declined` (the card or bank said no: the customer may try another
 * card) or `error` (the gateway could not be reached or failed: nothing happened; FPGO's 510).
 */
import type { MinorUnits } from '../reservations/money.js';

export type CardBrand = 'visa' | 'mastercard';

/** Card data as typed by the customer. Never stored or logged: only `StoredCard` outlives the call. */
export interface CardInput {
  number: string;
  expiryMonth: number;
  expiryYear: number;
  securityCode: string;
  holderName: string;
}

/** What may be kept about a card: the gateway's opaque token and what the customer may be shown. */
export interface StoredCard {
  token: string;
  brand: CardBrand;
  last4: string;
  expiryMonth: number;
  expiryYear: number;
}

export type DeclineReason = 'card_declined' | 'insufficient_funds';

export type GatewayAnswer<T> =
  | ({ outcome: 'approved' } & T)
  | { outcome: 'declined'; reason: DeclineReason; message: string }
  | { outcome: 'error'; message: string };

export interface PaymentGateway {
  /** Reserves `amount` on the card and tokenizes it for later charges. */
  authorize(request: { reference: string; amount: MinorUnits; currency: string; card: CardInput }): Promise<
    GatewayAnswer<{ authorizationId: string; card: StoredCard }>
  >;
  /** Takes part of an authorization; may be called several times until it is used up. */
  capture(request: { reference: string; authorizationId: string; amount: MinorUnits; currency: string }): Promise<GatewayAnswer<{ paymentId: string }>>;
  /** A merchant-initiated payment on a stored card, independent of any authorization. */
  charge(request: { reference: string; cardToken: string; amount: MinorUnits; currency: string }): Promise<GatewayAnswer<{ paymentId: string }>>;
  /** Returns money of a capture or a charge. */
  refund(request: { reference: string; paymentId: string; amount: MinorUnits; currency: string }): Promise<GatewayAnswer<{ refundId: string }>>;
  /** Releases what is left of an authorization. */
  void(request: { reference: string; authorizationId: string }): Promise<GatewayAnswer<object>>;
}
