import { AppError } from './app-error.js';

/** A vendor or dependency failed; retrying later may succeed. */
export class UpstreamError extends AppError {
  public readonly kind = 'UPSTREAM';
}
