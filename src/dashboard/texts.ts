/** Every text of the dashboard, in English and Norwegian (bokmål). */
import type { FailureKey } from '../reservations/outcome.js';
import type { ReservationStatus } from '../reservations/reservation.js';

export const DASHBOARD_LANGUAGES = ['en', 'no'] as const;
export type DashboardLanguage = (typeof DASHBOARD_LANGUAGES)[number];

export type ActionName = 'capture' | 'charge' | 'refund' | 'cancel' | 'complete' | 'resend' | 'resendCallback';

export interface Texts {
  locale: string;
  htmlLang: string;
  product: string;
  skipToContent: string;
  mainNav: string;
  languageNav: string;
  reservations: string;
  developers: string;
  users: string;
  signIn: string;
  signOut: string;
  email: string;
  password: string;
  signInTitle: string;
  signInFailed: string;
  tooManySignIns: (minutes: number) => string;
  signedInAs: (email: string, role: string) => string;
  roles: { admin: string; staff: string };
  search: string;
  searchHint: string;
  status: string;
  anyStatus: string;
  statuses: Record<ReservationStatus, string>;
  from: string;
  to: string;
  filter: string;
  exportCsv: string;
  noReservations: string;
  reservation: string;
  customer: string;
  phone: string;
  reserved: string;
  captured: string;
  charged: string;
  refunded: string;
  created: string;
  total: string;
  pageOf: (page: number, pages: number, total: number) => string;
  previous: string;
  next: string;
  pagination: string;
  chartTitle: string;
  chartSummary: (reserved: string, captured: string) => string;
  reservationTitle: (uuid: string) => string;
  backToList: string;
  overview: string;
  dueDate: string;
  paidAt: string;
  paymentMethod: string;
  products: string;
  name: string;
  quantity: string;
  amount: string;
  tax: string;
  ledger: string;
  transactions: string;
  kind: string;
  id: string;
  time: string;
  state: string;
  transactionKinds: { capture: string; charge: string; refund: string };
  transactionStates: { pending: string; succeeded: string; failed: string };
  refundedFromCaptures: string;
  refundedFromCharges: string;
  remaining: string;
  history: string;
  actionBy: string;
  note: string;
  sentTo: string;
  noHistory: string;
  callbacks: string;
  noCallbacks: string;
  delivery: Record<'pending' | 'delivered' | 'failed', string>;
  nextAttempt: string;
  attempts: string;
  url: string;
  httpStatus: string;
  duration: string;
  noAttempts: string;
  actions: string;
  actionLabels: Record<ActionName, string>;
  confirmLabels: Record<ActionName, string>;
  confirmTitle: Record<ActionName, string>;
  confirmQuestion: Record<ActionName, (uuid: string, amount: string) => string>;
  cancelButton: string;
  amountToCapture: (line: string, max: string) => string;
  amountToRefund: (line: string, max: string) => string;
  refundOf: (id: string) => string;
  captureText: string;
  chargeName: string;
  chargeAmount: string;
  chargeTax: string;
  noteRequired: string;
  resendEmail: string;
  resendCountryCode: string;
  resendPhone: string;
  refused: string;
  done: Record<ActionName, string>;
  failures: Record<FailureKey, string>;
  formExpired: string;
  formRefusedTitle: string;
  forbiddenTitle: string;
  notFoundTitle: string;
  failedTitle: string;
  inProgress: string;
  keyReused: string;
  forbidden: string;
  notFound: string;
  failed: string;
  tokens: string;
  tokenPrefix: string;
  active: string;
  revoked: string;
  createToken: string;
  revoke: string;
  newTokenShownOnce: string;
  tokenRevoked: (prefix: string) => string;
  callbackSecret: string;
  callbackSecretHelp: string;
  reveal: string;
  previousSecretUntil: (when: string) => string;
  grace: string;
  graceOptions: { none: string; hour: string; day: string; week: string };
  rotateSecret: string;
  newSecretShown: string;
  testMode: string;
  testClock: string;
  merchantTime: (time: string, offset: string) => string;
  advanceBy: string;
  unit: string;
  units: { minutes: string; hours: string; days: string };
  advanceClock: string;
  clockAdvanced: (time: string) => string;
  payWithTestCard: string;
  testCard: string;
  testCards: Record<string, string>;
  paidWithTestCard: (uuid: string) => string;
  usersTitle: string;
  role: string;
  disable: string;
  disabled: string;
  addUser: string;
  userAdded: (email: string) => string;
  userDisabled: (email: string) => string;
  you: string;
  events: Record<string, string>;
}

