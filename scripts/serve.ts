/** Runs suqiu until SIGINT/SIGTERM, then shuts down gracefully (in-flight requests and jobs finish). */
import type { Config } from '../core/config.js';
import { startRuntime, type Runtime } from '../core/runtime.js';

export type Serve = (
  config: Config,
  options: { http?: boolean; worker?: boolean; onStarted?: (runtime: Runtime) => Promise<void> },
) => Promise<number>;

export const serve: Serve = async (config, options) => {
  const runtime = await startRuntime({ config, http: options.http, worker: options.worker });
  const { logger } = runtime;
  logger.info({ url: runtime.http?.url, database: runtime.db.kind, queue: config.redisUrl ? 'bullmq' : 'in-process' }, 'suqiu started');
  await options.onStarted?.(runtime);
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down');
      const timer = setTimeout(() => {
        logger.error('shutdown timed out; exiting');
        resolve(1);
      }, config.shutdownTimeoutMs);
      timer.unref();
      void runtime.close().then(() => {
        clearTimeout(timer);
        logger.info('stopped');
        resolve(0);
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
};
