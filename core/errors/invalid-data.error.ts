import { AppError } from './app-error.js';

/** Input that fails validation; the caller must change it. */
export class InvalidDataError extends AppError {
  public readonly kind = 'INVALID_DATA';
}