const testCards = { '4111111111111111': 'Visa 4111 1111 1111 1111', '5555555555554444': 'Mastercard 5555 5555 5555 4444', '4000000000000002': '4000 0000 0000 0002' };

const en: Texts = {
  locale: 'en-GB',
  htmlLang: 'en',
  product: 'fpgo dashboard',
  skipToContent: 'Skip to content',
  mainNav: 'Main',
  languageNav: 'Language',
  reservations: 'Reservations',
  developers: 'Developers',
  users: 'Users',
  signIn: 'Sign in',
  signOut: 'Sign out',
  email: 'Email',
  password: 'Password',
  signInTitle: 'Sign in to the fpgo dashboard',
  signInFailed: 'The email address or the password is wrong.',
  tooManySignIns: (minutes) => `Too many failed sign-ins. Try again in ${minutes} minutes.`,
  signedInAs: (email, role) => `${email} (${role})`,
  roles: { admin: 'admin', staff: 'staff' },
  search: 'Search',
  searchHint: 'Reservation id, customer name, email or phone',
  status: 'Status',
  anyStatus: 'Any status',
  statuses: { SENT: 'Sent', RESERVED: 'Reserved', COMPLETED: 'Completed', CANCELLED: 'Cancelled', EXPIRED: 'Expired' },
  from: 'Created from',
  to: 'Created to',
  filter: 'Search',
  exportCsv: 'Export as CSV',
  noReservations: 'No reservation matches.',
  reservation: 'Reservation',
  customer: 'Customer',
  phone: 'Phone',
  reserved: 'Reserved',
  captured: 'Captured',
  charged: 'Charged',
  refunded: 'Refunded',
  created: 'Created',
  total: 'Total',
  pageOf: (page, pages, total) => `Page ${page} of ${pages} (${total} reservations)`,
  previous: 'Previous page',
  next: 'Next page',
  pagination: 'Pages',
  chartTitle: 'Reserved and captured per day, last 30 days',
  chartSummary: (reserved, captured) => `In the last 30 days ${reserved} was reserved and ${captured} captured.`,
  reservationTitle: (uuid) => `Reservation ${uuid}`,
  backToList: 'All reservations',
  overview: 'Overview',
  dueDate: 'Payment link due',
  paidAt: 'Paid',
  paymentMethod: 'Payment method',
  products: 'Products',
  name: 'Name',
  quantity: 'Qty',
  amount: 'Amount',
  tax: 'VAT',
  ledger: 'Money',
  transactions: 'Transactions',
  kind: 'Type',
  id: 'Id',
  time: 'Time',
  state: 'State',
  transactionKinds: { capture: 'Capture', charge: 'Charge', refund: 'Refund' },
  transactionStates: { pending: 'pending', succeeded: 'done', failed: 'failed' },
  refundedFromCaptures: 'Refunded from captures',
  refundedFromCharges: 'Refunded from charges',
  remaining: 'Still reserved',
  history: 'History',
  actionBy: 'By',
  note: 'Note',
  sentTo: 'Sent to',
  noHistory: 'Nothing has happened yet.',
  callbacks: 'Callbacks',
  noCallbacks: 'No callback was sent: the reservation has no callback URL, or nothing happened yet.',
  delivery: { pending: 'pending', delivered: 'delivered', failed: 'failed' },
  nextAttempt: 'Next attempt',
  attempts: 'Attempts',
  url: 'URL',
  httpStatus: 'Answer',
  duration: 'Duration',
  noAttempts: 'Not attempted yet.',
  actions: 'Actions',
  actionLabels: {
    capture: 'Capture',
    charge: 'Charge',
    refund: 'Refund',
    cancel: 'Cancel reservation',
    complete: 'Complete',
    resend: 'Resend payment link',
    resendCallback: 'Resend',
  },
  confirmLabels: {
    capture: 'Confirm capture',
    charge: 'Confirm charge',
    refund: 'Confirm refund',
    cancel: 'Confirm cancellation',
    complete: 'Confirm completion',
    resend: 'Confirm resending the link',
    resendCallback: 'Confirm resending the callback',
  },
  confirmTitle: {
    capture: 'Capture?',
    charge: 'Charge the card?',
    refund: 'Refund?',
    cancel: 'Cancel the reservation?',
    complete: 'Complete the reservation?',
    resend: 'Resend the payment link?',
    resendCallback: 'Resend the latest callback?',
  },
  confirmQuestion: {
    capture: (uuid, amount) => `Capture ${amount} of reservation ${uuid}. The money is taken from the customer's card.`,
    charge: (uuid, amount) => `Charge ${amount} to the card of reservation ${uuid}.`,
    refund: (uuid, amount) => `Refund ${amount} of reservation ${uuid} to the customer's card.`,
    cancel: (uuid) => `Cancel reservation ${uuid}. What is reserved on the card is released; this cannot be undone.`,
    complete: (uuid) => `Complete reservation ${uuid}. Nothing more can be captured or charged afterwards.`,
    resend: (uuid) => `Send the payment link of reservation ${uuid} again.`,
    resendCallback: (uuid) => `Send the latest callback of reservation ${uuid} again, with a fresh retry schedule.`,
  },
  cancelButton: 'Go back',
  amountToCapture: (line, max) => `${line} (up to ${max})`,
  amountToRefund: (line, max) => `${line} (up to ${max})`,
  refundOf: (id) => `Refund of ${id}`,
  captureText: 'Text for the capture (optional)',
  chargeName: 'What is charged',
  chargeAmount: 'Amount',
  chargeTax: 'VAT rate',
  noteRequired: 'Note',
  resendEmail: 'Email',
  resendCountryCode: 'Country code',
  resendPhone: 'Phone number',
  refused: 'Refused',
  done: {
    capture: 'Captured.',
    charge: 'Charged.',
    refund: 'Refunded.',
    cancel: 'The reservation is cancelled.',
    complete: 'The reservation is completed.',
    resend: 'The payment link is sent again.',
    resendCallback: 'The callback is being sent again.',
  },
  failures: {
    payloadValidationErrors: 'Some fields are not valid.',
    reservationNotFound: 'There is no such reservation.',
    orderNotFound: 'There is no such reservation.',
    reservationStatusAlreadyCancelled: 'The reservation is cancelled already.',
    reservationStatusAlreadyCompleted: 'The reservation is completed already.',
    reservationStatusAlreadyParamCompleted: 'The reservation is completed already.',
    reservationStatusAlreadyParamCancelled: 'The reservation is cancelled.',
    prerequisiteFailedToCancelReservation: 'Only an unpaid reservation, or a paid one nothing was captured or charged from, can be cancelled.',
    prerequisiteFailedToCompleteReservation: 'Only a paid reservation something was captured or charged from can be completed.',
    prerequisiteFailedToCaptureReservation: 'The reservation is not paid, so nothing can be captured.',
    requestedCaptureAmountExceedAvailableCaptureRunway: 'That is more than can still be captured on a product line.',
    paymentCaptureDeadlineExceed: 'The capture window has passed.',
    paymentCardNotFound: 'No card is stored for this reservation.',
    paymentChargeDeadlineExceed: 'The card may no longer be charged for this reservation.',
    paymentChargeRunwayExceed: 'That would charge more than the limit per reservation.',
    orderStatusAlreadyCompleted: 'The reservation is completed already.',
    orderStatusAlreadyCancelled: 'The reservation is cancelled already.',
    refundRejectionForTransactionNotFound: 'There is no such capture or charge to refund.',
    requestProductIdNotAvailable: 'A product line is not part of that capture or charge.',
    refundRejectionForRefundRequestGreaterThanOrderAmount: 'That is more than can still be refunded on a product line.',
    partialRefundNotAllowedForCharge: 'Charges of this reservation can only be refunded whole.',
    somethingWentWrong: 'The payment gateway failed; nothing was changed. Try again.',
    paymentDeclined: 'The card was declined.',
    paymentInProgress: 'A payment of this reservation is being processed.',
    paymentLinkExpired: 'The payment link has expired.',
    reservationAlreadyPaid: 'The reservation is paid already.',
    callbackNotFound: 'This reservation has no callback to send again.',
  },
  formExpired: 'This form has expired or was sent from another site. Go back, reload the page and try again.',
  formRefusedTitle: 'Form refused',
  forbiddenTitle: 'Not allowed',
  notFoundTitle: 'Not found',
  failedTitle: 'Something went wrong',
  inProgress: 'This form was sent a moment ago and is still being processed. Reload the reservation in a moment.',
  keyReused: 'This form was sent before with other values. Go back and reload the page to start again.',
  forbidden: 'Only admins can open this page.',
  notFound: 'There is nothing here.',
  failed: 'Something went wrong on our side. The error was logged; please try again.',
  tokens: 'API tokens',
  tokenPrefix: 'Token',
  active: 'active',
  revoked: 'revoked',
  createToken: 'Create token',
  revoke: 'Revoke',
  newTokenShownOnce: 'Your new API token. It is shown only now: copy it to where your code keeps secrets.',
  tokenRevoked: (prefix) => `The token ${prefix}… is revoked.`,
  callbackSecret: 'Callback secret',
  callbackSecretHelp: 'Verifies the callbacks fpgo sends to your callback URLs (the checksum and webhook-signature).',
  reveal: 'Show the secret',
  previousSecretUntil: (when) => `The previous secret also signs callbacks until ${when}.`,
  grace: 'Keep the old secret signing for',
  graceOptions: { none: 'no time (switch now)', hour: '1 hour', day: '24 hours', week: '7 days' },
  rotateSecret: 'Rotate secret',
  newSecretShown: 'The new callback secret:',
  testMode: 'Test mode',
  testClock: 'Test clock',
  merchantTime: (time, offset) => `Your test clock shows ${time} (${offset} ahead of real time).`,
  advanceBy: 'Advance by',
  unit: 'Unit',
  units: { minutes: 'minutes', hours: 'hours', days: 'days' },
  advanceClock: 'Advance the clock',
  clockAdvanced: (time) => `The test clock now shows ${time}.`,
  payWithTestCard: 'Pay with a test card',
  testCard: 'Test card',
  testCards,
  paidWithTestCard: (uuid) => `Reservation ${uuid} is paid with a test card.`,
  usersTitle: 'Users',
  role: 'Role',
  disable: 'Disable',
  disabled: 'disabled',
  addUser: 'Add user',
  userAdded: (email) => `${email} can sign in with this password, shown only now:`,
  userDisabled: (email) => `${email} is disabled and signed out.`,
  you: 'you',
  events: {
    'order-created': 'Created',
    'payment-link-opened': 'Payment link opened',
    'amount-reserved': 'Paid (reserved)',
    'payment-failed': 'Payment failed',
    'amount-captured-from-reservation': 'Captured',
    'amount-charged-from-card': 'Charged',
    'refund-sent-from-captured': 'Refunded from a capture',
    'refund-sent-from-charged': 'Refunded from a charge',
    'refund-sent': 'Refund sent',
    'reservation-cancelled': 'Cancelled',
    'reservation-completed': 'Completed',
    'order-resent': 'Payment link resent',
    'callback-resent': 'Callback resent',
  },
};

