import { UpstreamError } from '../../core/errors/index.js';
import type { ChannelDefinition } from '../definition.js';
import type { ChannelAdapter, ChannelBinding, FetchedMedia, HttpAck, MediaRef, OutboundReply, RawRequest } from '../types.js';
import { TelegramClient } from './client.js';
import { botIdOf, TELEGRAM_ENV, telegramConfigSchema, telegramFromEnv, type TelegramConfig } from './definition.js';
import { parseTelegramRequest, type TelegramParseSettings } from './inbound.js';
import { toSendMessages } from './outbound.js';
import { verifySecretToken } from './signature.js';

export class TelegramAdapter implements ChannelAdapter {
  public readonly id = 'telegram' as const;
  /** sendMessage works at any time, without a reply window. */
  public readonly canReply = true;
  private readonly settings: TelegramParseSettings;
  private readonly client: TelegramClient;

  constructor(
    private readonly config: TelegramConfig,
    fetchImpl: typeof fetch,
  ) {
    this.settings = { bot: { id: botIdOf(config.botToken), username: config.botUsername }, allowGroups: config.allowGroups };
    this.client = new TelegramClient({ botToken: config.botToken, apiRoot: config.apiRoot, timeoutMs: config.timeoutMs, fetch: fetchImpl });
  }

  public verify(req: RawRequest): boolean {
    return verifySecretToken(req.headers, this.config.webhookSecret);
  }

  public parse(req: RawRequest) {
    return parseTelegramRequest(req, this.settings);
  }

  /** Long texts go as several messages; the id of the first one is the delivery's id. */
  public async send(reply: OutboundReply): Promise<{ externalId: string }> {
    const ids: number[] = [];
    for (const payload of toSendMessages(reply)) ids.push((await this.client.sendMessage(payload)).messageId);
    return { externalId: String(ids[0]) };
  }

  public async fetchMedia(ref: MediaRef): Promise<FetchedMedia> {
    if (!ref.ref) throw new UpstreamError('Telegram media without a file_id');
    const file = await this.client.download(ref.ref);
    return { ...file, mime: ref.mime ?? file.mime };
  }
}

/**
 * 200 at once. A button press is also answered in the same response (`answerCallbackQuery`, which
 * Telegram accepts as a webhook reply) so the citizen's client stops its progress spinner.
 */
export function acknowledgeTelegram(req: RawRequest): HttpAck {
  const query = (req.body as { callback_query?: { id?: unknown } } | undefined)?.callback_query;
  if (typeof query?.id === 'string') return { status: 200, body: { method: 'answerCallbackQuery', callback_query_id: query.id } };
  return { status: 200, body: {} };
}

export const telegramChannel: ChannelDefinition<TelegramConfig> = {
  id: 'telegram',
  env: TELEGRAM_ENV,
  fromEnv: telegramFromEnv,
  configSchema: telegramConfigSchema,
  create: (config, context): ChannelBinding => ({
    adapter: new TelegramAdapter(config, context.fetch),
    http: { path: '/webhooks/telegram', auth: 'none', acknowledge: (_outcomes, req) => acknowledgeTelegram(req) },
  }),
};
