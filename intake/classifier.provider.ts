/** Serves the active category model; notices a newly activated version within one refresh interval. */
import type { Database } from '../core/db/database.js';
import type { Classifier } from '../nlu/types.js';
import type { Provider } from './deps.js';
import { activeModelId, loadActiveModel } from './model-registry.js';

export class ClassifierProvider implements Provider<Classifier | undefined> {
  private classifier?: Classifier;
  private modelId?: string;
  private timer?: NodeJS.Timeout;

  constructor(private readonly db: Database) {}

  public current(): Classifier | undefined {
    return this.classifier;
  }

  /** Loads the active model when it differs from the one in memory. */
  public async refresh(): Promise<void> {
    const id = await activeModelId(this.db);
    if (id === this.modelId) return;
    const model = await loadActiveModel(this.db);
    this.classifier = model?.classifier;
    this.modelId = id;
  }

  public startRefreshing(intervalMs: number, onError: (error: unknown) => void): void {
    this.timer = setInterval(() => void this.refresh().catch(onError), intervalMs);
    this.timer.unref();
  }

  public stop(): void {
    clearInterval(this.timer);
  }
}
