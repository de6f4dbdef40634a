/** Typed errors of the category classifier, so the CLI and the admin API can tell bad input from bugs. */
export class CategoryTrainingError extends Error {
  public readonly kind = 'INVALID_DATA' as const;
}

/** A model directory that is missing, incomplete, corrupt or of another format version. */
export class CategoryModelFormatError extends Error {
  public readonly kind = 'INVALID_DATA' as const;
}
