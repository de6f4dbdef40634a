import { AppError } from './app-error.js';

/** Valid credentials without the right to do this. */
export class ForbiddenError extends AppError {
  public readonly kind = 'FORBIDDEN';
}
