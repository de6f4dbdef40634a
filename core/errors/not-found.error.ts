import { AppError } from './app-error.js';

/** A requested record does not exist. */
export class NotFoundError extends AppError {
  public readonly kind = 'NOT_FOUND';
}
