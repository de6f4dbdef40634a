/** Pieces the number detectors share. */

/** Digits run on: a number glued to letters or digits is part of some other code (order, model, plate). */
export const NO_ALNUM_BEFORE = String.raw`(?<![0-9A-Za-z])`;
export const NO_ALNUM_AFTER = String.raw`(?![0-9A-Za-z])`;

/** `工资3000元`, `15000000000元`: a number followed by a unit is an amount or a count, not an identifier. */
export const NOT_A_QUANTITY = String.raw`(?! ?(?:元|块|塊|角|万|萬|亿|億|千|百|平|米|公里|公斤|斤|吨|噸|人|户|戶|次|个|個|%|岁|歲|天|小时|小時|分钟|分鐘))`;

export function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

/** The span of capture group `index` of a match made with the `d` flag. */
export function groupSpan(match: RegExpExecArray | RegExpMatchArray, index: number): readonly [number, number] {
  const span = match.indices?.[index];
  if (!span) throw new Error(`capture group ${index} did not take part in the match`);
  return span;
}
