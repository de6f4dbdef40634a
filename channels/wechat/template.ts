/**
 * Status notice → template message. The rules since 2023-05-04 (DOMAIN.md §11.1): no `first` or
 * `remark`, no colours, no emoji, every field at most 20 characters and on one line. So a notice is
 * a few short key/value fields (ticket number, status, time, a summary) plus a link to the ticket page.
 */
import type { OutboundReply } from '../types.js';
import type { TemplateSource, WeChatConfig } from './definition.js';
import type { TemplateMessage } from './schemas.js';

export const TEMPLATE_VALUE_MAX = 20;

/** Keyword types (the key without its number) that WeChat limits further than 20 characters. */
const TYPE_LIMITS: Readonly<Record<string, number>> = { phrase: 5, symbol: 5, car_number: 8, name: 10 };

/** One line, no emoji or control characters, cut to the keyword's limit with `…` as its last character. */
export function templateValue(key: string, value: string): string {
  const clean = value
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\uFE0F|\u200D|\u20E3/gu, '')
    .replace(/\p{Cc}/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  const limit = Math.min(TEMPLATE_VALUE_MAX, TYPE_LIMITS[key.replace(/\d+$/, '')] ?? TEMPLATE_VALUE_MAX);
  const chars = Array.from(clean || '-');
  return chars.length <= limit ? chars.join('') : `${chars.slice(0, limit - 1).join('')}…`;
}

type TemplateSettings = Pick<WeChatConfig, 'ticketUrl' | 'timeZone'> & { template: NonNullable<WeChatConfig['template']> };

export function templateMessage(settings: TemplateSettings, reply: OutboundReply, now: Date): TemplateMessage {
  const data: TemplateMessage['data'] = {};
  for (const { key, source } of settings.template.fields)
    data[key] = { value: templateValue(key, valueOf(source, reply, now, settings.timeZone)) };
  return {
    touser: reply.channelUserId,
    template_id: settings.template.id,
    url: ticketLink(settings.ticketUrl, reply.ticket),
    // WeChat drops a second send with the same id (unconfirmed): a retried job does not notify twice.
    client_msg_id: reply.messageId,
    data,
  };
}

function valueOf(source: TemplateSource, reply: OutboundReply, now: Date, timeZone: string): string {
  switch (source) {
    case 'number':
      return reply.ticket?.number ?? '';
    case 'status':
      return reply.ticket ? (reply.ticket.statusLabel ?? reply.ticket.status) : '';
    case 'time':
      return localTime(now, timeZone);
    case 'summary':
      return reply.text;
  }
}

/** `2024-05-06 10:00`, the format of template `time` keywords. */
export function localTime(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** The configured link with `{number}` / `{id}` filled in; none when it needs a ticket the notice lacks. */
function ticketLink(url: string | undefined, ticket: OutboundReply['ticket']): string | undefined {
  if (!url) return undefined;
  if (!ticket) return /\{(number|id)\}/.test(url) ? undefined : url;
  return url.replaceAll('{number}', encodeURIComponent(ticket.number)).replaceAll('{id}', encodeURIComponent(ticket.id));
}
