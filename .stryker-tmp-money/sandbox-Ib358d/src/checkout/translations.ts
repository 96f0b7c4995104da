/** Every text the customer sees, in the five languages FPGO supports. */
// @ts-nocheck

import type { CardField, CardProblem } from '../reservations/cards.js';
import type { Language } from '../reservations/reservation.js';

export interface Texts {
  locale: string;
  title: string;
  reservationAt: (merchant: string) => string;
  orderSummary: string;
  product: string;
  quantity: string;
  price: string;
  tax: string;
  amount: string;
  subTotal: string;
  totalTax: string;
  total: string;
  payBy: (date: string) => string;
  terms: string;
  notes: string;
  paymentMethod: string;
  visa: string;
  mastercard: string;
  cardNumber: string;
  expiry: string;
  expiryHint: string;
  securityCode: string;
  securityCodeHint: string;
  holderName: string;
  pay: (amount: string) => string;
  secureNote: string;
  fixErrors: string;
  problems: Record<CardField, Partial<Record<CardProblem, string>>>;
  declined: Record<string, string>;
  gatewayError: string;
  tryAgain: string;
  inProgressTitle: string;
  inProgress: string;
  paidTitle: string;
  paid: string;
  approvedTitle: string;
  approved: (amount: string, merchant: string) => string;
  expiredTitle: string;
  expired: string;
  cancelledTitle: string;
  cancelled: string;
  completedTitle: string;
  completed: string;
  tooManyAttemptsTitle: string;
  tooManyAttempts: string;
}

const en: Texts = {
  locale: 'en-GB',
  title: 'Pay for your reservation',
  reservationAt: (merchant) => `Reservation at ${merchant}`,
  orderSummary: 'Order summary',
  product: 'Product',
  quantity: 'Qty',
  price: 'Price',
  tax: 'VAT',
  amount: 'Amount',
  subTotal: 'Subtotal',
  totalTax: 'VAT',
  total: 'Total',
  payBy: (date) => `Pay by ${date}`,
  terms: 'Terms and conditions',
  notes: 'Notes',
  paymentMethod: 'Payment method',
  visa: 'Visa',
  mastercard: 'Mastercard',
  cardNumber: 'Card number',
  expiry: 'Expiry date',
  expiryHint: 'MM/YY',
  securityCode: 'Security code',
  securityCodeHint: '3 digits on the back of the card',
  holderName: 'Name on card',
  pay: (amount) => `Pay ${amount}`,
  secureNote: 'The amount is reserved on your card now and charged later by the merchant.',
  fixErrors: 'Please correct the fields marked below.',
  problems: {
    method: { required: 'Choose Visa or Mastercard.', invalid: 'Choose Visa or Mastercard.' },
    cardNumber: {
      required: 'Enter the card number.',
      invalid: 'This card number is not valid. Check the digits.',
      unsupported: 'Only Visa and Mastercard cards can be used.',
      brandMismatch: 'This card does not match the chosen payment method.',
    },
    expiry: { required: 'Enter the expiry date.', invalid: 'Enter the expiry date as MM/YY.', expired: 'This card has expired.' },
    securityCode: { required: 'Enter the security code.', invalid: 'The security code is 3 digits.' },
    holderName: { required: 'Enter the name on the card.' },
  },
  declined: { card_declined: 'Your card was declined.', insufficient_funds: 'Your card has insufficient funds.' },
  gatewayError: 'The payment could not be processed right now. Nothing was charged. Please try again.',
  tryAgain: 'You can try again with another card.',
  inProgressTitle: 'Payment in progress',
  inProgress: 'Your payment is being processed. This page updates in a moment.',
  paidTitle: 'Already paid',
  paid: 'This reservation is already paid. You do not need to do anything more.',
  approvedTitle: 'Payment approved',
  approved: (amount, merchant) => `${amount} is reserved on your card for ${merchant}. You can close this page.`,
  expiredTitle: 'Payment link expired',
  expired: 'This payment link has expired. Please contact the merchant for a new one.',
  cancelledTitle: 'Reservation cancelled',
  cancelled: 'This reservation was cancelled by the merchant. Nothing will be charged.',
  completedTitle: 'Reservation completed',
  completed: 'This reservation is completed. There is nothing more to pay here.',
  tooManyAttemptsTitle: 'Too many payment attempts',
  tooManyAttempts: 'For your security, payments on this link are paused for a minute. Please wait a moment and try again.',
};

