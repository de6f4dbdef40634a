/**
 * Files the channel only referenced (a WeChat MediaId, a Telegram file_id, a Twilio URL) are copied
 * to suqiu's own storage before the ticket is made — vendors keep them for days at most — and voice
 * without a transcript goes to speech recognition when one is configured. A file that still cannot be
 * fetched after a retry is recorded as such and the message goes on without it: a broken link must
 * not hold up the citizen's request.
 */
import type { ChannelAdapter } from '../channels/types.js';
import type { Attachment, Message } from '../core/db/generated/client.js';
import type { IntakeDeps } from './deps.js';

/** Job attempts that may fail on a file before the message goes on without it. */
const MEDIA_RETRIES = 2;

export async function collectMedia(
  deps: Pick<IntakeDeps, 'db' | 'attachments' | 'asr' | 'logger'>,
  adapter: ChannelAdapter,
  message: Message & { attachments: Attachment[] },
  attemptsMade: number,
): Promise<{ text?: string }> {
  for (const attachment of message.attachments) {
    if (attachment.storageKey || attachment.fetchError || !adapter.fetchMedia || !(attachment.sourceRef || attachment.sourceUrl)) continue;
    try {
      const fetched = await adapter.fetchMedia({
        kind: attachment.kind as 'image',
        ref: attachment.sourceRef ?? undefined,
        url: attachment.sourceUrl ?? undefined,
        mime: attachment.mime,
      });
      const stored = await deps.attachments.put(fetched.bytes);
      Object.assign(
        attachment,
        await deps.db.prisma.attachment.update({
          where: { id: attachment.id },
          data: { ...stored, mime: fetched.mime ?? attachment.mime, fileName: attachment.fileName ?? fetched.name },
        }),
      );
    } catch (error) {
      if (attemptsMade < MEDIA_RETRIES) throw error;
      deps.logger.warn({ attachmentId: attachment.id, err: error }, 'giving up on a file; the message goes on without it');
      await deps.db.prisma.attachment.update({ where: { id: attachment.id }, data: { fetchError: describe(error) } });
    }
  }
  if (message.text?.trim() || message.kind !== 'voice' || !deps.asr) return {};
  const audio = message.attachments.find((a) => a.kind === 'audio' && a.storageKey && a.transcript === null);
  if (!audio) return {};
  try {
    const transcript = await deps.asr.transcribe(await deps.attachments.get(audio.storageKey), audio.mime);
    await deps.db.prisma.attachment.update({ where: { id: audio.id }, data: { transcript } });
    if (transcript) await deps.db.prisma.message.update({ where: { id: message.id }, data: { text: transcript } });
    return { text: transcript || undefined };
  } catch (error) {
    if (attemptsMade < MEDIA_RETRIES) throw error;
    deps.logger.warn({ attachmentId: audio.id, err: error }, 'speech recognition failed; agents will play the audio');
    return {};
  }
}

function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}
