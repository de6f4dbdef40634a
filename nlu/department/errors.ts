/** A saved text or rule-prior model that is missing fields, of another format, or inconsistent. */
export class TextModelFormatError extends Error {
  public readonly kind = 'INVALID_DATA' as const;
}
