// Parsing ZAPI XML (requests and responses) into the typed element tree with fast-xml-parser.
import type { XMLParser } from 'fast-xml-parser';
import { lazyRequire } from '../lazy.js';
import type { ZapiElement } from './zapi-element.js';

const fxp = lazyRequire<typeof import('fast-xml-parser')>('fast-xml-parser');
let xmlParser: XMLParser | undefined;
const parser = () =>
  (xmlParser ??= new (fxp().XMLParser)({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
  }));

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

/** Thrown for text that is not well-formed XML; the message says where and what was found. */
export class XmlSyntaxError extends Error {}

/** Parses an XML document and returns its root element. */
export function parseXmlDocument(xml: string): ZapiElement {
  const valid = fxp().XMLValidator.validate(xml);
  if (valid !== true) {
    throw new XmlSyntaxError(`line ${valid.err.line}: ${valid.err.msg}`);
  }
  const nodes = parser().parse(xml) as OrderedNode[];
  for (const node of nodes) {
    const el = toElement(node);
    if (el) return el;
  }
  throw new XmlSyntaxError('no root element');
}

function toElement(node: OrderedNode): ZapiElement | undefined {
  for (const key of Object.keys(node)) {
    if (key === ':@' || key === '#text' || key.startsWith('?') || key === '!DOCTYPE') continue;
    const el: ZapiElement = { name: key, attrs: { ...(node[':@'] ?? {}) }, text: '', children: [] };
    const content = node[key];
    if (Array.isArray(content)) {
      for (const c of content as OrderedNode[]) {
        if ('#text' in c) el.text += String(c['#text']);
        else {
          const sub = toElement(c);
          if (sub) el.children.push(sub);
        }
      }
    }
    return el;
  }
  return undefined;
}
