/**
 * The SMS with the payment link, in the five languages FPGO supports. Every word is in the GSM-7
 * alphabet (æøå, äöü and ß are), so the message costs 160 characters a segment, not 70; the test
 * of sms-segments.ts holds each language to two segments with a long merchant name.
 */
import type { Language } from '../reservations/reservation.js';

export interface SmsTexts {
  link: (merchant: string, total: string, dueDate: string, url: string) => string;
}

export const SMS_TEXTS: Record<Language, SmsTexts> = {
  en: { link: (merchant, total, dueDate, url) => `${merchant}: pay your reservation of ${total} by ${dueDate}: ${url}` },
  no: { link: (merchant, total, dueDate, url) => `${merchant}: betal reservasjonen din på ${total} innen ${dueDate}: ${url}` },
  sv: { link: (merchant, total, dueDate, url) => `${merchant}: betala din reservation på ${total} senast ${dueDate}: ${url}` },
  da: { link: (merchant, total, dueDate, url) => `${merchant}: betal din reservation på ${total} senest ${dueDate}: ${url}` },
  de: { link: (merchant, total, dueDate, url) => `${merchant}: Bezahlen Sie Ihre Reservierung über ${total} bis ${dueDate}: ${url}` },
};
