/**
 * Persist step of the intake pipeline: one insert under the channel's dedup key. A redelivery hits
 * the unique index and returns the stored row — the database decides, so 20 concurrent copies of
 * one message still store one row (STYLE.md §6: lookup-then-insert is not enough).
 */
import type { InboundMessage, MediaRef } from '../channels/types.js';
import { InvalidDataError } from '../core/errors/index.js';
import { isUniqueViolation, toJson } from '../core/db/helpers.js';
import type { Tx } from '../core/db/database.js';
import type { IntakeDeps } from './deps.js';

export interface StoredInbound {
  messageId: string;
  duplicate: boolean;
  status: string;
  channel: string;
  dedupKey: string;
}

/** PostgreSQL stores no U+0000 in text: without this, such a message would fail its insert on every redelivery. */
function withoutNul(text: string | undefined): string | undefined {
  return text?.replaceAll('\u0000', '');
}

export async function storeInbound(deps: Pick<IntakeDeps, 'db' | 'attachments'>, message: InboundMessage): Promise<StoredInbound> {
  const inline = await storeInlineMedia(deps, message.media);
  const data = {
    direction: 'INBOUND' as const,
    channel: message.channel,
    dedupKey: message.dedupKey,
    externalId: message.externalId,
    channelUserId: message.channelUserId,
    kind: message.kind,
    text: withoutNul(message.text ?? message.asrText),
    payload: toJson({
      raw: message.raw,
      sender: message.sender,
      asrText: message.asrText,
      event: message.event,
      address: message.address,
      categoryCode: message.categoryCode,
    }),
    locationText: message.location?.label ?? message.locationText,
    lat: message.location?.lat,
    lng: message.location?.lng,
    datum: message.location?.datum,
    status: 'RECEIVED' as const,
    sentAt: message.sentAt,
    receivedAt: message.receivedAt,
  };
  try {
    // One INSERT on the acknowledgement path; a transaction only when attachments must be linked with it.
    const id =
      message.media.length === 0
        ? (await deps.db.prisma.message.create({ data, select: { id: true } })).id
        : await deps.db.transaction(async (tx) => {
            const row = await tx.message.create({ data, select: { id: true } });
            await attachMedia(tx, row.id, message, inline);
            return row.id;
          });
    return { messageId: id, duplicate: false, status: 'RECEIVED', channel: message.channel, dedupKey: message.dedupKey };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await deps.db.prisma.message.findUnique({
      where: { channel_dedupKey: { channel: message.channel, dedupKey: message.dedupKey } },
      select: { id: true, status: true },
    });
    if (!existing) throw error;
    return { messageId: existing.id, duplicate: true, status: existing.status, channel: message.channel, dedupKey: message.dedupKey };
  }
}

interface InlineStored {
  ref: MediaRef;
  storageKey: string;
  sha256: string;
  size: number;
}

/** Bytes go to the content-addressed store first: a retry rewrites nothing, a crash leaves no row without its file. */
async function storeInlineMedia(deps: Pick<IntakeDeps, 'attachments'>, media: MediaRef[]): Promise<InlineStored[]> {
  const stored: InlineStored[] = [];
  for (const ref of media) {
    if (!ref.data) continue;
    const object = await deps.attachments.put(ref.data);
    stored.push({ ref, ...object });
  }
  return stored;
}

async function attachMedia(tx: Tx, messageId: string, message: InboundMessage, inline: InlineStored[]): Promise<void> {
  for (const item of inline) {
    await tx.attachment.create({
      data: {
        messageId,
        kind: item.ref.kind,
        mime: item.ref.mime ?? 'application/octet-stream',
        size: item.size,
        sha256: item.sha256,
        storageKey: item.storageKey,
        fileName: item.ref.name,
      },
    });
  }
  // Files the channel only referenced: the worker fetches them (intake/media.ts).
  const references = message.media.filter((ref) => !ref.data && !ref.attachmentId && (ref.url || ref.ref));
  for (const ref of references) {
    await tx.attachment.create({
      data: {
        messageId,
        kind: ref.kind,
        mime: ref.mime ?? 'application/octet-stream',
        size: 0,
        sha256: '',
        storageKey: '',
        fileName: ref.name,
        sourceUrl: ref.url,
        sourceRef: ref.ref,
      },
    });
  }
  const uploaded = message.media.map((ref) => ref.attachmentId).filter((id): id is string => Boolean(id));
  if (uploaded.length > 0) {
    // Uploads are claimed by their owner only, once.
    const claimed = await tx.attachment.updateMany({
      where: { id: { in: uploaded }, messageId: null, ownerChannel: message.channel, ownerChannelUserId: message.channelUserId },
      data: { messageId },
    });
    if (claimed.count !== new Set(uploaded).size) {
      throw new InvalidDataError('attachmentIds: unknown attachment, or not uploaded by this sender, or already used');
    }
  }
}
