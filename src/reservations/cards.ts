/**
 * What the checkout checks of a card before anything reaches the gateway: the number (Luhn, a
 * supported brand, the brand the customer chose), the expiry (MM/YY, not past), the security code
 * (3 digits) and the name. Failures are codes the page translates next to the field.
 */
export type CardBrand = 'visa' | 'mastercard';

/** Card data as typed by the customer. Never stored or logged: only `StoredCard` outlives the gateway call. */
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

export type CardField = 'method' | 'cardNumber' | 'expiry' | 'securityCode' | 'holderName';
export type CardProblem = 'required' | 'invalid' | 'unsupported' | 'brandMismatch' | 'expired';

export interface CardForm {
  method?: string | undefined;
  cardNumber?: string | undefined;
  expiry?: string | undefined;
  securityCode?: string | undefined;
  holderName?: string | undefined;
}

export type CardCheck =
  | { ok: true; card: CardInput; brand: CardBrand }
  | { ok: false; problems: Partial<Record<CardField, CardProblem>> };

export function cardBrand(number: string): CardBrand | null {
  if (/^4\d{12}(\d{3}){0,2}$/.test(number)) return 'visa';
  if (/^(5[1-5]\d{2}|222[1-9]|22[3-9]\d|2[3-6]\d{2}|27[01]\d|2720)\d{12}$/.test(number)) return 'mastercard';
  return null;
}

export function passesLuhn(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let digit = number.charCodeAt(number.length - 1 - i) - 48;
    // Stryker disable next-line EqualityOperator: a doubled digit is even, so `> 9` and `>= 9` never differ
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    // Stryker disable next-line AssignmentOperator: a sum and its negative are both multiples of 10 or neither
    sum += digit;
  }
  return number.length >= 12 && sum % 10 === 0;
}

/** Digits only: customers type spaces and dashes. */
export const normalizeCardNumber = (input: string) => input.replace(/[\s-]/g, '');

/** "MM/YY" (or MM/YYYY); the card is valid through the last day of that month. */
export function parseExpiry(input: string): { month: number; year: number } | null {
  const match = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(input);
  if (!match) return null;
  const month = Number(match[1]);
  const year = match[2]!.length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
  return month >= 1 && month <= 12 ? { month, year } : null;
}

export function checkCard(form: CardForm, now: number): CardCheck {
  const problems: Partial<Record<CardField, CardProblem>> = {};
  const method = form.method === 'visa' || form.method === 'mastercard' ? form.method : null;
  if (!method) problems.method = form.method ? 'invalid' : 'required';

  const number = normalizeCardNumber(form.cardNumber ?? '');
  const brand = cardBrand(number);
  if (!number) problems.cardNumber = 'required';
  else if (!/^\d+$/.test(number) || !passesLuhn(number)) problems.cardNumber = 'invalid';
  else if (!brand) problems.cardNumber = 'unsupported';
  else if (method && brand !== method) problems.cardNumber = 'brandMismatch';

  const expiry = form.expiry?.trim() ? parseExpiry(form.expiry) : null;
  if (!form.expiry?.trim()) problems.expiry = 'required';
  else if (!expiry) problems.expiry = 'invalid';
  else if (Date.UTC(expiry.year, expiry.month, 1) <= now) problems.expiry = 'expired';

  const code = form.securityCode?.trim() ?? '';
  if (!code) problems.securityCode = 'required';
  else if (!/^\d{3}$/.test(code)) problems.securityCode = 'invalid';

  const holderName = form.holderName?.trim() ?? '';
  if (!holderName) problems.holderName = 'required';

  if (Object.keys(problems).length > 0 || !brand || !expiry) return { ok: false, problems };
  return { ok: true, brand, card: { number, expiryMonth: expiry.month, expiryYear: expiry.year, securityCode: code, holderName } };
}
