/**
 * A small XML writer for the few XML answers suqiu gives (Open311, WeChat passive replies, TwiML):
 * element trees from plain values, every text escaped, CDATA where a vendor expects it.
 */
export type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [name: string]: XmlValue } | Cdata;

export class Cdata {
  constructor(public readonly text: string) {}
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

/** `<name>…</name>`; arrays repeat the element, objects nest, null/undefined give an empty element. */
export function element(name: string, value: XmlValue): string {
  if (Array.isArray(value)) return value.map((item) => element(name, item)).join('');
  if (value === null || value === undefined) return `<${name}/>`;
  if (value instanceof Cdata) return `<${name}><![CDATA[${value.text.replaceAll(']]>', ']]]]><![CDATA[>')}]]></${name}>`;
  if (typeof value === 'object')
    return `<${name}>${Object.entries(value)
      .map(([key, inner]) => element(key, inner))
      .join('')}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

export function xmlDocument(root: string, value: XmlValue): string {
  return `<?xml version="1.0" encoding="utf-8"?>${element(root, value)}`;
}
