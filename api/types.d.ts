import type { Principal } from '../channels/types.js';

declare global {
  namespace Express {
    interface Request {
      requestId: string;
      /** Set by the authenticate middleware when the caller presented valid credentials. */
      principal?: Principal;
      /** The body exactly as received, for signature checks. */
      rawBody?: Buffer;
    }
  }
}

export {};
