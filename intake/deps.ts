import type { ChannelRegistry } from '../channels/registry.js';
import type { SpeechToText } from '../core/asr/speech-to-text.js';
import type { Database } from '../core/db/database.js';
import type { EventBus } from '../core/events/event-bus.js';
import type { Logger } from '../core/logger.js';
import type { JobQueue } from '../core/queue/index.js';
import type { AttachmentStore } from '../core/storage/attachment-store.js';
import type { Catalogue } from '../router/catalogue.js';
import type { Embedder } from '../nlu/embeddings/index.js';
import type { Classifier } from '../nlu/types.js';
import type { BotTextsProvider } from './bot-texts.provider.js';
import type { DialogSettings } from './dialog/types.js';
import type { KnowledgeBase } from './knowledge/index.js';
import type { RecentTickets } from './similar-tickets.js';

/** Loaded from the database and refreshed in the background; reads are synchronous and cheap. */
export interface Provider<T> {
  current(): T;
}

/** Everything the intake use cases need, passed explicitly (no globals, no environment). */
export interface IntakeDeps {
  db: Database;
  logger: Logger;
  queues: { intake: JobQueue; outbound: JobQueue; dedicated?: ReadonlyMap<string, JobQueue> };
  bus: EventBus;
  attachments: AttachmentStore;
  channels: ChannelRegistry;
  classifier: Provider<Classifier | undefined>;
  catalogue: Provider<Catalogue>;
  /** Speech recognition for voice messages without a transcript; absent: agents play the audio. */
  asr?: SpeechToText;
  /** Sentence embeddings from a local model folder (SUQIU_EMBEDDING_MODEL_DIR); absent: n-grams only. */
  embedder?: Embedder;
  /** The bot's wording, with admins' edits. */
  texts: Pick<BotTextsProvider, 'render' | 'refresh'>;
  /** The knowledge base consultations are answered from. */
  knowledge?: KnowledgeBase;
  dialog: DialogDeps;
  /** The similarity index of the most recent tickets, kept between searches (intake/similar-tickets.ts); absent: built per search. */
  recentTickets?: RecentTickets;
  /** SUQIU_AUTO_ROUTE: the system confirms clear tickets itself (intake/auto-route.ts); absent: off. */
  autoRoute?: boolean;
  timeZone: string;
  now: () => Date;
}

export interface DialogDeps {
  /** Channels where the bot talks (SUQIU_DIALOG_CHANNELS); '*' every channel that can reply, the API excepted. */
  channels: readonly string[] | '*';
  settings: DialogSettings;
  ratePerMinute: number;
  ratePerDay: number;
}
