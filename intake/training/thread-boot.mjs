// Entry of the training thread: worker threads do not inherit the main thread's TypeScript loader,
// so the thread registers tsx itself before importing its TypeScript entry.
import { workerData } from 'node:worker_threads';

import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
