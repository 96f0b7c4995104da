/**
 * How many SMS segments a text costs (3GPP TS 23.038). GSM-7 carries 160 characters in one
 * segment and 153 per segment once split; the extension characters (€ [ ] { } ~ ^ \ |) take two.
 * Any other character makes the whole message UCS-2: 70 characters, 67 per segment split.
 */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '^{}\\[~]|€\f';
const BASIC = new Set(GSM7_BASIC);
const EXTENSION = new Set(GSM7_EXTENSION);

export interface SmsSize {
  encoding: 'GSM-7' | 'UCS-2';
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
}

export function isGsm7(text: string): boolean {
  return [...text].every((c) => BASIC.has(c) || EXTENSION.has(c));
}

export function smsSize(text: string): SmsSize {
  if (isGsm7(text)) {
    const units = [...text].reduce((sum, c) => sum + (EXTENSION.has(c) ? 2 : 1), 0);
    return { encoding: 'GSM-7', units, segments: units <= 160 ? 1 : Math.ceil(units / 153) };
  }
  const units = text.length;
  return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}

/**
 * `text` in GSM-7: accents the alphabet lacks are dropped from their letters (ł becomes l, ć c),
 * the spaces Intl puts in amounts become plain spaces, and anything else without a GSM-7 form goes.
 */
/** Letters Unicode does not decompose into a GSM-7 base letter. */
const SPELLED: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Œ: 'OE', œ: 'oe', Þ: 'Th', þ: 'th', ð: 'd' };

export function toGsm7(text: string): string {
  const plain = text.replace(/[\u00a0\u2007\u202f]/g, ' ').replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/[\u2013\u2014]/g, '-');
  return [...plain].map((c) => (BASIC.has(c) || EXTENSION.has(c) ? c : SPELLED[c] ?? [...c.normalize('NFKD')].filter((part) => BASIC.has(part)).join(''))).join('');
}
