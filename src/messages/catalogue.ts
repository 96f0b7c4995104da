/**
 * The one message catalogue: every text a customer reads — the checkout page, the BankID login,
 * the email and the SMS with the payment link — per language, typed so a language missing a key
 * does not compile (test/message-catalogue.test.ts checks the same at run time). `no` is the default.
 */
import type { Language } from '../reservations/reservation.js';
import { BANKID_TEXTS, LOGIN_LOST_TEXTS, type BankIdTexts } from './bankid.js';
import { ERROR_TEXTS, NOT_FOUND_TEXTS, TEXTS, type Texts } from './checkout.js';
import { EMAIL_TEXTS, type EmailTexts } from './email.js';
import { SMS_TEXTS, type SmsTexts } from './sms.js';

export interface Messages {
  checkout: Texts;
  notFound: string;
  error: string;
  bankid: BankIdTexts;
  loginLost: string;
  email: EmailTexts;
  sms: SmsTexts;
}

export const DEFAULT_LANGUAGE: Language = 'no';

function messagesIn(language: Language): Messages {
  return {
    checkout: TEXTS[language],
    notFound: NOT_FOUND_TEXTS[language],
    error: ERROR_TEXTS[language],
    bankid: BANKID_TEXTS[language],
    loginLost: LOGIN_LOST_TEXTS[language],
    email: EMAIL_TEXTS[language],
    sms: SMS_TEXTS[language],
  };
}

export const CATALOGUE: Record<Language, Messages> = { en: messagesIn('en'), no: messagesIn('no'), sv: messagesIn('sv'), da: messagesIn('da'), de: messagesIn('de') };

/** The messages in `language`, or in Norwegian when it is absent or unknown. */
export function messagesFor(language: string | null | undefined): Messages {
  return Object.hasOwn(CATALOGUE, language ?? '') ? CATALOGUE[language as Language] : CATALOGUE[DEFAULT_LANGUAGE];
}
