// Phone numbers identify people across imports and Telegram contacts. Vietnamese
// numbers are written many ways (0912 345 678, +84912345678, 84912345678): all are
// normalised to E.164 (+84912345678).

const VN_NATIONAL = /^0(\d{9,10})$/;
// People often keep the trunk 0 after the country code: +84 0912 345 678.
const VN_INTERNATIONAL = /^840?(\d{9,10})$/;
const E164 = /^\+[1-9]\d{7,14}$/;

/** Returns the E.164 form, or undefined when the text is not a phone number. */
export function normalizePhone(raw: string): string | undefined {
  const trimmed = raw.trim();
  if (trimmed === "") return undefined;
  // At most one +, and only before the first digit: "(+84) 912...", not "++84" or "84+".
  if (!/^[\s(]*\+?[\d\s().-]+$/.test(trimmed)) return undefined;
  const hasPlus = trimmed.includes("+") || /^[\s(]*00/.test(trimmed);
  const digits = trimmed.replace(/\D/g, "").replace(/^00/, "");
  if (hasPlus && !trimmed.includes("+") && digits.length === 0) return undefined;
  if (!hasPlus) {
    const national = VN_NATIONAL.exec(digits);
    if (national) return `+84${national[1]}`;
    const international = VN_INTERNATIONAL.exec(digits);
    if (international) return `+84${international[1]}`;
    return undefined;
  }
  if (digits.startsWith("84")) {
    const international = VN_INTERNATIONAL.exec(digits);
    return international ? `+84${international[1]}` : undefined;
  }
  const candidate = `+${digits}`;
  return E164.test(candidate) ? candidate : undefined;
}

/** For display: +84912345678 → 0912 345 678; other countries stay as they are. */
export function formatPhone(e164: string): string {
  const vn = /^\+84(\d{3})(\d{3})(\d{3,4})$/.exec(e164);
  return vn ? `0${vn[1]} ${vn[2]} ${vn[3]}` : e164;
}

/** Shows only the last three digits, for messages to people who are not the owner. */
export function maskPhone(e164: string): string {
  return `•••${e164.slice(-3)}`;
}
