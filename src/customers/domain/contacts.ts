/** E-mail addresses compare case-insensitively in practice; store them lower-cased and trimmed. */
export function normalizeEmailAddress(email: string): string {
  return email.trim().toLowerCase();
}

const emailPattern = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

export function isEmailAddress(email: string): boolean {
  return email.length <= 320 && emailPattern.test(email.trim());
}

/**
 * Phone numbers are compared as digits with a leading + kept, so "+40 721 234 567",
 * "+40-721-234-567" and "+40721234567" are one number.
 */
export function normalizePhoneNumber(phone: string): string {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, '');
  return trimmed.startsWith('+') ? `+${digits}` : digits;
}

export function isPhoneNumber(phone: string): boolean {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 5 && digits.length <= 17 && /^[+\d\s().-]+$/.test(phone.trim());
}