const no: Texts = {
  locale: 'nb-NO',
  title: 'Betal reservasjonen din',
  reservationAt: (merchant) => `Reservasjon hos ${merchant}`,
  orderSummary: 'Ordresammendrag',
  product: 'Produkt',
  quantity: 'Antall',
  price: 'Pris',
  tax: 'MVA',
  amount: 'Beløp',
  subTotal: 'Delsum',
  totalTax: 'MVA',
  total: 'Totalt',
  payBy: (date) => `Betal innen ${date}`,
  terms: 'Vilkår og betingelser',
  notes: 'Merknader',
  paymentMethod: 'Betalingsmåte',
  visa: 'Visa',
  mastercard: 'Mastercard',
  cardNumber: 'Kortnummer',
  expiry: 'Utløpsdato',
  expiryHint: 'MM/ÅÅ',
  securityCode: 'Sikkerhetskode',
  securityCodeHint: '3 siffer på baksiden av kortet',
  holderName: 'Navn på kortet',
  pay: (amount) => `Betal ${amount}`,
  secureNote: 'Beløpet reserveres på kortet ditt nå og trekkes senere av butikken.',
  fixErrors: 'Rett opp feltene som er merket nedenfor.',
  problems: {
    method: { required: 'Velg Visa eller Mastercard.', invalid: 'Velg Visa eller Mastercard.' },
    cardNumber: {
      required: 'Skriv inn kortnummeret.',
      invalid: 'Kortnummeret er ikke gyldig. Sjekk sifrene.',
      unsupported: 'Bare Visa- og Mastercard-kort kan brukes.',
      brandMismatch: 'Kortet passer ikke med valgt betalingsmåte.',
    },
    expiry: { required: 'Skriv inn utløpsdatoen.', invalid: 'Skriv utløpsdatoen som MM/ÅÅ.', expired: 'Kortet er utløpt.' },
    securityCode: { required: 'Skriv inn sikkerhetskoden.', invalid: 'Sikkerhetskoden er 3 siffer.' },
    holderName: { required: 'Skriv inn navnet på kortet.' },
  },
  declined: { card_declined: 'Kortet ditt ble avvist.', insufficient_funds: 'Det er ikke nok dekning på kortet ditt.' },
  gatewayError: 'Betalingen kunne ikke behandles akkurat nå. Ingenting ble trukket. Prøv igjen.',
  tryAgain: 'Du kan prøve igjen med et annet kort.',
  inProgressTitle: 'Betaling pågår',
  inProgress: 'Betalingen din behandles. Siden oppdateres om et øyeblikk.',
  paidTitle: 'Allerede betalt',
  paid: 'Denne reservasjonen er allerede betalt. Du trenger ikke gjøre noe mer.',
  approvedTitle: 'Betalingen er godkjent',
  approved: (amount, merchant) => `${amount} er reservert på kortet ditt for ${merchant}. Du kan lukke denne siden.`,
  expiredTitle: 'Betalingslenken er utløpt',
  expired: 'Denne betalingslenken er utløpt. Kontakt butikken for å få en ny.',
  cancelledTitle: 'Reservasjonen er kansellert',
  cancelled: 'Denne reservasjonen ble kansellert av butikken. Ingenting blir trukket.',
  completedTitle: 'Reservasjonen er fullført',
  completed: 'Denne reservasjonen er fullført. Det er ikke mer å betale her.',
  tooManyAttemptsTitle: 'For mange betalingsforsøk',
  tooManyAttempts: 'Av sikkerhetshensyn er betaling med denne lenken satt på pause i ett minutt. Vent litt og prøv igjen.',
};

