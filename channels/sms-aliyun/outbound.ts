/**
 * A reply → SendSms calls. The text travels in the one variable of an approved template, whose
 * length Chinese carriers' rules limit (ALIYUN_SMS_PARAM_MAX_CHARS), so longer replies go as
 * numbered parts "(1/3)…" split at sentence ends; the ticket number is never cut.
 */
import { sendInParts, type SmsSender } from '../sms/sender.js';
import { splitSms } from '../sms/split.js';
import type { OutboundReply } from '../types.js';
import type { AliyunSmsClient } from './client.js';

export interface AliyunTemplate {
  signName: string;
  templateCode: string;
  templateParam: string;
  paramMaxChars: number;
}

export async function sendAliyunReply(
  client: AliyunSmsClient,
  template: AliyunTemplate,
  reply: OutboundReply,
): Promise<{ externalId: string }> {
  const parts = splitSms(reply.text, { maxChars: template.paramMaxChars, numbered: true });
  let index = 0;
  const sender: SmsSender = {
    send: async (to, text) => {
      index += 1;
      const { bizId } = await client.sendSms({
        phoneNumbers: to,
        signName: template.signName,
        templateCode: template.templateCode,
        templateParam: { [template.templateParam]: text },
        outId: parts.length > 1 ? `${reply.messageId}-${index}` : reply.messageId,
      });
      return { externalId: bizId };
    },
  };
  return sendInParts(sender, toAliyunNumber(reply.channelUserId), parts);
}

/** `+8613812345678` → `13812345678` (mainland numbers go without country code); `+852…` → `852…`. */
export function toAliyunNumber(e164: string): string {
  return e164.startsWith('+86') ? e164.slice(3) : e164.replace(/^\+/, '');
}
