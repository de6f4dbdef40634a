import { normalizeText } from '../text/normalize.js';
import { toSimplified } from '../text/simplify.js';

/**
 * The text every reader in this folder matches on: NFKC (full-width → half-width), lower case, URLs
 * dropped, whitespace collapsed, traditional → simplified. Patterns are therefore written once, in
 * simplified lower case.
 */
export function readMessage(text: string): string {
  return toSimplified(normalizeText(text));
}

/** Emoji, their joiners and modifiers: stripped wherever a message is read for its words. */
export const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f|\u20e3/gu;
