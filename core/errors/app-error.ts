/** The closed set of failure kinds; only api/error-handler.ts turns them into HTTP statuses. */
export type ErrorKind =
  'NOT_FOUND' | 'INVALID_DATA' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'CONFLICT' | 'INVALID_STATE' | 'UPSTREAM' | 'UNEXPECTED';

export interface AppErrorOptions {
  /** A stable, more specific code a client can branch on, e.g. `PAYLOAD_TOO_LARGE`. */
  code?: string;
  /** Structured details safe to show to the caller (field errors, allowed transitions). */
  details?: unknown;
  cause?: unknown;
  /** For UPSTREAM: false when retrying cannot help (a vendor refused the recipient for good). */
  retryable?: boolean;
}

export abstract class AppError extends Error {
  public abstract readonly kind: ErrorKind;
  /**
   * Operational errors are expected (bad input, a vendor outage) and leave the process healthy;
   * a catastrophic one means the process state is unknown and it should restart.
   */
  public readonly operational: boolean = true;
  public readonly code?: string;
  public readonly details?: unknown;
  /** Whether trying again may succeed (meaningful for UPSTREAM). */
  public readonly retryable: boolean;

  constructor(message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.details = options.details;
    this.retryable = options.retryable ?? true;
  }
}
