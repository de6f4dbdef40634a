/** What personal data suqiu finds in a message. Offsets are UTF-16 indices into the original text. */
export type PiiKind = 'mobile' | 'landline' | 'idCard' | 'bankCard' | 'plate' | 'email' | 'name';

export const PII_KINDS: readonly PiiKind[] = ['mobile', 'landline', 'idCard', 'bankCard', 'plate', 'email', 'name'];

/**
 * `readable` keeps the text usable for an agent (`138****5678`); `tag` replaces the whole span with the
 * kind's tag (`<PHONE>`) so models learn "a phone number was here" and nothing about the number.
 */
export type MaskStyle = 'readable' | 'tag';

export interface PiiFinding {
  readonly kind: PiiKind;
  /** Inclusive start, in the original text. */
  readonly start: number;
  /** Exclusive end, in the original text. */
  readonly end: number;
  /** The readable replacement for `text.slice(start, end)`. The raw value is deliberately not kept. */
  readonly masked: string;
  /** The model-facing replacement, e.g. `<PHONE>`. */
  readonly tag: string;
}

/** Mobile and landline share a tag: for a model both mean "a way to call this person". */
export const PII_TAGS: Readonly<Record<PiiKind, string>> = {
  mobile: '<PHONE>',
  landline: '<PHONE>',
  idCard: '<ID>',
  bankCard: '<BANKCARD>',
  plate: '<PLATE>',
  email: '<EMAIL>',
  name: '<NAME>',
};

/** A detector reads the folded text (see `fold.ts`) and slices masks from the original. */
export type Detector = (folded: string, original: string) => PiiFinding[];
