/** What the customer reads around a BankID login (secureDetails), in the five languages FPGO supports. */
// @ts-nocheck

import type { Language } from '../reservations/reservation.js';

export type LoginRefusal = 'mismatch' | 'cancelled' | 'failed' | 'expired' | 'unavailable';

export interface BankIdTexts {
  stepTitle: string;
  stepIntro: (merchant: string) => string;
  stepPrivacy: (minutes: number) => string;
  continueWithBankId: string;
  refusedTitle: Record<LoginRefusal, string>;
  refused: Record<LoginRefusal, (merchant: string) => string>;
  tryAgain: string;
  testTitle: string;
  testBanner: string;
  testNationalId: string;
  testNationalIdHint: string;
  testNationalIdInvalid: string;
  testLogIn: string;
  testCancel: string;
}

const en: BankIdTexts = {
  stepTitle: 'Confirm who you are',
  stepIntro: (merchant) => `${merchant} asks you to confirm your identity with BankID before you see the order and pay.`,
  stepPrivacy: (minutes) => `The order is shown after you log in, only in this browser and for ${minutes} minutes.`,
  continueWithBankId: 'Continue with BankID',
  refusedTitle: {
    mismatch: 'This order is for someone else',
    cancelled: 'BankID login cancelled',
    failed: 'BankID login failed',
    expired: 'The login has expired',
    unavailable: 'BankID is not available right now',
  },
  refused: {
    mismatch: (merchant) => `The person who logged in with BankID is not the person this order is for. Nothing was changed. If you think this is wrong, contact ${merchant}.`,
    cancelled: () => 'You cancelled the login. Nothing was changed.',
    failed: () => 'The login could not be completed. Nothing was changed. Please try again.',
    expired: () => 'The BankID login took too long or was already used. Nothing was changed. Please start again.',
    unavailable: () => 'We could not reach BankID. Nothing was changed. Please try again in a few minutes.',
  },
  tryAgain: 'Try again with BankID',
  testTitle: 'Test login (not BankID)',
  testBanner: "This is fpgo's test identity provider, not BankID. It is offered to test merchants only. Do not type a real national identity number.",
  testNationalId: 'Test national identity number',
  testNationalIdHint: '11 digits',
  testNationalIdInvalid: 'Type 11 digits.',
  testLogIn: 'Log in',
  testCancel: 'Cancel login',
};

const no: BankIdTexts = {
  stepTitle: 'Bekreft hvem du er',
  stepIntro: (merchant) => `${merchant} ber deg bekrefte identiteten din med BankID før du ser bestillingen og betaler.`,
  stepPrivacy: (minutes) => `Bestillingen vises etter at du har logget inn, bare i denne nettleseren og i ${minutes} minutter.`,
  continueWithBankId: 'Fortsett med BankID',
  refusedTitle: {
    mismatch: 'Bestillingen gjelder en annen person',
    cancelled: 'BankID-innloggingen ble avbrutt',
    failed: 'BankID-innloggingen mislyktes',
    expired: 'Innloggingen er utløpt',
    unavailable: 'BankID er ikke tilgjengelig akkurat nå',
  },
  refused: {
    mismatch: (merchant) => `Personen som logget inn med BankID, er ikke den bestillingen gjelder. Ingenting er endret. Kontakt ${merchant} hvis du mener dette er feil.`,
    cancelled: () => 'Du avbrøt innloggingen. Ingenting er endret.',
    failed: () => 'Innloggingen kunne ikke fullføres. Ingenting er endret. Prøv igjen.',
    expired: () => 'BankID-innloggingen tok for lang tid eller er allerede brukt. Ingenting er endret. Start på nytt.',
    unavailable: () => 'Vi fikk ikke kontakt med BankID. Ingenting er endret. Prøv igjen om noen minutter.',
  },
  tryAgain: 'Prøv igjen med BankID',
  testTitle: 'Testinnlogging (ikke BankID)',
  testBanner: 'Dette er fpgos testidentitetstjeneste, ikke BankID. Den tilbys bare testbrukersteder. Ikke skriv inn et ekte fødselsnummer.',
  testNationalId: 'Fødselsnummer for test',
  testNationalIdHint: '11 siffer',
  testNationalIdInvalid: 'Skriv inn 11 siffer.',
  testLogIn: 'Logg inn',
  testCancel: 'Avbryt innloggingen',
};

const sv: BankIdTexts = {
  stepTitle: 'Bekräfta vem du är',
  stepIntro: (merchant) => `${merchant} ber dig bekräfta din identitet med BankID innan du ser beställningen och betalar.`,
  stepPrivacy: (minutes) => `Beställningen visas när du har loggat in, bara i den här webbläsaren och i ${minutes} minuter.`,
  continueWithBankId: 'Fortsätt med BankID',
  refusedTitle: {
    mismatch: 'Beställningen gäller en annan person',
    cancelled: 'BankID-inloggningen avbröts',
    failed: 'BankID-inloggningen misslyckades',
    expired: 'Inloggningen har gått ut',
    unavailable: 'BankID är inte tillgängligt just nu',
  },
  refused: {
    mismatch: (merchant) => `Personen som loggade in med BankID är inte den som beställningen gäller. Inget har ändrats. Kontakta ${merchant} om du tror att detta är fel.`,
    cancelled: () => 'Du avbröt inloggningen. Inget har ändrats.',
    failed: () => 'Inloggningen kunde inte slutföras. Inget har ändrats. Försök igen.',
    expired: () => 'BankID-inloggningen tog för lång tid eller har redan använts. Inget har ändrats. Börja om.',
    unavailable: () => 'Vi kunde inte nå BankID. Inget har ändrats. Försök igen om några minuter.',
  },
  tryAgain: 'Försök igen med BankID',
  testTitle: 'Testinloggning (inte BankID)',
  testBanner: 'Det här är fpgos testidentitetstjänst, inte BankID. Den erbjuds bara testhandlare. Skriv inte ett riktigt personnummer.',
  testNationalId: 'Personnummer för test',
  testNationalIdHint: '11 siffror',
  testNationalIdInvalid: 'Skriv 11 siffror.',
  testLogIn: 'Logga in',
  testCancel: 'Avbryt inloggningen',
};

