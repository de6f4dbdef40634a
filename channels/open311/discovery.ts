/** `GET discovery`: where the endpoint is, which specification it speaks and whom to ask for a key. */
import type { HttpAck } from '../types.js';
import { BASE_PATH, CHANGESET, SPECIFICATION_URL, type Open311Config } from './definition.js';
import { CONTENT_TYPES, renderObject, type Open311Format } from './format.js';

const FORMATS = [CONTENT_TYPES.xml, CONTENT_TYPES.json].map((type) => type.split(';')[0]!);

/** `origin` is SUQIU_PUBLIC_URL when set (behind a proxy), else the host the client called. */
export function discoveryAnswer(format: Open311Format, config: Open311Config, origin: string): HttpAck {
  const base = (config.publicUrl ?? origin).replace(/\/+$/, '');
  const endpoint = { specification: SPECIFICATION_URL, url: `${base}${BASE_PATH}`, changeset: CHANGESET, type: 'production' };
  const head = {
    changeset: CHANGESET,
    contact: config.contact,
    key_service: `api_key 是热线管理员签发的 suqiu API key，请向 ${config.contact} 申请。`,
  };
  return renderObject(format, { ...head, endpoints: [{ ...endpoint, formats: FORMATS }] }, 'discovery', {
    ...head,
    endpoints: { endpoint: [{ ...endpoint, formats: { format: FORMATS } }] },
  });
}