const sv: Texts = {
  locale: 'sv-SE',
  title: 'Betala din reservation',
  reservationAt: (merchant) => `Reservation hos ${merchant}`,
  orderSummary: 'Ordersammanfattning',
  product: 'Produkt',
  quantity: 'Antal',
  price: 'Pris',
  tax: 'Moms',
  amount: 'Belopp',
  subTotal: 'Delsumma',
  totalTax: 'Moms',
  total: 'Totalt',
  payBy: (date) => `Betala senast ${date}`,
  terms: 'Villkor',
  notes: 'Anteckningar',
  paymentMethod: 'Betalningssätt',
  visa: 'Visa',
  mastercard: 'Mastercard',
  cardNumber: 'Kortnummer',
  expiry: 'Giltigt till',
  expiryHint: 'MM/ÅÅ',
  securityCode: 'Säkerhetskod',
  securityCodeHint: '3 siffror på kortets baksida',
  holderName: 'Namn på kortet',
  pay: (amount) => `Betala ${amount}`,
  secureNote: 'Beloppet reserveras på ditt kort nu och dras senare av handlaren.',
  fixErrors: 'Rätta fälten som är markerade nedan.',
  problems: {
    method: { required: 'Välj Visa eller Mastercard.', invalid: 'Välj Visa eller Mastercard.' },
    cardNumber: {
      required: 'Ange kortnumret.',
      invalid: 'Kortnumret är inte giltigt. Kontrollera siffrorna.',
      unsupported: 'Endast Visa- och Mastercard-kort kan användas.',
      brandMismatch: 'Kortet stämmer inte med valt betalningssätt.',
    },
    expiry: { required: 'Ange giltighetstiden.', invalid: 'Ange giltighetstiden som MM/ÅÅ.', expired: 'Kortet har gått ut.' },
    securityCode: { required: 'Ange säkerhetskoden.', invalid: 'Säkerhetskoden är 3 siffror.' },
    holderName: { required: 'Ange namnet på kortet.' },
  },
  declined: { card_declined: 'Ditt kort nekades.', insufficient_funds: 'Det finns inte tillräckligt med pengar på ditt kort.' },
  gatewayError: 'Betalningen kunde inte genomföras just nu. Inget har dragits. Försök igen.',
  tryAgain: 'Du kan försöka igen med ett annat kort.',
  inProgressTitle: 'Betalning pågår',
  inProgress: 'Din betalning behandlas. Sidan uppdateras strax.',
  paidTitle: 'Redan betald',
  paid: 'Den här reservationen är redan betald. Du behöver inte göra något mer.',
  approvedTitle: 'Betalningen är godkänd',
  approved: (amount, merchant) => `${amount} är reserverat på ditt kort för ${merchant}. Du kan stänga sidan.`,
  expiredTitle: 'Betalningslänken har gått ut',
  expired: 'Den här betalningslänken har gått ut. Kontakta handlaren för att få en ny.',
  cancelledTitle: 'Reservationen är avbokad',
  cancelled: 'Den här reservationen avbokades av handlaren. Inget kommer att dras.',
  completedTitle: 'Reservationen är slutförd',
  completed: 'Den här reservationen är slutförd. Det finns inget mer att betala här.',
  tooManyAttemptsTitle: 'För många betalningsförsök',
  tooManyAttempts: 'Av säkerhetsskäl är betalningar via den här länken pausade i en minut. Vänta en stund och försök igen.',
};

