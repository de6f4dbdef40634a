import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line of a request or a job carries. */
export interface ExecutionContext {
  requestId?: string;
  jobId?: string;
}

const storage = new AsyncLocalStorage<ExecutionContext>();

export function runInContext<T>(context: ExecutionContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): ExecutionContext | undefined {
  return storage.getStore();
}
