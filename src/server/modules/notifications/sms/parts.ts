/**
 * How many parts (billable SMS) a text takes. GSM 03.38 text: 160 characters in one part, 153
 * per part when split (an extension character counts twice); anything else — Persian — is UCS-2:
 * 70 in one part, 67 per part when split (I2). Characters beyond the BMP take two UCS-2 units.
 */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';
const basic = new Set(GSM_BASIC);
const extended = new Set(GSM_EXTENDED);

export interface SmsParts {
  encoding: 'gsm7' | 'ucs2';
  /** Units of the encoding: septets for GSM, UTF-16 code units for UCS-2. */
  units: number;
  parts: number;
}

export function smsParts(text: string): SmsParts {
  let septets = 0;
  let gsm = true;
  for (const c of text) {
    if (basic.has(c)) septets += 1;
    else if (extended.has(c)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return { encoding: 'gsm7', units: septets, parts: septets <= 160 ? 1 : Math.ceil(septets / 153) };
  const units = text.length; // UTF-16 code units: a surrogate pair is two
  return { encoding: 'ucs2', units, parts: units <= 70 ? 1 : Math.ceil(units / 67) };
}
