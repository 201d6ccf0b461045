import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * Safe XML reading for edXML: a size cap, no DTD (so no external entities and no entity expansion),
 * strict UTF-8, a well-formedness check, then fast-xml-parser's ordered output turned into a small
 * namespace-resolved tree that remembers where each element sits in the source, so parts the model
 * does not know can be kept verbatim.
 */

/** Messages carry their attachments inline as base64, so the cap is generous; callers may lower it. */
export const DEFAULT_MAX_EDXML_BYTES = 50 * 1024 * 1024;

export class EdxmlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EdxmlSyntaxError';
  }
}

export interface XmlReadOptions {
  /** Largest accepted input, in bytes of UTF-8. */
  maxBytes?: number;
}

/** Namespace bindings by prefix; '' is the default namespace. */
export type NamespaceScope = ReadonlyMap<string, string>;

export interface XmlElement {
  prefix: string;
  local: string;
  /** Null when the element is in no namespace. */
  ns: string | null;
  /** Attributes by qualified name, namespace declarations left out. */
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The text directly inside, CDATA included, entities decoded. */
  text: string;
  /** Bindings in scope on this element, its own declarations included. */
  scope: NamespaceScope;
  /** Prefixes this element declares itself. */
  declares: ReadonlySet<string>;
  /** Prefixes used by this element's name and attributes. */
  uses: ReadonlySet<string>;
  /** [start, end) of the element in the source. */
  start: number;
  end: number;
}

export interface XmlSource {
  root: XmlElement;
  /** The decoded text the element offsets point into. */
  text: string;
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  captureMetaData: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Entities are decoded here, strictly: only the five predefined ones and character references.
  processEntities: false,
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
});
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

const PREDEFINED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

/** Reads `input` into a namespace-resolved tree; throws EdxmlSyntaxError on anything unsafe or malformed. */
export function readXml(input: string | Uint8Array, options: XmlReadOptions = {}): XmlSource {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_EDXML_BYTES;
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > maxBytes) throw new EdxmlSyntaxError(`message is ${size} bytes, over the ${maxBytes}-byte limit`);
  let text = typeof input === 'string' ? input : decodeUtf8(input);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  // A DTD is the only way to external entities and entity-expansion bombs; edXML never needs one.
  if (/<!(DOCTYPE|ENTITY)/i.test(text)) throw new EdxmlSyntaxError('DTDs and entity declarations are not accepted');
  const encoding = /^<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/.exec(text)?.[1];
  if (encoding && !/^utf-?8$/i.test(encoding)) throw new EdxmlSyntaxError(`encoding ${encoding} is not accepted, only UTF-8`);

  const check = XMLValidator.validate(text);
  if (check !== true) throw new EdxmlSyntaxError(`not well-formed XML at line ${check.err.line}, column ${check.err.col}: ${check.err.msg}`);

  const top = (parser.parse(text) as OrderedNode[]).filter((node) => elementName(node) !== undefined);
  if (top.length !== 1) throw new EdxmlSyntaxError(`expected one root element, found ${top.length}`);
  return { root: toElement(top[0], new Map()), text };
}

/**
 * The source of `element`, verbatim, made to mean the same where the writer will put it: any prefix it
 * uses but does not declare, and that `target` binds differently, is declared on its start tag.
 */
export function rawXml(element: XmlElement, source: string, target: NamespaceScope): string {
  const raw = source.slice(element.start, element.end);
  const declarations = [...undeclaredPrefixes(element, new Set())]
    .filter((prefix) => prefix !== 'xml' && (element.scope.get(prefix) ?? '') !== (target.get(prefix) ?? ''))
    .map((prefix) => ` ${prefix === '' ? 'xmlns' : `xmlns:${prefix}`}="${escapeXml(element.scope.get(prefix) ?? '')}"`)
    .join('');
  const nameEnd = 1 + (element.prefix ? element.prefix.length + 1 : 0) + element.local.length;
  return raw.slice(0, nameEnd) + declarations + raw.slice(nameEnd);
}

/** Escapes text or an attribute value for XML; a carriage return is written as a reference so that XML line-end normalisation keeps it. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;' })[c] as string);
}

function undeclaredPrefixes(element: XmlElement, declaredAbove: ReadonlySet<string>): Set<string> {
  const declared = new Set([...declaredAbove, ...element.declares]);
  const found = new Set([...element.uses].filter((prefix) => !declared.has(prefix)));
  for (const child of element.children) for (const prefix of undeclaredPrefixes(child, declared)) found.add(prefix);
  return found;
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new EdxmlSyntaxError('message is not valid UTF-8');
  }
}

function elementName(node: OrderedNode): string | undefined {
  return Object.keys(node).find((key) => key !== ':@' && key !== '#text' && key !== '#cdata');
}

function toElement(node: OrderedNode, parentScope: NamespaceScope): XmlElement {
  const qname = elementName(node) as string;
  const scope = new Map(parentScope);
  const declares = new Set<string>();
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(node[':@'] ?? {})) {
    const decoded = decodeEntities(value);
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      const prefix = name === 'xmlns' ? '' : name.slice(6);
      scope.set(prefix, decoded);
      declares.add(prefix);
    } else {
      attributes[name] = decoded;
    }
  }
  const [prefix, local] = splitName(qname);
  const uses = new Set([prefix, ...Object.keys(attributes).filter((a) => a.includes(':')).map((a) => splitName(a)[0])]);
  const ns = scope.get(prefix);
  if (prefix !== '' && ns === undefined) throw new EdxmlSyntaxError(`prefix "${prefix}" of <${qname}> is not declared`);

  const children: XmlElement[] = [];
  let text = '';
  for (const child of node[qname] as OrderedNode[]) {
    if ('#text' in child) text += decodeEntities(String(child['#text']));
    else if ('#cdata' in child) text += (child['#cdata'] as OrderedNode[]).map((part) => String(part['#text'])).join('');
    else children.push(toElement(child, scope));
  }
  const position = (node as unknown as Record<symbol, { startIndex: number; endIndex: number }>)[META];
  return {
    prefix, local, ns: ns || null, attributes, children, text, scope, declares, uses,
    start: position.startIndex, end: position.endIndex,
  };
}

function splitName(qname: string): [string, string] {
  const colon = qname.indexOf(':');
  return colon === -1 ? ['', qname] : [qname.slice(0, colon), qname.slice(colon + 1)];
}

function decodeEntities(value: string): string {
  return value.replace(/&(?:(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);)?/g, (match, ref: string | undefined) => {
    if (ref === undefined) throw new EdxmlSyntaxError('a bare "&" must be written &amp;');
    if (ref[0] !== '#') {
      const replacement = PREDEFINED_ENTITIES[ref];
      if (replacement === undefined) throw new EdxmlSyntaxError(`entity &${ref}; is not defined`);
      return replacement;
    }
    const codePoint = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    if (!isXmlChar(codePoint)) throw new EdxmlSyntaxError(`character reference ${match} is not a legal XML character`);
    return String.fromCodePoint(codePoint);
  });
}

function isXmlChar(c: number): boolean {
  return c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}
