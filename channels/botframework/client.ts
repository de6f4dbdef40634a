/**
 * Proactive sends through botbuilder: `CloudAdapter.continueConversationAsync` with the stored
 * ConversationReference, then `sendActivity`, i.e. `POST {serviceUrl}/v3/conversations/{id}/activities`
 * (or `…/activities/{replyToId}`), signed with the bot's token when an app id is configured.
 * Failures become UpstreamErrors without the request attached (it holds the token and the text).
 */
import { CloudAdapter, type Activity, type ConfigurationBotFrameworkAuthentication, type ConversationReference } from 'botbuilder';

import { UpstreamError } from '../../core/errors/index.js';
import type { ConnectorTokens } from './auth.js';
import type { StoredReference } from './schemas.js';

export class BotConnector {
  private readonly adapter: CloudAdapter;

  constructor(
    auth: ConfigurationBotFrameworkAuthentication,
    private readonly appId: string | undefined,
    private readonly tokens: ConnectorTokens | undefined,
    private readonly timeoutMs: number,
  ) {
    this.adapter = new CloudAdapter(auth);
  }

  /** Returns the id the channel gave the sent activity, when it gives one. */
  public async send(reference: StoredReference, activity: Partial<Activity>, replyToId: string | undefined): Promise<string | undefined> {
    let sentId: string | undefined;
    const turn = this.adapter.continueConversationAsync(
      this.appId ?? '',
      reference as unknown as ConversationReference,
      async (context) => {
        // botbuilder gives the continuation activity a random id, which sendActivity would turn into a
        // replyToId pointing nowhere: thread to the citizen's message when known, else post to the conversation.
        context.activity.id = replyToId;
        sentId = (await context.sendActivity(activity))?.id || undefined;
      },
    );
    try {
      await withTimeout(turn, this.timeoutMs);
    } catch (error) {
      throw await this.upstream(error);
    }
    return sentId;
  }

  private async upstream(error: unknown): Promise<UpstreamError> {
    if (error instanceof UpstreamError) return error;
    const e = error as {
      statusCode?: unknown;
      code?: unknown;
      name?: unknown;
      response?: { headers?: { get?(name: string): string | undefined } };
    };
    const status = typeof e?.statusCode === 'number' ? e.statusCode : undefined;
    if (status === undefined)
      return new UpstreamError(
        `Bot Framework connector: request failed (${typeof e?.code === 'string' ? e.code : typeof e?.name === 'string' ? e.name : 'error'})`,
      );
    // A refused token is dropped so the retry fetches a fresh one.
    if (status === 401 && this.tokens) await this.tokens.invalidate(await this.tokens.get()).catch(() => undefined);
    const retryAfter = Number(e.response?.headers?.get?.('retry-after'));
    return new UpstreamError(`Bot Framework connector answered ${status}${typeof e.code === 'string' ? ` ${e.code}` : ''}`, {
      code: status === 429 ? 'RATE_LIMITED' : `CONNECTOR_${status}`,
      details: { status, ...(Number.isFinite(retryAfter) ? { retryAfterSeconds: retryAfter } : {}) },
    });
  }
}

/** The call may still finish after the timeout; the queue's retry is then a duplicate, which beats a hung job. */
async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new UpstreamError(`Bot Framework connector: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
