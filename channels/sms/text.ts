/**
 * PostgreSQL stores no NUL character, neither in text nor in jsonb: one U+0000 in an SMS would make
 * every insert fail, and the vendor would redeliver it until it gives up. Removed from everything
 * a message carries (text and raw payload) after the signature was checked over the original.
 */
export function withoutNul<T>(value: T): T {
  if (typeof value === 'string') return value.replaceAll('\u0000', '') as T;
  if (Array.isArray(value)) return value.map((item: unknown) => withoutNul(item)) as T;
  if (value instanceof Map) return new Map([...value].map(([key, item]) => [withoutNul(key as unknown), withoutNul(item as unknown)])) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [withoutNul(key), withoutNul(item as unknown)])) as T;
  }
  return value;
}
