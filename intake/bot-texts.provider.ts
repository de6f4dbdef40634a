/**
 * The bot's wording as admins left it: BotText rows over the defaults of intake/texts.ts, kept in
 * memory and re-read periodically, so an edit in the console reaches every worker without a restart.
 */
import type { Database } from '../core/db/database.js';
import { fill, isTextKey, renderDefault, type Language, type RenderText, type TextArgs, type TextKey } from './texts.js';

export class BotTextsProvider {
  private overrides = new Map<string, string>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly db: Database) {}

  public async refresh(): Promise<void> {
    const rows = await this.db.prisma.botText.findMany();
    this.overrides = new Map(rows.filter((row) => isTextKey(row.key)).map((row) => [`${row.key}/${row.language}`, row.text]));
  }

  public readonly render: RenderText = (key: TextKey, language: Language, args?: TextArgs) => {
    const override = this.overrides.get(`${key}/${language}`);
    return override === undefined ? renderDefault(key, language, args) : fill(override, args);
  };

  public startRefreshing(intervalMs: number, onError: (error: unknown) => void): void {
    this.timer = setInterval(() => void this.refresh().catch(onError), intervalMs);
    this.timer.unref();
  }

  public stop(): void {
    clearInterval(this.timer);
  }
}
