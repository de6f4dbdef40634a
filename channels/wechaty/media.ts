/**
 * Files are downloaded by the bot as the message arrives and handed to the pipeline as bytes: the
 * puppet connection lives in one process only, so a worker elsewhere could not fetch them later.
 * The download is streamed and capped, so one large video cannot exhaust the bot's memory.
 */
import type { Message } from 'wechaty';

import type { WechatyFile } from './schemas.js';

type FileBoxLike = Awaited<ReturnType<Message['toFileBox']>>;

/** Puppets often leave the media type unset; WeChat's file names carry it. */
const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  silk: 'audio/silk',
  sil: 'audio/silk',
  amr: 'audio/amr',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  wav: 'audio/wav',
};

const UNKNOWN_TYPES = new Set(['', 'application/unknown', 'application/octet-stream']);

export function mimeOf(name: string, mediaType: string | undefined): string | undefined {
  if (mediaType && !UNKNOWN_TYPES.has(mediaType)) return mediaType;
  const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  return extension ? MIME_BY_EXTENSION[extension] : undefined;
}

export async function downloadFile(message: Message, maxBytes: number): Promise<WechatyFile> {
  let box: FileBoxLike;
  try {
    box = await message.toFileBox();
  } catch {
    return { name: '', skipped: 'download-failed' };
  }
  const described = { name: box.name, mime: mimeOf(box.name, box.mediaType) };
  if (box.size > maxBytes) return { ...described, size: box.size, skipped: 'too-large' };
  try {
    const stream = await box.toStream();
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      total += bytes.length;
      if (total > maxBytes) {
        stream.destroy();
        return { ...described, skipped: 'too-large' };
      }
      chunks.push(bytes);
    }
    return { ...described, bytes: Buffer.concat(chunks), size: total };
  } catch {
    return { ...described, skipped: 'download-failed' };
  }
}
