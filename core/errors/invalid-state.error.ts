import { AppError } from './app-error.js';

/** A lifecycle transition that is not allowed from the current state. */
export class InvalidStateError extends AppError {
  public readonly kind = 'INVALID_STATE';
}
