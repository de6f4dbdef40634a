/**
 * A reply → the WeChat API. Free-text customer-service messages are allowed only within 48 hours of
 * the citizen's last message (and 5 per window); later status notices go as template messages
 * (DOMAIN.md §11.1 and §13). Without a template, a notice outside the window cannot be delivered on
 * WeChat at all: that is a permanent failure the queue records, not something to retry.
 *
 * A customer-service reply with `choices` goes as a msgmenu (菜单消息): the text, then one tappable
 * line per choice whose id is the choice's value, so a tap comes back (inbound.ts) as a `callback`
 * event keyed by that value with no lookup. Template notices never carry buttons.
 */
import { PermanentJobError } from '../../core/queue/index.js';
import type { OutboundReply } from '../types.js';
import { TOKEN_ERRCODES } from './auth.js';
import type { WeChatClient } from './client.js';
import type { WeChatConfig } from './definition.js';
import { WeChatApiError } from './http.js';
import type { CustomMenuMessage, CustomMessage, CustomTextMessage } from './schemas.js';
import { templateMessage } from './template.js';

export const CUSTOMER_SERVICE_WINDOW_MS = 48 * 60 * 60_000;

/** `45015` outside the window or unfollowed (verify); `45047` over the window's quota (unconfirmed). */
const WINDOW_ERRCODES: ReadonlySet<number> = new Set([45015, 45047]);

/** `-1` system busy, `45009` call quota: the same for a text, so the job retries instead. */
const TRANSIENT_ERRCODES: ReadonlySet<number> = new Set([-1, 45009]);

/**
 * msgmenu limits. The official-account documentation gives none; these are WeChat's limits for the
 * same message in 微信客服 (at most 10 options, option id 1–64 bytes, option text 1–128 bytes, head
 * 1,024 bytes), assumed to hold here (unconfirmed). Ids are kept to characters that survive XML and
 * URLs unchanged, which covers every value the bot uses (`report`, `kb:1`, `cb:20261121-000123:sat:S`).
 */
export const MENU_LIMITS = { options: 10, idPattern: /^[A-Za-z0-9_:.-]{1,64}$/, contentBytes: 128, headBytes: 1_024 } as const;

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
    await sendCustomerService(client, reply);
    // Customer-service sends return no id of their own.
    return { externalId: reply.messageId };
  } catch (error) {
    // The window is WeChat's to judge (a menu click opens only one minute): fall back to the template.
    if (template && error instanceof WeChatApiError && WINDOW_ERRCODES.has(error.errcode)) return viaTemplate();
    throw error;
  }
}

/**
 * The reply's buttons are a convenience: the text names the options too. So a menu WeChat refuses for
 * what it is (40200 from test and unverified accounts, which may not send menus) goes again as plain
 * text; the window, an expired token and a busy WeChat are not about the menu and are left to the caller.
 */
async function sendCustomerService(client: WeChatClient, reply: OutboundReply): Promise<void> {
  const message = customMessage(reply);
  if (message.msgtype === 'text') return client.sendCustom(message);
  try {
    await client.sendCustom(message);
  } catch (error) {
    if (!(error instanceof WeChatApiError) || [WINDOW_ERRCODES, TRANSIENT_ERRCODES, TOKEN_ERRCODES].some((set) => set.has(error.errcode))) {
      throw error;
    }
    await client.sendCustom(textMessage(reply));
  }
}

/** A msgmenu when every choice fits WeChat's limits, otherwise the text alone. */
export function customMessage(reply: OutboundReply): CustomMessage {
  const list = menuList(reply.choices);
  if (!list || Buffer.byteLength(reply.text, 'utf8') > MENU_LIMITS.headBytes) return textMessage(reply);
  return { touser: reply.channelUserId, msgtype: 'msgmenu', msgmenu: { head_content: reply.text, list, tail_content: '' } };
}

function textMessage(reply: OutboundReply): CustomTextMessage {
  return { touser: reply.channelUserId, msgtype: 'text', text: { content: reply.text } };
}

function menuList(choices: OutboundReply['choices']): CustomMenuMessage['msgmenu']['list'] | undefined {
  if (!choices?.length || choices.length > MENU_LIMITS.options) return undefined;
  const list = choices.map((choice) => ({ id: choice.value, content: choice.label.trim() }));
  const fits = list.every(
    ({ id, content }) => MENU_LIMITS.idPattern.test(id) && content !== '' && Buffer.byteLength(content, 'utf8') <= MENU_LIMITS.contentBytes,
  );
  // Two options with one id could not be told apart when tapped.
  return fits && new Set(list.map(({ id }) => id)).size === list.length ? list : undefined;
}
