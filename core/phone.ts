/**
 * Phone numbers in one form (E.164, `+8613812345678`), so the same person is recognised across
 * channels: SMS gives `+86…`, Telegram contacts `86…` or `+86…`, people type `138 1234 5678`.
 * Bare 11-digit numbers starting with 1 are Chinese mobiles.
 */
export function normalizePhone(input: string): string | undefined {
  const digits = input.replace(/[^\d+]/g, '');
  const bare = digits.replace(/^\+/, '').replace(/^00/, '');
  if (!/^\d{5,15}$/.test(bare)) return undefined;
  if (!digits.startsWith('+') && !digits.startsWith('00') && /^1[3-9]\d{9}$/.test(bare)) return `+86${bare}`;
  return `+${bare}`;
}
