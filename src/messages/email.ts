/** The email with the payment link, in the five languages FPGO supports. Only the template's words: values come in escaped by the renderer. */
import type { Language } from '../reservations/reservation.js';

export interface EmailTexts {
  subject: (merchant: string) => string;
  greeting: (name: string) => string;
  intro: (merchant: string, total: string) => string;
  product: string;
  quantity: string;
  amount: string;
  total: string;
  dueDate: (date: string) => string;
  pay: string;
  linkInstead: string;
  footer: (merchant: string) => string;
}

const en: EmailTexts = {
  subject: (merchant) => `Payment link for your reservation at ${merchant}`,
  greeting: (name) => `Hello ${name},`,
  intro: (merchant, total) => `${merchant} has sent you a reservation of ${total}. Pay it securely with your card through the link below.`,
  product: 'Product',
  quantity: 'Qty',
  amount: 'Amount',
  total: 'Total',
  dueDate: (date) => `Due date: ${date}`,
  pay: 'Pay now',
  linkInstead: 'If the button does not work, open this link:',
  footer: (merchant) => `You receive this email because ${merchant} asked us to send you this payment link.`,
};

const no: EmailTexts = {
  subject: (merchant) => `Betalingslenke for reservasjonen din hos ${merchant}`,
  greeting: (name) => `Hei ${name},`,
  intro: (merchant, total) => `${merchant} har sendt deg en reservasjon på ${total}. Betal trygt med kortet ditt via lenken nedenfor.`,
  product: 'Produkt',
  quantity: 'Ant.',
  amount: 'Beløp',
  total: 'Totalt',
  dueDate: (date) => `Forfallsdato: ${date}`,
  pay: 'Betal nå',
  linkInstead: 'Hvis knappen ikke virker, åpne denne lenken:',
  footer: (merchant) => `Du får denne e-posten fordi ${merchant} ba oss sende deg denne betalingslenken.`,
};

const sv: EmailTexts = {
  subject: (merchant) => `Betalningslänk för din reservation hos ${merchant}`,
  greeting: (name) => `Hej ${name},`,
  intro: (merchant, total) => `${merchant} har skickat en reservation på ${total} till dig. Betala säkert med ditt kort via länken nedan.`,
  product: 'Produkt',
  quantity: 'Antal',
  amount: 'Belopp',
  total: 'Totalt',
  dueDate: (date) => `Förfallodatum: ${date}`,
  pay: 'Betala nu',
  linkInstead: 'Om knappen inte fungerar, öppna den här länken:',
  footer: (merchant) => `Du får det här mejlet eftersom ${merchant} bad oss skicka betalningslänken till dig.`,
};

const da: EmailTexts = {
  subject: (merchant) => `Betalingslink til din reservation hos ${merchant}`,
  greeting: (name) => `Hej ${name},`,
  intro: (merchant, total) => `${merchant} har sendt dig en reservation på ${total}. Betal sikkert med dit kort via linket nedenfor.`,
  product: 'Produkt',
  quantity: 'Antal',
  amount: 'Beløb',
  total: 'I alt',
  dueDate: (date) => `Forfaldsdato: ${date}`,
  pay: 'Betal nu',
  linkInstead: 'Hvis knappen ikke virker, så åbn dette link:',
  footer: (merchant) => `Du modtager denne e-mail, fordi ${merchant} bad os sende dig dette betalingslink.`,
};

const de: EmailTexts = {
  subject: (merchant) => `Zahlungslink für Ihre Reservierung bei ${merchant}`,
  greeting: (name) => `Hallo ${name},`,
  intro: (merchant, total) => `${merchant} hat Ihnen eine Reservierung über ${total} gesendet. Bezahlen Sie sicher mit Ihrer Karte über den Link unten.`,
  product: 'Produkt',
  quantity: 'Menge',
  amount: 'Betrag',
  total: 'Gesamt',
  dueDate: (date) => `Fällig am: ${date}`,
  pay: 'Jetzt bezahlen',
  linkInstead: 'Falls die Schaltfläche nicht funktioniert, öffnen Sie diesen Link:',
  footer: (merchant) => `Sie erhalten diese E-Mail, weil ${merchant} uns gebeten hat, Ihnen diesen Zahlungslink zu senden.`,
};

export const EMAIL_TEXTS: Record<Language, EmailTexts> = { en, no, sv, da, de };
