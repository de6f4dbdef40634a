/** What one turn of the dialog reads and what it asks the runner to do. */
import type { Attachment, Message, Satisfaction } from '../../core/db/generated/client.js';
import type { Command as TextCommand } from '../../nlu/dialog/index.js';
import type { Identified } from '../identify.js';
import type { Language, TextArgs, TextKey } from '../texts.js';
import type { Draft, OfferedEntry } from './state.js';

export interface KnowledgeMatch extends OfferedEntry {
  score: number;
}

/** The knowledge base's verdict on a message (intake/knowledge): answer it, offer entries, or nothing fits. */
export interface KnowledgeVerdict {
  band: 'answer' | 'offer' | 'none';
  matches: KnowledgeMatch[];
}

export interface TurnInput {
  now: Date;
  messageId: string;
  kind: string;
  /** The message's words (a voice note's transcript included), trimmed; '' when there are none. */
  text: string;
  /** A button press, a menu click, a follow … */
  event?: { name: string; key?: string };
  photos: number;
  /** A voice note nobody could transcribe: an agent will listen to it. */
  untranscribedVoice: boolean;
  location?: { lat: number; lng: number; datum?: string; label?: string };
  locationText?: string;
  /** A number the channel vouches for (the SMS sender, a contact shared on Telegram). */
  knownPhone?: string;
  /** What the knowledge base would do with this text (looked up before the turn). */
  knowledge?: KnowledgeVerdict;
  /** Over the citizen's message limits: `notify` once, then `silent`. */
  rateLimited?: 'notify' | 'silent';
}

export interface DialogSettings {
  timeoutMs: number;
  handoffTimeoutMs: number;
  /** An unanswered satisfaction question lapses after this. */
  callbackTimeoutMs: number;
  /** Working days a citizen is told to expect an answer in, by kind. */
  replyDays: { report: number; consult: number };
}

/** A button: its label is a bot text, or words of its own (an offered question). */
export type Choice = { value: string } & ({ label: TextKey; text?: undefined } | { text: string; label?: undefined });

export interface Say {
  kind: 'say';
  key: TextKey;
  args?: TextArgs;
  choices?: Choice[];
}

export type TicketPurpose = 'report' | 'consult' | 'emergency' | 'handoff';

export interface CreateTicket {
  kind: 'createTicket';
  purpose: TicketPurpose;
  description: string;
  draft?: Draft;
  /** Messages that join the ticket (the current one always does). */
  messageIds: string[];
  flags: string[];
}

export type Action =
  | Say
  | CreateTicket
  | { kind: 'showStatus'; number: string }
  | { kind: 'listTickets' }
  | { kind: 'knowledgeFeedback'; entryId: string; helpful: boolean }
  | { kind: 'recordCallback'; ticketId: string; resolved?: boolean; satisfaction?: Satisfaction; comment?: string }
  /** While handed to a person: the message joins that ticket and agents are told. */
  | { kind: 'joinTicket'; ticketId: string }
  | { kind: 'endHandoff'; ticketId: string };

/** What a turn is working with; the flow handlers add actions and return the next flow. */
export interface Turn {
  input: TurnInput;
  settings: DialogSettings;
  language: Language;
  actions: Action[];
}

export type Command = TextCommand | 'end';

/** One stored message as the runner hands it to the dialog (intake/dialog/run-dialog.ts). */
export interface DialogTurn {
  message: Message & { attachments: Attachment[] };
  text: string;
  who: Identified;
  knowledge?: TurnInput['knowledge'];
  /** Messages this citizen sent in the last minute and day, this one included. */
  recent: { minute: number; day: number };
}
