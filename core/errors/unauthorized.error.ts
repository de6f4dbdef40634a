import { AppError } from './app-error.js';

/** Missing or wrong credentials. */
export class UnauthorizedError extends AppError {
  public readonly kind = 'UNAUTHORIZED';
}
