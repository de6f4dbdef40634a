/**
 * WeChat's XML bodies → plain objects with every value a string. MsgId exceeds 2^53
 * (6054768590064713728), so value coercion is off: a number would silently break deduplication.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

import { err, ok, type Result } from '../../core/result.js';

/** An element: its text, or its children (WeChat nests a few event payloads, e.g. ScanCodeInfo). */
export type XmlNode = string | XmlNode[] | { [name: string]: XmlNode };
export type XmlFields = Readonly<Record<string, XmlNode>>;

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  parseTagValue: false,
  parseAttributeValue: false,
  // Character references outside CDATA (&#20013;) are text too; CDATA stays exactly as sent.
  htmlEntities: true,
});

/** The children of the `<xml>` root, or why the body is not a WeChat message. */
export function parseXmlFields(body: Buffer | string): Result<XmlFields, string> {
  const text = (typeof body === 'string' ? body : body.toString('utf8')).replace(/^\uFEFF/, '').trim();
  if (!text) return err('the body is empty');
  // WeChat never sends a DTD; refusing it rules out entity expansion attacks before any parsing.
  if (/<!(DOCTYPE|ENTITY)/i.test(text)) return err('a DOCTYPE is not allowed');
  const valid = XMLValidator.validate(text);
  if (valid !== true) return err(`the body is not well-formed XML (${valid.err.msg}, line ${valid.err.line})`);
  const document = parser.parse(text) as Record<string, unknown>;
  const root = document.xml;
  if (root === '' || root === undefined) return root === '' ? ok({}) : err('the root element must be <xml>');
  if (typeof root !== 'object' || root === null || Array.isArray(root)) return err('the <xml> root must contain elements');
  return ok(root as XmlFields);
}

/** A top-level element's text, when it is text. */
export function textOf(fields: XmlFields, name: string): string | undefined {
  const value = fields[name];
  return typeof value === 'string' ? value : undefined;
}
