/**
 * Who wrote: the sender's channel identity (a new sender becomes a new citizen), the address to
 * reply to, and their open conversation. A phone number the channel vouches for (an SMS sender, a
 * Telegram contact shared by its owner) links identities: the same person on several channels is one
 * citizen with all their tickets.
 */
import type { Message, Prisma } from '../core/db/generated/client.js';
import type { Tx } from '../core/db/database.js';
import { toJson } from '../core/db/helpers.js';
import { normalizePhone } from '../core/phone.js';

export interface Identified {
  citizenId: string;
  identityId: string;
  conversationId: string;
  /** The identity joined a citizen already known from another channel. */
  linked: boolean;
}

interface StoredPayload {
  sender?: { name?: string; phone?: string; phoneVerified?: boolean };
  address?: unknown;
}

export async function identify(tx: Tx, message: Message, now: Date): Promise<Identified> {
  const payload = (message.payload ?? {}) as StoredPayload;
  const sender = payload.sender ?? {};
  const phone = sender.phone ? (normalizePhone(sender.phone) ?? sender.phone) : undefined;
  const verified = Boolean(phone && sender.phoneVerified);
  const changes: Prisma.ChannelIdentityUpdateInput = {
    lastSeenAt: now,
    ...(sender.name ? { displayName: sender.name } : {}),
    ...(phone ? { phone } : {}),
    ...(verified ? { phoneVerified: true } : {}),
    ...(payload.address !== undefined ? { address: toJson(payload.address) } : {}),
  };
  let identity = await tx.channelIdentity.upsert({
    where: { channel_channelUserId: { channel: message.channel, channelUserId: message.channelUserId } },
    create: {
      channel: message.channel,
      channelUserId: message.channelUserId,
      displayName: sender.name,
      phone,
      phoneVerified: verified,
      address: payload.address === undefined ? undefined : toJson(payload.address),
      citizen: { create: { displayName: sender.name, phone } },
    },
    update: changes,
  });
  let linked = false;
  if (verified && phone) {
    const known = await tx.channelIdentity.findFirst({
      where: { phone, phoneVerified: true, citizenId: { not: identity.citizenId } },
      orderBy: { createdAt: 'asc' },
    });
    if (known) {
      await mergeCitizen(tx, identity.citizenId, known.citizenId);
      identity = { ...identity, citizenId: known.citizenId };
      linked = true;
    }
  }
  const open = await tx.conversation.findFirst({ where: { identityId: identity.id, status: 'OPEN' }, orderBy: { createdAt: 'desc' } });
  const conversation = open
    ? await tx.conversation.update({ where: { id: open.id }, data: { lastMessageAt: now } })
    : await tx.conversation.create({
        data: { citizenId: identity.citizenId, identityId: identity.id, channel: message.channel, lastMessageAt: now },
      });
  return { citizenId: identity.citizenId, identityId: identity.id, conversationId: conversation.id, linked };
}

/** Moves everything of one citizen to another (the one known longer) and removes the empty record. */
async function mergeCitizen(tx: Tx, from: string, into: string): Promise<void> {
  await tx.channelIdentity.updateMany({ where: { citizenId: from }, data: { citizenId: into } });
  await tx.conversation.updateMany({ where: { citizenId: from }, data: { citizenId: into } });
  await tx.message.updateMany({ where: { citizenId: from }, data: { citizenId: into } });
  const tickets = await tx.ticket.findMany({ where: { citizenId: from }, select: { id: true } });
  await tx.ticket.updateMany({ where: { citizenId: from }, data: { citizenId: into } });
  await tx.ticketEvent.createMany({
    data: tickets.map(({ id }) => ({
      ticketId: id,
      event: 'linkCitizen',
      actorType: 'SYSTEM' as const,
      before: { citizenId: from },
      after: { citizenId: into },
    })),
  });
  await tx.citizen.delete({ where: { id: from } });
}
