/**
 * Whether two reports are the same incident (a 并单 candidate), about the same kind of thing, or
 * unrelated — from the similarity components alone, so the rule can be replayed and table-tested.
 *
 * Duplicate needs three things: close in time (a later copy of a closed case is a repeat request,
 * DOMAIN.md §3 REPEAT_NO_NEW_FACTS, not a merge), no evidence of a different place, and enough text
 * in common — less when the place is confirmed, more when nothing says where either report is.
 */
import type { VerdictOptions } from './options.js';
import type { Reason, SimilarityComponents, Verdict } from './types.js';

export interface VerdictInput {
  components: SimilarityComponents;
  /** Both categories when known; categories on different branches rule out a duplicate. */
  categories?: [string | undefined, string | undefined];
}

export function decideVerdict({ components, categories }: VerdictInput, options: VerdictOptions): Verdict {
  const { text, place, timeGapHours } = components;
  const reasons: Reason[] = [textReason(text, options), placeReason(components), timeReason(timeGapHours, options)];
  const clash = categoryClash(categories);
  if (clash) reasons.push({ code: 'CATEGORY_DIFFERENT', detail: clash });
  const sameCategory = specificCategoryMatch(categories);
  if (sameCategory) reasons.push({ code: 'CATEGORY_SAME', detail: sameCategory });

  const related = text >= options.relatedText;
  const blocked = timeGapHours > options.maxDuplicateGapHours || place.evidence === 'different' || clash !== undefined;
  const enoughText =
    text >= options.nearIdenticalText ||
    (place.evidence === 'same' && text >= (sameCategory ? options.sameCategoryText : options.duplicateText)) ||
    text >= options.unknownPlaceText;
  const kind = !blocked && enoughText ? 'duplicate' : related ? 'related' : 'unrelated';
  return { kind, reasons };
}

function textReason(text: number, options: VerdictOptions): Reason {
  const detail = `text similarity ${text.toFixed(2)}`;
  if (text >= options.nearIdenticalText) return { code: 'TEXT_NEAR_IDENTICAL', detail };
  if (text >= options.relatedText) return { code: 'TEXT_SIMILAR', detail };
  return { code: 'TEXT_DIFFERENT', detail };
}

function placeReason({ place }: SimilarityComponents): Reason {
  const distance = place.distanceMeters === undefined ? '' : `${place.distanceMeters} m apart`;
  const names = place.sharedPlaces.length > 0 ? place.sharedPlaces : place.sharedAreas;
  const detail = [distance, names.length > 0 ? `both mention ${names.join('、')}` : ''].filter(Boolean).join('; ');
  switch (place.evidence) {
    case 'same':
      return { code: 'PLACE_SAME', detail };
    case 'near':
      return { code: 'PLACE_NEAR', detail };
    case 'different':
      return { code: 'PLACE_DIFFERENT', detail: detail || 'no place in common' };
    case 'unknown':
      return { code: 'PLACE_UNKNOWN', detail: 'no coordinates or place names to compare' };
  }
}

function timeReason(hours: number, options: VerdictOptions): Reason {
  const detail = hours < 48 ? `${hours.toFixed(1)} h apart` : `${(hours / 24).toFixed(1)} days apart`;
  return { code: hours > options.maxDuplicateGapHours ? 'TIME_APART' : 'TIME_CLOSE', detail };
}

/** Both reports have the same category below the first level (URBAN.LIGHT, not just URBAN). */
function specificCategoryMatch(categories: VerdictInput['categories']): string | undefined {
  const [a, b] = categories ?? [];
  return a && a === b && a.includes('.') ? `both ${a}` : undefined;
}

/** Categories clash when neither code is the other or an ancestor of it (URBAN.LIGHT vs URBAN.MANHOLE). */
function categoryClash(categories: VerdictInput['categories']): string | undefined {
  const [a, b] = categories ?? [];
  if (!a || !b) return undefined;
  const within = (code: string, ancestor: string): boolean => code === ancestor || code.startsWith(`${ancestor}.`);
  return within(a, b) || within(b, a) ? undefined : `${a} vs ${b}`;
}
