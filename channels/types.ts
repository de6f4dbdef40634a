/**
 * The one contract every channel implements. A channel adapter knows its vendor's protocol and
 * nothing else: no environment, no database, no queue. The intake pipeline (intake/accept.ts) calls
 * it in the order verify → parse, then persists, queues and acknowledges; the worker calls
 * `fetchMedia` and `send`.
 */
import type { Result } from '../core/result.js';

/**
 * Channel ids are stored on every message (`api`, `wechat`, `sms_twilio`, …). Each channel's
 * definition declares its own; the registry refuses two channels with one id. A plain string, so a
 * new channel is one folder and one registry line, with no list to keep in step here.
 */
export type ChannelId = string;

export type MessageKind = 'text' | 'image' | 'voice' | 'video' | 'location' | 'contact' | 'event' | 'link';

export type Datum = 'WGS84' | 'GCJ02';

/** Who is calling, as established by the HTTP layer before the adapter runs (e.g. a checked API key). */
export type Principal =
  | { kind: 'apiKey'; apiKeyId: string; source: string }
  | { kind: 'webchat'; sessionId: string }
  | { kind: 'user'; userId: string; role: 'AGENT' | 'ADMIN' }
  | { kind: 'bootstrap' }
  /** A vendor proved who it is with more than a shared secret (Bot Framework's signed JWT). */
  | { kind: 'vendor'; channel: ChannelId; subject?: string };

/** An HTTP request as the adapter sees it: already read, so most tests need no server. */
export interface RawRequest {
  method: string;
  /** Path and query as requested, e.g. `/webhooks/wechat?signature=…`. */
  url: string;
  /**
   * The full URL as the vendor called it (scheme, host, port, path, query), built from
   * SUQIU_PUBLIC_URL behind a proxy: what Twilio signs.
   */
  publicUrl: string;
  headers: Readonly<Record<string, string | undefined>>;
  query: Readonly<Record<string, string | undefined>>;
  /** Path parameters of the channel's route (e.g. the secret of `/webhooks/aliyun-sms/:secret`). */
  params: Readonly<Record<string, string | undefined>>;
  rawBody: Buffer;
  /** The body parsed by the HTTP layer when it was JSON. */
  body?: unknown;
  principal?: Principal;
  /** The caller's address (after the configured proxy trust), for allowlists. */
  remoteAddress?: string;
  receivedAt: Date;
}

/** A file the channel delivered: bytes (data), an upload already stored (attachmentId), or a reference to fetch. */
export interface MediaRef {
  kind: 'image' | 'audio' | 'video' | 'file';
  attachmentId?: string;
  /** An http(s) URL the channel fetches with its own credentials (Twilio MediaUrl, Bot Framework contentUrl). */
  url?: string;
  /** The vendor's file id (WeChat MediaId, Telegram file_id). */
  ref?: string;
  data?: Buffer;
  mime?: string;
  name?: string;
}

export interface GeoPoint {
  lat: number;
  lng: number;
  datum: Datum;
}

/** The normalised envelope every channel produces (DOMAIN.md §11). */
export interface InboundMessage {
  channel: ChannelId;
  /** Unique per channel: the same delivery repeated gives the same key (DOMAIN.md §13). */
  dedupKey: string;
  /** The vendor's own id of the message, when it has one. */
  externalId?: string;
  channelUserId: string;
  sender?: { name?: string; phone?: string; phoneVerified?: boolean };
  receivedAt: Date;
  sentAt?: Date;
  kind: MessageKind;
  text?: string;
  /** Speech recognised by the channel (WeChat Recognition). */
  asrText?: string;
  media: MediaRef[];
  location?: GeoPoint & { label?: string };
  /** Location given as words only. */
  locationText?: string;
  /** Events (follow, menu click, QR scan …): name and key. */
  event?: { name: string; key?: string };
  /** The category the sender chose (Open311 service_code): the ticket starts with it when it is live; an agent still confirms. */
  categoryCode?: string;
  /** Where replies must go when that is more than the user id (a group chat, a conversation reference). */
  address?: unknown;
  /** The channel's payload, stored for audit and replay; never logged. */
  raw: unknown;
}