const da: Texts = {
  locale: 'da-DK',
  title: 'Betal for din reservation',
  reservationAt: (merchant) => `Reservation hos ${merchant}`,
  orderSummary: 'Ordreoversigt',
  product: 'Produkt',
  quantity: 'Antal',
  price: 'Pris',
  tax: 'Moms',
  amount: 'Beløb',
  subTotal: 'Subtotal',
  totalTax: 'Moms',
  total: 'I alt',
  payBy: (date) => `Betal senest ${date}`,
  terms: 'Vilkår og betingelser',
  notes: 'Bemærkninger',
  paymentMethod: 'Betalingsmetode',
  visa: 'Visa',
  mastercard: 'Mastercard',
  cardNumber: 'Kortnummer',
  expiry: 'Udløbsdato',
  expiryHint: 'MM/ÅÅ',
  securityCode: 'Sikkerhedskode',
  securityCodeHint: '3 cifre på bagsiden af kortet',
  holderName: 'Navn på kortet',
  pay: (amount) => `Betal ${amount}`,
  secureNote: 'Beløbet reserveres på dit kort nu og trækkes senere af forretningen.',
  fixErrors: 'Ret de felter, der er markeret nedenfor.',
  problems: {
    method: { required: 'Vælg Visa eller Mastercard.', invalid: 'Vælg Visa eller Mastercard.' },
    cardNumber: {
      required: 'Indtast kortnummeret.',
      invalid: 'Kortnummeret er ikke gyldigt. Tjek cifrene.',
      unsupported: 'Kun Visa- og Mastercard-kort kan bruges.',
      brandMismatch: 'Kortet passer ikke til den valgte betalingsmetode.',
    },
    expiry: { required: 'Indtast udløbsdatoen.', invalid: 'Indtast udløbsdatoen som MM/ÅÅ.', expired: 'Kortet er udløbet.' },
    securityCode: { required: 'Indtast sikkerhedskoden.', invalid: 'Sikkerhedskoden er 3 cifre.' },
    holderName: { required: 'Indtast navnet på kortet.' },
  },
  declined: { card_declined: 'Dit kort blev afvist.', insufficient_funds: 'Der er ikke dækning nok på dit kort.' },
  gatewayError: 'Betalingen kunne ikke gennemføres lige nu. Der er ikke trukket noget. Prøv igen.',
  tryAgain: 'Du kan prøve igen med et andet kort.',
  inProgressTitle: 'Betaling i gang',
  inProgress: 'Din betaling behandles. Siden opdateres om et øjeblik.',
  paidTitle: 'Allerede betalt',
  paid: 'Denne reservation er allerede betalt. Du behøver ikke gøre mere.',
  approvedTitle: 'Betalingen er godkendt',
  approved: (amount, merchant) => `${amount} er reserveret på dit kort til ${merchant}. Du kan lukke denne side.`,
  expiredTitle: 'Betalingslinket er udløbet',
  expired: 'Dette betalingslink er udløbet. Kontakt forretningen for at få et nyt.',
  cancelledTitle: 'Reservationen er annulleret',
  cancelled: 'Denne reservation blev annulleret af forretningen. Der trækkes ikke noget.',
  completedTitle: 'Reservationen er afsluttet',
  completed: 'Denne reservation er afsluttet. Der er ikke mere at betale her.',
  tooManyAttemptsTitle: 'For mange betalingsforsøg',
  tooManyAttempts: 'Af sikkerhedshensyn er betalinger via dette link sat på pause i et minut. Vent lidt, og prøv igen.',
};

