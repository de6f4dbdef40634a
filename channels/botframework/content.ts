/**
 * What a message Activity carries besides its text: files (attachments with a `contentUrl`, fetched
 * later by the worker; inline `data:` URLs kept as bytes) and a place (`Place` / `GeoCoordinates`
 * entities, WGS-84). Cards and Teams' HTML copy of the text are not files and are skipped.
 */
import type { InboundMessage, MediaRef } from '../types.js';
import type { BotActivity, BotAttachment } from './schemas.js';

/** Teams sends files the user attached as a pre-authenticated download link in `content.downloadUrl`. */
const TEAMS_FILE = 'application/vnd.microsoft.teams.file.download.info';
const DATA_URL = /^data:([\w.+-]+\/[\w.+-]+)?((?:;[\w-]+=[^;,]*)*)(;base64)?,(.*)$/s;

export function mediaOf(activity: BotActivity): MediaRef[] {
  const media: MediaRef[] = [];
  for (const attachment of activity.attachments ?? []) {
    const ref = toMedia(attachment, activity.serviceUrl);
    if (ref) media.push(ref);
  }
  return media;
}

function toMedia(attachment: BotAttachment, serviceUrl: string): MediaRef | undefined {
  const name = attachment.name;
  if (attachment.contentType === TEAMS_FILE) {
    const url = (attachment.content as { downloadUrl?: unknown } | undefined)?.downloadUrl;
    return typeof url === 'string' && isHttp(url) ? { kind: 'file', url, ...(name ? { name } : {}) } : undefined;
  }
  const url = attachment.contentUrl;
  if (!url) return undefined;
  const data = DATA_URL.exec(url);
  if (data) {
    const mime = data[1] ?? attachment.contentType;
    const bytes = data[3] ? Buffer.from(data[4]!, 'base64') : Buffer.from(decodeURIComponent(data[4]!), 'utf8');
    return { kind: kindOf(mime), data: bytes, mime, ...(name ? { name } : {}) };
  }
  if (!isHttp(url)) return undefined;
  const mime = attachment.contentType;
  // Files on the connector (Direct Line uploads, Teams images) need the bot's token; the serviceUrl
  // rides along as `ref` so fetchMedia knows which host may see it (Bot Framework has no file ids).
  const onConnector = sameOrigin(url, serviceUrl);
  return { kind: kindOf(mime), url, mime, ...(onConnector ? { ref: serviceUrl } : {}), ...(name ? { name } : {}) };
}

/** The first Place or GeoCoordinates entity with valid coordinates. */
export function locationOf(activity: BotActivity): InboundMessage['location'] {
  for (const entity of activity.entities ?? []) {
    const record = entity as Record<string, unknown>;
    const geo = (entity.type === 'Place' ? record.geo : entity.type === 'GeoCoordinates' ? record : undefined) as
      { latitude?: unknown; longitude?: unknown; name?: unknown } | undefined;
    const lat = Number(geo?.latitude);
    const lng = Number(geo?.longitude);
    if (geo?.latitude === undefined || !(Math.abs(lat) <= 90) || !(Math.abs(lng) <= 180) || geo.longitude === undefined) continue;
    const label = [record.name, typeof record.address === 'string' ? record.address : undefined, geo.name].find(
      (value): value is string => typeof value === 'string' && value.trim() !== '',
    );
    return { lat, lng, datum: 'WGS84', ...(label ? { label } : {}) };
  }
  return undefined;
}

/** Teams puts "<at>Bot</at>" in the text of a group message; the mention is addressing, not content. */
export function withoutBotMention(activity: BotActivity): string | undefined {
  let text = activity.text ?? '';
  for (const entity of activity.entities ?? []) {
    const mention = entity as { type: string; mentioned?: { id?: unknown }; text?: unknown };
    if (mention.type === 'mention' && mention.mentioned?.id === activity.recipient.id && typeof mention.text === 'string') {
      text = text.split(mention.text).join('');
    }
  }
  text = text.trim();
  return text ? text : undefined;
}

export function kindOf(mime: string | undefined): MediaRef['kind'] {
  if (mime?.startsWith('image/')) return 'image';
  if (mime?.startsWith('audio/')) return 'audio';
  if (mime?.startsWith('video/')) return 'video';
  return 'file';
}

export function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

function isHttp(url: string): boolean {
  return /^https?:\/\//i.test(url);
}