const no: Texts = {
  locale: 'nb-NO',
  htmlLang: 'nb',
  product: 'fpgo-dashbord',
  skipToContent: 'Hopp til innholdet',
  mainNav: 'Hovedmeny',
  languageNav: 'Språk',
  reservations: 'Reservasjoner',
  developers: 'Utviklere',
  users: 'Brukere',
  signIn: 'Logg inn',
  signOut: 'Logg ut',
  email: 'E-post',
  password: 'Passord',
  signInTitle: 'Logg inn i fpgo-dashbordet',
  signInFailed: 'E-postadressen eller passordet er feil.',
  tooManySignIns: (minutes) => `For mange mislykkede innlogginger. Prøv igjen om ${minutes} minutter.`,
  signedInAs: (email, role) => `${email} (${role})`,
  roles: { admin: 'administrator', staff: 'ansatt' },
  search: 'Søk',
  searchHint: 'Reservasjons-id, kundens navn, e-post eller telefon',
  status: 'Status',
  anyStatus: 'Alle statuser',
  statuses: { SENT: 'Sendt', RESERVED: 'Reservert', COMPLETED: 'Fullført', CANCELLED: 'Kansellert', EXPIRED: 'Utløpt' },
  from: 'Opprettet fra',
  to: 'Opprettet til',
  filter: 'Søk',
  exportCsv: 'Eksporter som CSV',
  noReservations: 'Ingen reservasjoner passer.',
  reservation: 'Reservasjon',
  customer: 'Kunde',
  phone: 'Telefon',
  reserved: 'Reservert',
  captured: 'Trukket',
  charged: 'Belastet',
  refunded: 'Refundert',
  created: 'Opprettet',
  total: 'Totalt',
  pageOf: (page, pages, total) => `Side ${page} av ${pages} (${total} reservasjoner)`,
  previous: 'Forrige side',
  next: 'Neste side',
  pagination: 'Sider',
  chartTitle: 'Reservert og trukket per dag, siste 30 dager',
  chartSummary: (reserved, captured) => `De siste 30 dagene ble ${reserved} reservert og ${captured} trukket.`,
  reservationTitle: (uuid) => `Reservasjon ${uuid}`,
  backToList: 'Alle reservasjoner',
  overview: 'Oversikt',
  dueDate: 'Betalingslenken utløper',
  paidAt: 'Betalt',
  paymentMethod: 'Betalingsmåte',
  products: 'Produkter',
  name: 'Navn',
  quantity: 'Antall',
  amount: 'Beløp',
  tax: 'MVA',
  ledger: 'Penger',
  transactions: 'Transaksjoner',
  kind: 'Type',
  id: 'Id',
  time: 'Tid',
  state: 'Tilstand',
  transactionKinds: { capture: 'Trekk', charge: 'Belastning', refund: 'Refusjon' },
  transactionStates: { pending: 'pågår', succeeded: 'utført', failed: 'mislyktes' },
  refundedFromCaptures: 'Refundert fra trekk',
  refundedFromCharges: 'Refundert fra belastninger',
  remaining: 'Fortsatt reservert',
  history: 'Historikk',
  actionBy: 'Av',
  note: 'Notat',
  sentTo: 'Sendt til',
  noHistory: 'Ingenting har skjedd ennå.',
  callbacks: 'Callbacks',
  noCallbacks: 'Ingen callback er sendt: reservasjonen har ingen callback-URL, eller ingenting har skjedd ennå.',
  delivery: { pending: 'venter', delivered: 'levert', failed: 'mislyktes' },
  nextAttempt: 'Neste forsøk',
  attempts: 'Forsøk',
  url: 'URL',
  httpStatus: 'Svar',
  duration: 'Varighet',
  noAttempts: 'Ikke forsøkt ennå.',
  actions: 'Handlinger',
  actionLabels: {
    capture: 'Trekk',
    charge: 'Belast',
    refund: 'Refunder',
    cancel: 'Kanseller reservasjonen',
    complete: 'Fullfør',
    resend: 'Send betalingslenken på nytt',
    resendCallback: 'Send på nytt',
  },
  confirmLabels: {
    capture: 'Bekreft trekk',
    charge: 'Bekreft belastning',
    refund: 'Bekreft refusjon',
    cancel: 'Bekreft kansellering',
    complete: 'Bekreft fullføring',
    resend: 'Bekreft ny utsending av lenken',
    resendCallback: 'Bekreft ny utsending av callback',
  },
  confirmTitle: {
    capture: 'Trekke beløpet?',
    charge: 'Belaste kortet?',
    refund: 'Refundere?',
    cancel: 'Kansellere reservasjonen?',
    complete: 'Fullføre reservasjonen?',
    resend: 'Sende betalingslenken på nytt?',
    resendCallback: 'Sende siste callback på nytt?',
  },
  confirmQuestion: {
    capture: (uuid, amount) => `Trekk ${amount} av reservasjon ${uuid}. Pengene trekkes fra kundens kort.`,
    charge: (uuid, amount) => `Belast kortet til reservasjon ${uuid} med ${amount}.`,
    refund: (uuid, amount) => `Refunder ${amount} av reservasjon ${uuid} til kundens kort.`,
    cancel: (uuid) => `Kanseller reservasjon ${uuid}. Det som er reservert på kortet frigis; dette kan ikke angres.`,
    complete: (uuid) => `Fullfør reservasjon ${uuid}. Ingenting mer kan trekkes eller belastes etterpå.`,
    resend: (uuid) => `Send betalingslenken til reservasjon ${uuid} på nytt.`,
    resendCallback: (uuid) => `Send siste callback for reservasjon ${uuid} på nytt, med en ny plan for nye forsøk.`,
  },
  cancelButton: 'Gå tilbake',
  amountToCapture: (line, max) => `${line} (inntil ${max})`,
  amountToRefund: (line, max) => `${line} (inntil ${max})`,
  refundOf: (id) => `Refusjon av ${id}`,
  captureText: 'Tekst for trekket (valgfritt)',
  chargeName: 'Hva som belastes',
  chargeAmount: 'Beløp',
  chargeTax: 'MVA-sats',
  noteRequired: 'Notat',
  resendEmail: 'E-post',
  resendCountryCode: 'Landkode',
  resendPhone: 'Telefonnummer',
  refused: 'Avvist',
  done: {
    capture: 'Trukket.',
    charge: 'Belastet.',
    refund: 'Refundert.',
    cancel: 'Reservasjonen er kansellert.',
    complete: 'Reservasjonen er fullført.',
    resend: 'Betalingslenken er sendt på nytt.',
    resendCallback: 'Callbacken sendes på nytt.',
  },
  failures: {
    payloadValidationErrors: 'Noen felt er ikke gyldige.',
    reservationNotFound: 'Reservasjonen finnes ikke.',
    orderNotFound: 'Reservasjonen finnes ikke.',
    reservationStatusAlreadyCancelled: 'Reservasjonen er allerede kansellert.',
    reservationStatusAlreadyCompleted: 'Reservasjonen er allerede fullført.',
    reservationStatusAlreadyParamCompleted: 'Reservasjonen er allerede fullført.',
    reservationStatusAlreadyParamCancelled: 'Reservasjonen er kansellert.',
    prerequisiteFailedToCancelReservation: 'Bare en ubetalt reservasjon, eller en betalt der ingenting er trukket eller belastet, kan kanselleres.',
    prerequisiteFailedToCompleteReservation: 'Bare en betalt reservasjon der noe er trukket eller belastet, kan fullføres.',
    prerequisiteFailedToCaptureReservation: 'Reservasjonen er ikke betalt, så ingenting kan trekkes.',
    requestedCaptureAmountExceedAvailableCaptureRunway: 'Det er mer enn det som fortsatt kan trekkes på en produktlinje.',
    paymentCaptureDeadlineExceed: 'Fristen for å trekke er ute.',
    paymentCardNotFound: 'Ingen kort er lagret for denne reservasjonen.',
    paymentChargeDeadlineExceed: 'Kortet kan ikke lenger belastes for denne reservasjonen.',
    paymentChargeRunwayExceed: 'Det ville belaste mer enn grensen per reservasjon.',
    orderStatusAlreadyCompleted: 'Reservasjonen er allerede fullført.',
    orderStatusAlreadyCancelled: 'Reservasjonen er allerede kansellert.',
    refundRejectionForTransactionNotFound: 'Det finnes ikke noe slikt trekk eller slik belastning å refundere.',
    requestProductIdNotAvailable: 'En produktlinje hører ikke til det trekket eller den belastningen.',
    refundRejectionForRefundRequestGreaterThanOrderAmount: 'Det er mer enn det som fortsatt kan refunderes på en produktlinje.',
    partialRefundNotAllowedForCharge: 'Belastninger på denne reservasjonen kan bare refunderes i sin helhet.',
    somethingWentWrong: 'Betalingsleverandøren feilet; ingenting ble endret. Prøv igjen.',
    paymentDeclined: 'Kortet ble avvist.',
    paymentInProgress: 'En betaling av denne reservasjonen pågår.',
    paymentLinkExpired: 'Betalingslenken er utløpt.',
    reservationAlreadyPaid: 'Reservasjonen er allerede betalt.',
    callbackNotFound: 'Denne reservasjonen har ingen callback å sende på nytt.',
  },
  formExpired: 'Skjemaet er utløpt eller ble sendt fra et annet nettsted. Gå tilbake, last inn siden på nytt og prøv igjen.',
  formRefusedTitle: 'Skjemaet ble avvist',
  forbiddenTitle: 'Ikke tillatt',
  notFoundTitle: 'Ikke funnet',
  failedTitle: 'Noe gikk galt',
  inProgress: 'Skjemaet ble sendt for et øyeblikk siden og behandles fortsatt. Last inn reservasjonen på nytt om litt.',
  keyReused: 'Skjemaet er sendt før med andre verdier. Gå tilbake og last inn siden på nytt for å begynne igjen.',
  forbidden: 'Bare administratorer kan åpne denne siden.',
  notFound: 'Det er ingenting her.',
  failed: 'Noe gikk galt hos oss. Feilen er logget; prøv igjen.',
  tokens: 'API-nøkler',
  tokenPrefix: 'Nøkkel',
  active: 'aktiv',
  revoked: 'tilbakekalt',
  createToken: 'Opprett nøkkel',
  revoke: 'Tilbakekall',
  newTokenShownOnce: 'Din nye API-nøkkel. Den vises bare nå: kopier den dit koden din oppbevarer hemmeligheter.',
  tokenRevoked: (prefix) => `Nøkkelen ${prefix}… er tilbakekalt.`,
  callbackSecret: 'Callback-hemmelighet',
  callbackSecretHelp: 'Verifiserer callbackene fpgo sender til dine callback-URL-er (checksum og webhook-signature).',
  reveal: 'Vis hemmeligheten',
  previousSecretUntil: (when) => `Den forrige hemmeligheten signerer også callbacks til ${when}.`,
  grace: 'La den gamle hemmeligheten signere i',
  graceOptions: { none: 'ingen tid (bytt nå)', hour: '1 time', day: '24 timer', week: '7 dager' },
  rotateSecret: 'Bytt hemmelighet',
  newSecretShown: 'Den nye callback-hemmeligheten:',
  testMode: 'Testmodus',
  testClock: 'Testklokke',
  merchantTime: (time, offset) => `Testklokken din viser ${time} (${offset} foran virkelig tid).`,
  advanceBy: 'Flytt fram med',
  unit: 'Enhet',
  units: { minutes: 'minutter', hours: 'timer', days: 'dager' },
  advanceClock: 'Flytt klokken fram',
  clockAdvanced: (time) => `Testklokken viser nå ${time}.`,
  payWithTestCard: 'Betal med et testkort',
  testCard: 'Testkort',
  testCards,
  paidWithTestCard: (uuid) => `Reservasjon ${uuid} er betalt med et testkort.`,
  usersTitle: 'Brukere',
  role: 'Rolle',
  disable: 'Deaktiver',
  disabled: 'deaktivert',
  addUser: 'Legg til bruker',
  userAdded: (email) => `${email} kan logge inn med dette passordet, som bare vises nå:`,
  userDisabled: (email) => `${email} er deaktivert og logget ut.`,
  you: 'deg',
  events: {
    'order-created': 'Opprettet',
    'payment-link-opened': 'Betalingslenken åpnet',
    'amount-reserved': 'Betalt (reservert)',
    'payment-failed': 'Betaling mislyktes',
    'amount-captured-from-reservation': 'Trukket',
    'amount-charged-from-card': 'Belastet',
    'refund-sent-from-captured': 'Refundert fra et trekk',
    'refund-sent-from-charged': 'Refundert fra en belastning',
    'refund-sent': 'Refusjon sendt',
    'reservation-cancelled': 'Kansellert',
    'reservation-completed': 'Fullført',
    'order-resent': 'Betalingslenken sendt på nytt',
    'callback-resent': 'Callback sendt på nytt',
  },
};

export const TEXTS: Record<DashboardLanguage, Texts> = { en, no };
