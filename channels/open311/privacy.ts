/**
 * The GET endpoints answer anyone, so what they show follows the 12345 privacy rules (DOMAIN.md §9):
 * never a name, phone number, e-mail or account id; the case itself only when the citizen agreed to
 * publication (`consentPublish`) and the ticket is not a confidential 举报, and then with personal
 * data masked in the text.
 */

/** Whether the case (description, address, coordinates, media) may be shown, not only its status. */
export function mayShowDetails(ticket: { consentPublish: boolean; reporterConfidential: boolean }): boolean {
  return ticket.consentPublish && !ticket.reporterConfidential;
}

const PATTERNS: [RegExp, string][] = [
  // Resident identity card numbers (18 digits, the last may be X; the older 15-digit form).
  [/(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])|(?<!\d)\d{15}(?!\d)/g, '[证件号已隐去]'],
  // Bank card numbers.
  [/(?<!\d)\d{16,19}(?!\d)/g, '[卡号已隐去]'],
  // Mobile numbers, with or without +86 and separators: 138 1234 5678, +86-138-1234-5678.
  [/(?<!\d)(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)/g, '[电话已隐去]'],
  // Landlines with an area code: 010-12345678, 0755 8765 4321.
  [/(?<!\d)0\d{2,3}[ -]?\d{3,4}[ -]?\d{4}(?!\d)/g, '[电话已隐去]'],
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '[邮箱已隐去]'],
];

/**
 * Masks what looks like personal data, and the ticket's own citizen's name and number wherever they
 * appear. Deliberately blunter than nlu/text's detector (which checks ID dates and Luhn digits so
 * models keep house numbers and amounts): a page anyone can read masks every long number. Free-text names of other people cannot be found reliably; that is why details need consent.
 */
export function maskPersonalData(text: string, known: readonly (string | null | undefined)[] = []): string {
  let masked = text;
  for (const value of known) {
    const needle = value?.trim();
    if (needle && [...needle].length >= 2) masked = masked.split(needle).join('[个人信息已隐去]');
  }
  for (const [pattern, replacement] of PATTERNS) masked = masked.replace(pattern, replacement);
  return masked;
}