/** A message to a citizen on the channel they used. */
export interface OutboundReply {
  /** The outbound message row: the idempotency key of this delivery. */
  messageId: string;
  channel: ChannelId;
  channelUserId: string;
  text: string;
  /** `reply` answers a message just received; `status` tells about a ticket later (templates, SMS). */
  purpose: 'reply' | 'status';
  /** The inbound message this answers, for channels that thread replies. */
  inReplyTo?: { messageId: string; externalId?: string };
  ticket?: { id: string; number: string; status: string; statusLabel?: string };
  /** The reply address the channel gave on the citizen's last message (see InboundMessage.address). */
  address?: unknown;
  /** When the citizen last wrote on this channel: some vendors only allow free replies for a while. */
  lastInboundAt?: Date;
  /** Quick replies a channel may offer as buttons; plain text always works too. */
  choices?: { label: string; value: string }[];
}

export interface ParseError {
  message: string;
  /** Field-level problems, safe to return to the caller. */
  issues?: { path: string; message: string }[];
}

export interface FetchedMedia {
  bytes: Buffer;
  mime?: string;
  name?: string;
}

/**
 * @remarks Deliberately excluded: persistence, queueing and acknowledgement formats (the pipeline
 * and the channel's HTTP binding own them), configuration loading (the registry passes a typed
 * config to the constructor) and any shared mutable state — an adapter instance is immutable.
 */
export interface ChannelAdapter {
  readonly id: ChannelId;
  /** Whether `send` can reach the citizen; when false, no reply is prepared. */
  readonly canReply: boolean;
  /**
   * False when the senders are systems that send complete requests (the API channel): each message is
   * one ticket and the bot does not talk. Absent: a person writes, and the bot talks where it can reply.
   */
  readonly conversational?: boolean;
  /** Authenticity of the request: constant-time checks, no I/O. */
  verify(req: RawRequest): boolean;
  /** One request may carry several messages. Deterministic: the same request gives the same result. */
  parse(req: RawRequest): Result<InboundMessage[], ParseError>;
  send(reply: OutboundReply): Promise<{ externalId: string }>;
  /** Downloads a file the channel referenced (a MediaId, a file_id, an authenticated URL). */
  fetchMedia?(ref: MediaRef): Promise<FetchedMedia>;
}

/** What the pipeline reports back for each message of a request, for the channel's acknowledgement. */
export interface AcceptOutcome {
  messageId: string;
  /** The same delivery was stored before (a retry); nothing new was stored. */
  duplicate: boolean;
}

export interface HttpAck {
  status: number;
  body: string | Buffer | Record<string, unknown> | unknown[];
  contentType?: string;
}

/**
 * How a channel is reached over HTTP. The HTTP layer authenticates callers that use suqiu's own
 * API keys before `verify`; vendor-signed channels use `none` and verify the signature themselves.
 */
export interface ChannelHttp {
  /** Express path of the webhook, e.g. `/webhooks/wechat` or `/webhooks/aliyun-sms/:secret`. */
  path: string;
  auth: 'apiKey' | 'none';
  /**
   * Authentication that needs I/O (fetching a vendor's signing keys), run by the HTTP layer before
   * `verify`: resolves to the principal `verify` then checks, or throws UnauthorizedError.
   */
  authenticate?: (req: RawRequest) => Promise<Principal>;
  /** Where the API key travels when not in the Authorization header (Open311: the `api_key` form field or query parameter). */
  apiKeyParam?: string;
  acknowledge: (outcomes: AcceptOutcome[], req: RawRequest) => HttpAck;
  /** Answers a GET on the same path (WeChat's URL verification); absent: GET is not allowed. */
  challenge?: (req: RawRequest) => HttpAck;
  /** The vendor's error format; absent: suqiu's JSON errors. */
  errorFormat?: 'json' | 'open311';
}

export interface ChannelBinding {
  adapter: ChannelAdapter;
  /** Channels that do not receive webhooks (Wechaty keeps its own connection) have none. */
  http?: ChannelHttp;
  /** Long-lived connections (a Wechaty bot) started with the worker and stopped with it. */
  start?: (intake: ChannelIntake) => Promise<{ stop(): Promise<void> }>;
}

/** What a connection-based channel uses to hand its messages to the pipeline. */
export interface ChannelIntake {
  accept(messages: InboundMessage[]): Promise<AcceptOutcome[]>;
}
