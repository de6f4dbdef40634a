/**
 * GeoReport v2 answers in both formats: the format is the path suffix, JSON mirrors the XML tree with
 * lists as arrays (DOMAIN.md §11.6). Every answer is UTF-8; every time carries a timezone.
 */
import { xmlDocument, type XmlValue } from '../../core/xml.js';
import type { HttpAck } from '../types.js';

export type Open311Format = 'json' | 'xml';

export const CONTENT_TYPES: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** The suffix is case-sensitive, as file extensions are in the specification's examples. */
export function parseFormat(value: string | undefined): Open311Format | undefined {
  return value === 'json' || value === 'xml' ? value : undefined;
}

/** A list answer: `[…]` in JSON, `<root><item>…</item>…</root>` in XML. */
export function renderList(format: Open311Format, root: string, item: string, objects: Record<string, XmlValue>[], status = 200): HttpAck {
  return format === 'json'
    ? { status, contentType: CONTENT_TYPES.json, body: JSON.stringify(objects) }
    : { status, contentType: CONTENT_TYPES.xml, body: xmlDocument(root, { [item]: objects }) };
}

/** A single-object answer whose JSON and XML shapes differ (discovery, a service definition). */
export function renderObject(format: Open311Format, json: unknown, root: string, xml: XmlValue): HttpAck {
  return format === 'json'
    ? { status: 200, contentType: CONTENT_TYPES.json, body: JSON.stringify(json) }
    : { status: 200, contentType: CONTENT_TYPES.xml, body: xmlDocument(root, xml) };
}

/**
 * ISO-8601 with the hotline's own offset (`2026-11-21T10:00:00+08:00`): what a reader in the city
 * expects, and still an exact instant for any client.
 */
export function isoDateTime(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'longOffset',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)?.value ?? '';
  // `longOffset` reads "GMT+08:00", or plain "GMT" at UTC.
  const offset = get('timeZoneName').replace(/^GMT/, '') || '+00:00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}${offset === '+00:00' ? 'Z' : offset}`;
}
