import { AppError } from './app-error.js';

/** The request collides with existing data (a duplicate name, a stale version). */
export class ConflictError extends AppError {
  public readonly kind = 'CONFLICT';
}
