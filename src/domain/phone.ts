// Phone numbers identify people across imports and Telegram contacts. Vietnamese
// numbers are written many ways (0912 345 678, +84912345678, 84912345678): all are
// normalised to E.164 (+84912345678).

const VN_NATIONAL = /^0(\d{9,10})$/;
const VN_INTERNATIONAL = /^84(\d{9,10})$/;
const E164 = /^\+[1-9]\d{7,14}$/;

/** Returns the E.164 form, or undefined when the text is not a phone number. */
export function normalizePhone(raw: string): string | undefined {
  const trimmed = raw.trim();
  if (trimmed === "") return undefined;
  if (!/^[+\d\s().-]+$/.test(trimmed)) return undefined;
  const hasPlus = trimmed.startsWith("+") || trimmed.startsWith("00");
  const digits = trimmed.replace(/\D/g, "").replace(/^00/, "");
  if (!hasPlus) {
    const national = VN_NATIONAL.exec(digits);
    if (national) return `+84${national[1]}`;
    const international = VN_INTERNATIONAL.exec(digits);
    if (international) return `+84${international[1]}`;
    return undefined;
  }
  if (digits.startsWith("84")) {
    return VN_INTERNATIONAL.test(digits) ? `+${digits}` : undefined;
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
