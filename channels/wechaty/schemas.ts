import type { types } from 'wechaty';
import { z } from 'zod';

/**
 * Where a reply goes, stored on the citizen's channel identity: the group chat they last wrote in
 * (the reply @mentions them there), or their one-to-one conversation when `roomId` is absent.
 */
export const wechatyAddressSchema = z.object({
  roomId: z.string().min(1).optional(),
  talkerName: z.string().optional(),
});

export type WechatyAddress = z.infer<typeof wechatyAddressSchema>;

/** A file the bot downloaded from a message, or why it did not. */
export interface WechatyFile {
  name: string;
  mime?: string;
  /** Absent when the download failed or the file was over the size limit (`skipped` says which). */
  bytes?: Buffer;
  size?: number;
  skipped?: 'too-large' | 'download-failed';
}

/**
 * One Wechaty message as plain data, read from the SDK objects once (inbound.ts `readMessage`), so
 * the mapping to an InboundMessage is a pure function of it.
 */
export interface WechatyMessageSnapshot {
  /** The logged-in bot: message ids are unique per account only. */
  botId: string;
  /** Names the bot is @mentioned by in this room (its name and its group nickname). */
  botNames: string[];
  id: string;
  type: types.Message;
  talker: { id: string; name: string };
  room?: { id: string; topic?: string };
  text: string;
  sentAt: Date;
  file?: WechatyFile;
  location?: { latitude: number; longitude: number; name?: string; address?: string; accuracy?: number };
  urlLink?: { url: string; title?: string; description?: string };
}