const de: Texts = {
  locale: 'de-DE',
  title: 'Reservierung bezahlen',
  reservationAt: (merchant) => `Reservierung bei ${merchant}`,
  orderSummary: 'Bestellübersicht',
  product: 'Produkt',
  quantity: 'Menge',
  price: 'Preis',
  tax: 'MwSt.',
  amount: 'Betrag',
  subTotal: 'Zwischensumme',
  totalTax: 'MwSt.',
  total: 'Gesamt',
  payBy: (date) => `Zahlbar bis ${date}`,
  terms: 'Geschäftsbedingungen',
  notes: 'Anmerkungen',
  paymentMethod: 'Zahlungsart',
  visa: 'Visa',
  mastercard: 'Mastercard',
  cardNumber: 'Kartennummer',
  expiry: 'Ablaufdatum',
  expiryHint: 'MM/JJ',
  securityCode: 'Sicherheitscode',
  securityCodeHint: '3 Ziffern auf der Kartenrückseite',
  holderName: 'Name auf der Karte',
  pay: (amount) => `${amount} bezahlen`,
  secureNote: 'Der Betrag wird jetzt auf Ihrer Karte reserviert und später vom Händler eingezogen.',
  fixErrors: 'Bitte korrigieren Sie die markierten Felder.',
  problems: {
    method: { required: 'Wählen Sie Visa oder Mastercard.', invalid: 'Wählen Sie Visa oder Mastercard.' },
    cardNumber: {
      required: 'Geben Sie die Kartennummer ein.',
      invalid: 'Diese Kartennummer ist ungültig. Prüfen Sie die Ziffern.',
      unsupported: 'Nur Visa- und Mastercard-Karten werden akzeptiert.',
      brandMismatch: 'Diese Karte passt nicht zur gewählten Zahlungsart.',
    },
    expiry: { required: 'Geben Sie das Ablaufdatum ein.', invalid: 'Geben Sie das Ablaufdatum als MM/JJ ein.', expired: 'Diese Karte ist abgelaufen.' },
    securityCode: { required: 'Geben Sie den Sicherheitscode ein.', invalid: 'Der Sicherheitscode hat 3 Ziffern.' },
    holderName: { required: 'Geben Sie den Namen auf der Karte ein.' },
  },
  declined: { card_declined: 'Ihre Karte wurde abgelehnt.', insufficient_funds: 'Ihre Karte ist nicht ausreichend gedeckt.' },
  gatewayError: 'Die Zahlung konnte gerade nicht verarbeitet werden. Es wurde nichts belastet. Bitte versuchen Sie es erneut.',
  tryAgain: 'Sie können es mit einer anderen Karte erneut versuchen.',
  inProgressTitle: 'Zahlung läuft',
  inProgress: 'Ihre Zahlung wird verarbeitet. Die Seite aktualisiert sich gleich.',
  paidTitle: 'Bereits bezahlt',
  paid: 'Diese Reservierung ist bereits bezahlt. Sie müssen nichts weiter tun.',
  approvedTitle: 'Zahlung genehmigt',
  approved: (amount, merchant) => `${amount} sind auf Ihrer Karte für ${merchant} reserviert. Sie können diese Seite schließen.`,
  expiredTitle: 'Zahlungslink abgelaufen',
  expired: 'Dieser Zahlungslink ist abgelaufen. Bitte wenden Sie sich für einen neuen an den Händler.',
  cancelledTitle: 'Reservierung storniert',
  cancelled: 'Diese Reservierung wurde vom Händler storniert. Es wird nichts belastet.',
  completedTitle: 'Reservierung abgeschlossen',
  completed: 'Diese Reservierung ist abgeschlossen. Hier ist nichts mehr zu bezahlen.',
  tooManyAttemptsTitle: 'Zu viele Zahlungsversuche',
  tooManyAttempts: 'Aus Sicherheitsgründen sind Zahlungen über diesen Link für eine Minute pausiert. Bitte warten Sie kurz und versuchen Sie es erneut.',
};

export const TEXTS: Record<Language, Texts> = { en, no, sv, da, de };

/** The page shown for an unknown link, when the customer's language is unknown: all five. */
export const NOT_FOUND_TEXTS = {
  en: 'This payment link does not exist. Check the link you were sent.',
  no: 'Denne betalingslenken finnes ikke. Sjekk lenken du fikk.',
  sv: 'Den här betalningslänken finns inte. Kontrollera länken du fick.',
  da: 'Dette betalingslink findes ikke. Tjek det link, du fik.',
  de: 'Dieser Zahlungslink existiert nicht. Prüfen Sie den Link, den Sie erhalten haben.',
} satisfies Record<Language, string>;

/** The page for a request the checkout could not handle (a broken form, a failure on fpgo's side), in all five languages. */
export const ERROR_TEXTS = {
  en: 'Something went wrong and your payment was not made. Please go back and try again; if it keeps failing, contact the merchant.',
  no: 'Noe gikk galt, og betalingen ble ikke gjennomført. Gå tilbake og prøv igjen; kontakt butikken hvis det fortsetter.',
  sv: 'Något gick fel och betalningen genomfördes inte. Gå tillbaka och försök igen; kontakta handlaren om felet kvarstår.',
  da: 'Noget gik galt, og betalingen blev ikke gennemført. Gå tilbage og prøv igen; kontakt forretningen, hvis det fortsætter.',
  de: 'Etwas ist schiefgelaufen, die Zahlung wurde nicht ausgeführt. Bitte gehen Sie zurück und versuchen Sie es erneut; wenden Sie sich an den Händler, wenn es weiter fehlschlägt.',
} satisfies Record<Language, string>;
