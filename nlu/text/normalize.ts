/**
 * The text every model sees: NFKC (full-width letters, digits and punctuation become half-width),
 * lower case, URLs removed, whitespace collapsed. Pure and cheap; runs on every message.
 */
const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s\u3000-\u303f\uff00-\uffef]+/giu;

export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(URL_PATTERN, ' ').replace(/\s+/gu, ' ').trim();
}
