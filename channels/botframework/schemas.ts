/**
 * The parts of a Bot Framework Activity suqiu reads (DOMAIN.md §11.5). Loose objects: channels add
 * fields (Teams' channelData, Direct Line's watermarks) and must not be refused for it. What a reply
 * needs — serviceUrl, channelId, conversation, from, recipient — is required.
 */
import { z } from 'zod';

const account = z.looseObject({
  id: z.string().min(1).max(1_000),
  name: z.string().optional(),
  aadObjectId: z.string().optional(),
  role: z.string().optional(),
});

export const attachmentSchema = z.looseObject({
  contentType: z.string().min(1).max(200),
  contentUrl: z.string().optional(),
  content: z.unknown().optional(),
  name: z.string().max(500).optional(),
});

const entity = z.looseObject({ type: z.string() });

export const activitySchema = z.looseObject({
  type: z.string().min(1).max(100),
  id: z.string().min(1).max(1_000).optional(),
  timestamp: z.string().optional(),
  serviceUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL (replies go there)' }),
  channelId: z.string().min(1).max(200),
  from: account,
  recipient: account,
  conversation: z.looseObject({
    id: z.string().min(1).max(2_000),
    name: z.string().optional(),
    isGroup: z.boolean().optional(),
    conversationType: z.string().optional(),
    tenantId: z.string().optional(),
  }),
  text: z.string().optional(),
  locale: z.string().max(50).optional(),
  name: z.string().optional(),
  value: z.unknown().optional(),
  attachments: z.array(attachmentSchema).max(50).optional(),
  entities: z.array(entity).max(100).optional(),
  channelData: z.unknown().optional(),
  membersAdded: z.array(account).optional(),
  action: z.string().optional(),
  deliveryMode: z.string().optional(),
});

export type BotActivity = z.infer<typeof activitySchema>;
export type BotAttachment = z.infer<typeof attachmentSchema>;

/** The stored address: botbuilder's ConversationReference (TurnContext.getConversationReference). */
export const referenceSchema = z.looseObject({
  activityId: z.string().optional(),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  channelId: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1) }),
  bot: account,
  user: account,
  locale: z.string().optional(),
});

export type StoredReference = z.infer<typeof referenceSchema>;
