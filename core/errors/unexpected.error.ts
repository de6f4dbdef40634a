import { AppError, type AppErrorOptions } from './app-error.js';

/** A bug or a broken invariant; its message is never shown to a caller. */
export class UnexpectedError extends AppError {
  public readonly kind = 'UNEXPECTED';
  public override readonly operational: boolean;

  constructor(message: string, options: AppErrorOptions & { catastrophic?: boolean } = {}) {
    super(message, options);
    this.operational = !options.catastrophic;
  }
}