const da: BankIdTexts = {
  stepTitle: 'Bekræft, hvem du er',
  stepIntro: (merchant) => `${merchant} beder dig bekræfte din identitet med BankID, før du ser bestillingen og betaler.`,
  stepPrivacy: (minutes) => `Bestillingen vises, når du er logget ind, kun i denne browser og i ${minutes} minutter.`,
  continueWithBankId: 'Fortsæt med BankID',
  refusedTitle: {
    mismatch: 'Bestillingen gælder en anden person',
    cancelled: 'BankID-login blev afbrudt',
    failed: 'BankID-login mislykkedes',
    expired: 'Login er udløbet',
    unavailable: 'BankID er ikke tilgængelig lige nu',
  },
  refused: {
    mismatch: (merchant) => `Personen, der loggede ind med BankID, er ikke den, bestillingen gælder. Intet er ændret. Kontakt ${merchant}, hvis du mener, det er en fejl.`,
    cancelled: () => 'Du afbrød login. Intet er ændret.',
    failed: () => 'Login kunne ikke gennemføres. Intet er ændret. Prøv igen.',
    expired: () => 'BankID-login tog for lang tid eller er allerede brugt. Intet er ændret. Start forfra.',
    unavailable: () => 'Vi kunne ikke få forbindelse til BankID. Intet er ændret. Prøv igen om et par minutter.',
  },
  tryAgain: 'Prøv igen med BankID',
  testTitle: 'Test-login (ikke BankID)',
  testBanner: 'Dette er fpgos testidentitetstjeneste, ikke BankID. Den tilbydes kun testforretninger. Skriv ikke et rigtigt personnummer.',
  testNationalId: 'Personnummer til test',
  testNationalIdHint: '11 cifre',
  testNationalIdInvalid: 'Skriv 11 cifre.',
  testLogIn: 'Log ind',
  testCancel: 'Afbryd login',
};

const de: BankIdTexts = {
  stepTitle: 'Bestätigen Sie, wer Sie sind',
  stepIntro: (merchant) => `${merchant} bittet Sie, Ihre Identität mit BankID zu bestätigen, bevor Sie die Bestellung sehen und bezahlen.`,
  stepPrivacy: (minutes) => `Die Bestellung wird nach der Anmeldung angezeigt – nur in diesem Browser und für ${minutes} Minuten.`,
  continueWithBankId: 'Weiter mit BankID',
  refusedTitle: {
    mismatch: 'Diese Bestellung gilt einer anderen Person',
    cancelled: 'BankID-Anmeldung abgebrochen',
    failed: 'BankID-Anmeldung fehlgeschlagen',
    expired: 'Anmeldung abgelaufen',
    unavailable: 'BankID ist gerade nicht erreichbar',
  },
  refused: {
    mismatch: (merchant) =>
      `Die mit BankID angemeldete Person ist nicht die Person, für die diese Bestellung bestimmt ist. Es wurde nichts geändert. Wenden Sie sich an ${merchant}, wenn Sie das für einen Fehler halten.`,
    cancelled: () => 'Sie haben die Anmeldung abgebrochen. Es wurde nichts geändert.',
    failed: () => 'Die Anmeldung konnte nicht abgeschlossen werden. Es wurde nichts geändert. Bitte versuchen Sie es erneut.',
    expired: () => 'Die BankID-Anmeldung hat zu lange gedauert oder wurde bereits verwendet. Es wurde nichts geändert. Bitte beginnen Sie neu.',
    unavailable: () => 'Wir konnten BankID nicht erreichen. Es wurde nichts geändert. Bitte versuchen Sie es in einigen Minuten erneut.',
  },
  tryAgain: 'Erneut mit BankID versuchen',
  testTitle: 'Test-Anmeldung (nicht BankID)',
  testBanner: 'Dies ist der Test-Identitätsdienst von fpgo, nicht BankID. Er wird nur Testhändlern angeboten. Geben Sie keine echte Personennummer ein.',
  testNationalId: 'Test-Personennummer',
  testNationalIdHint: '11 Ziffern',
  testNationalIdInvalid: 'Geben Sie 11 Ziffern ein.',
  testLogIn: 'Anmelden',
  testCancel: 'Anmeldung abbrechen',
};

export const BANKID_TEXTS: Record<Language, BankIdTexts> = { en, no, sv, da, de };

/** A login that came back unknown (expired, used, from another browser) when the customer's language is unknown: all five. */
export const LOGIN_LOST_TEXTS = {
  en: 'This BankID login has expired or was already used. Open the payment link you were sent again to start over.',
  no: 'Denne BankID-innloggingen er utløpt eller allerede brukt. Åpne betalingslenken du fikk på nytt for å starte igjen.',
  sv: 'Den här BankID-inloggningen har gått ut eller har redan använts. Öppna betalningslänken du fick igen för att börja om.',
  da: 'Dette BankID-login er udløbet eller allerede brugt. Åbn det betalingslink, du fik, igen for at starte forfra.',
  de: 'Diese BankID-Anmeldung ist abgelaufen oder wurde bereits verwendet. Öffnen Sie den erhaltenen Zahlungslink erneut, um neu zu beginnen.',
} satisfies Record<Language, string>;
