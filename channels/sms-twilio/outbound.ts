/**
 * A reply → Twilio messages. Longer than Twilio's 1600 characters, it goes as numbered parts split
 * at sentence ends. It comes from the number the citizen wrote to (WhatsApp requires that, and a
 * hotline with several numbers answers on the one that was used), unless a Messaging Service picks.
 */
import { sendInParts, type SmsSender } from '../sms/sender.js';
import { splitSms } from '../sms/split.js';
import type { OutboundReply } from '../types.js';
import type { TwilioClient } from './client.js';
import { TWILIO_MAX_BODY } from './definition.js';

export interface TwilioSenderConfig {
  from?: string;
  messagingServiceSid?: string;
}

export async function sendTwilioReply(
  client: TwilioClient,
  config: TwilioSenderConfig,
  reply: OutboundReply,
): Promise<{ externalId: string }> {
  const origin = senderFields(config, reply);
  const sender: SmsSender = {
    send: async (to, text) => ({ externalId: (await client.createMessage({ To: to, Body: text, ...origin })).sid }),
  };
  return sendInParts(sender, reply.channelUserId, splitSms(reply.text, { maxChars: TWILIO_MAX_BODY, numbered: true }));
}

export function senderFields(config: TwilioSenderConfig, reply: Pick<OutboundReply, 'channelUserId' | 'address'>): Record<string, string> {
  if (config.messagingServiceSid) return { MessagingServiceSid: config.messagingServiceSid };
  const wroteTo = addressTo(reply.address);
  if (wroteTo) return { From: wroteTo };
  if (!config.from) throw new Error('sms_twilio: no TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID to send from');
  // Both ends of a WhatsApp conversation carry the prefix; a plain configured number is the same sender.
  const whatsapp = reply.channelUserId.startsWith('whatsapp:') && !config.from.startsWith('whatsapp:');
  return { From: whatsapp ? `whatsapp:${config.from}` : config.from };
}

function addressTo(address: unknown): string | undefined {
  const to = (address as { to?: unknown } | null | undefined)?.to;
  return typeof to === 'string' && to ? to : undefined;
}
