/**
 * A reply → the WeChat API. Free-text customer-service messages are allowed only within 48 hours of
 * the citizen's last message (and 5 per window); later status notices go as template messages
 * (DOMAIN.md §11.1 and §13). Without a template, a notice outside the window cannot be delivered on
 * WeChat at all: that is a permanent failure the queue records, not something to retry.
 */
import { PermanentJobError } from '../../core/queue/index.js';
import type { OutboundReply } from '../types.js';
import type { WeChatClient } from './client.js';
import type { WeChatConfig } from './definition.js';
import { WeChatApiError } from './http.js';
import { templateMessage } from './template.js';

export const CUSTOMER_SERVICE_WINDOW_MS = 48 * 60 * 60_000;

/** `45015` outside the window or unfollowed (verify); `45047` over the window's quota (unconfirmed). */
const WINDOW_ERRCODES: ReadonlySet<number> = new Set([45015, 45047]);

export type Route = 'customer-service' | 'template';

/** A status notice prefers the template; anything else goes as a customer-service message while the window is open. */
export function chooseRoute(reply: Pick<OutboundReply, 'purpose' | 'lastInboundAt'>, hasTemplate: boolean, now: Date): Route | undefined {
  if (reply.purpose === 'status' && hasTemplate) return 'template';
  // A reply answers a message just received; without a date, only a reply is assumed to be in time.
  const inWindow = reply.lastInboundAt
    ? now.getTime() - reply.lastInboundAt.getTime() < CUSTOMER_SERVICE_WINDOW_MS
    : reply.purpose === 'reply';
  if (inWindow) return 'customer-service';
  return hasTemplate ? 'template' : undefined;
}

export async function sendWeChatReply(
  client: WeChatClient,
  config: Pick<WeChatConfig, 'template' | 'ticketUrl' | 'timeZone'>,
  reply: OutboundReply,
  now: Date,
): Promise<{ externalId: string }> {
  if (!reply.text.trim()) throw new PermanentJobError('wechat: an empty reply is not sent');
  const route = chooseRoute(reply, config.template !== undefined, now);
  const { template } = config;
  const viaTemplate = async () => {
    if (!template) throw new PermanentJobError('wechat: no template message is configured');
    return { externalId: await client.sendTemplate(templateMessage({ ...config, template }, reply, now)) };
  };
  if (route === undefined) {
    throw new PermanentJobError(
      'wechat: the citizen last wrote more than 48 hours ago, so WeChat allows no customer-service message, ' +
        'and no template message is configured (WECHAT_TEMPLATE_ID, WECHAT_TEMPLATE_FIELDS)',
    );
  }
  if (route === 'template') return viaTemplate();
  try {
    await client.sendCustomText({ touser: reply.channelUserId, msgtype: 'text', text: { content: reply.text } });
    // Customer-service sends return no id of their own.
    return { externalId: reply.messageId };
  } catch (error) {
    // The window is WeChat's to judge (a menu click opens only one minute): fall back to the template.
    if (template && error instanceof WeChatApiError && WINDOW_ERRCODES.has(error.errcode)) return viaTemplate();
    throw error;
  }
}
