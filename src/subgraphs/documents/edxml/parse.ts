import {
  Attachment, BusinessDocumentInfo, Business, Code, DocumentType, EDXML_NAMESPACE, EdxmlDocument, EdxmlStatus,
  Extensible, MessageHeader, MessageStatus, Organization, OtherInfo, PromulgationInfo, Receiver, Reference,
  ReplacementInfo, ResponseFor, SignerInfo, StaffInfo, TraceHeader, TraceHeaderList, withoutUndefined,
} from './model';
import { EdxmlSyntaxError, NamespaceScope, XmlElement, XmlReadOptions, rawXml, readXml } from './xml-tree';

/**
 * edXML text → model. Elements are matched by local name within the QCVN 102 namespace, whatever
 * prefix they carry. The reader is lenient: a missing required element reads as '' or [] so that the
 * validator can report every problem at once; only what is not an edXML message at all throws.
 * Anything not in the model is kept verbatim in the nearest `extensions`.
 */

const XMLDSIG_NAMESPACE = 'http://www.w3.org/2000/09/xmldsig#';
/** The namespace bindings the writer sets up at the root and inside edXMLEnvelope (see write.ts). */
const ROOT_SCOPE: NamespaceScope = new Map([['', EDXML_NAMESPACE]]);
const ENVELOPE_SCOPE: NamespaceScope = new Map([['', EDXML_NAMESPACE], ['edXML', EDXML_NAMESPACE]]);

// The parser's callers catch this one error type; they need not know the XML layer.
export { EdxmlSyntaxError };

/** Reads the children of one element, each at most once; what is never asked for becomes an extension. */
class Reader {
  private readonly taken = new Set<XmlElement>();

  constructor(
    private readonly element: XmlElement | undefined,
    private readonly source: string,
    private readonly scope: NamespaceScope,
  ) {}

  /** The first child named `local` (a later one of the same name stays an extension). */
  one(local: string, namespaces: readonly string[] = [EDXML_NAMESPACE]): XmlElement | undefined {
    const found = this.element?.children.find((c) => c.local === local && namespaces.includes(c.ns ?? '') && !this.taken.has(c));
    if (found) this.taken.add(found);
    return found;
  }

  all(local: string): XmlElement[] {
    const found = (this.element?.children ?? []).filter((c) => c.local === local && c.ns === EDXML_NAMESPACE);
    found.forEach((c) => this.taken.add(c));
    return found;
  }

  text(local: string): string {
    return this.one(local)?.text ?? '';
  }

  optionalText(local: string): string | undefined {
    return this.one(local)?.text;
  }

  /** The text of each `item` inside the list element `list`, or undefined when the list is absent. */
  list(list: string, item: string): string[] | undefined {
    const element = this.one(list);
    return element && this.child(element).all(item).map((c) => c.text);
  }

  raw(element: XmlElement): string {
    return rawXml(element, this.source, this.scope);
  }

  child(element: XmlElement | undefined, scope: NamespaceScope = this.scope): Reader {
    return new Reader(element, this.source, scope);
  }

  /** Finishes `value` with the children nobody asked for; call after every other read. */
  done<T extends object>(value: T): T & Extensible {
    const rest = (this.element?.children ?? []).filter((c) => !this.taken.has(c)).map((c) => this.raw(c));
    return withoutUndefined({ ...value, extensions: rest.length ? rest : undefined });
  }
}

/** Parses a document message. Throws EdxmlSyntaxError when the input is not a safe, well-formed edXML document message. */
export function parseEdxmlDocument(input: string | Uint8Array, options?: XmlReadOptions): EdxmlDocument {
  const { root, envelope, header } = readEnvelope(input, options);
  const headerElement = header.one('MessageHeader');
  if (!headerElement && header.one('MessageStatus')) throw new EdxmlSyntaxError('this is a status message, not a document message');
  const messageHeader = readMessageHeader(header.child(headerElement));
  const traceHeaderList = readTraceHeaderList(header);
  const signature = readSignature(header);
  const body = envelope.child(envelope.one('edXMLBody'));
  const manifestElement = body.one('edXMLManifest');
  const manifest = body.child(manifestElement);
  const references = manifest.all('Reference').map((e) => readReference(manifest.child(e)));
  const attachmentEncoded = root.child(root.one('AttachmentEncoded'));
  const attachments = attachmentEncoded.all('Attachment').map((e) => readAttachment(attachmentEncoded.child(e)));
  return root.done({
    envelope: envelope.done({
      header: header.done({ messageHeader, traceHeaderList, signature }),
      body: body.done({ manifest: manifest.done({ version: manifestElement?.attributes.version, references }) }),
    }),
    attachmentEncoded: attachmentEncoded.done({ attachments }),
  });
}

/** Parses a status message. Throws EdxmlSyntaxError when the input is not a safe, well-formed edXML status message. */
export function parseEdxmlStatus(input: string | Uint8Array, options?: XmlReadOptions): EdxmlStatus {
  const { root, envelope, header } = readEnvelope(input, options);
  const statusElement = header.one('MessageStatus');
  if (!statusElement && header.one('MessageHeader')) throw new EdxmlSyntaxError('this is a document message, not a status message');
  const messageStatus = readMessageStatus(header.child(statusElement));
  const traceHeaderList = readTraceHeaderList(header);
  const signature = readSignature(header);
  return root.done({
    envelope: envelope.done({ header: header.done({ messageStatus, traceHeaderList, signature }) }),
  });
}

function readEnvelope(input: string | Uint8Array, options?: XmlReadOptions) {
  const { root: element, text } = readXml(input, options);
  if (element.local !== 'edXML' || element.ns !== EDXML_NAMESPACE) {
    throw new EdxmlSyntaxError(`the root element must be edXML in namespace ${EDXML_NAMESPACE}`);
  }
  const root = new Reader(element, text, ROOT_SCOPE);
  const envelope = root.child(root.one('edXMLEnvelope'), ENVELOPE_SCOPE);
  const header = envelope.child(envelope.one('edXMLHeader'));
  return { root, envelope, header };
}

function readSignature(header: Reader): string | undefined {
  // The platform's sample leaves Signature unprefixed in the edXML namespace; a proper XML-DSig one is in its own.
  const element = header.one('Signature', [EDXML_NAMESPACE, XMLDSIG_NAMESPACE]);
  return element && header.raw(element);
}

function readOrganization(r: Reader): Organization {
  return r.done({
    organId: r.text('OrganId'),
    organizationInCharge: r.optionalText('OrganizationInCharge'),
    organName: r.optionalText('OrganName'),
    organAdd: r.optionalText('OrganAdd'),
    email: r.optionalText('Email'),
    telephone: r.optionalText('Telephone'),
    fax: r.optionalText('Fax'),
    website: r.optionalText('Website'),
  });
}

function readMessageHeader(r: Reader): MessageHeader {
  const from = readOrganization(r.child(r.one('From')));
  const to = r.all('To').map((e) => readOrganization(r.child(e)));
  const documentId = r.text('DocumentId');
  const c = r.child(r.one('Code'));
  const code: Code = c.done({ codeNumber: c.text('CodeNumber'), codeNotation: c.text('CodeNotation') });
  const p = r.child(r.one('PromulgationInfo'));
  const promulgationInfo: PromulgationInfo = p.done({ place: p.text('Place'), promulgationDate: p.text('PromulgationDate') });
  const d = r.child(r.one('DocumentType'));
  const documentType: DocumentType = d.done({
    type: d.optionalText('Type'), typeDetail: d.optionalText('TypeDetail'), typeName: d.text('TypeName'),
  });
  const subject = r.text('Subject');
  const content = r.optionalText('Content');
  const s = r.child(r.one('SignerInfo'));
  const signerInfo: SignerInfo = s.done({
    competence: s.optionalText('Competence'), position: s.text('Position'), fullName: s.text('FullName'),
  });
  const dueDate = r.optionalText('DueDate');
  const toPlaces = r.list('ToPlaces', 'Place');
  const otherInfoElement = r.one('OtherInfo');
  const otherInfo = otherInfoElement && readOtherInfo(r.child(otherInfoElement));
  const steeringType = r.optionalText('SteeringType');
  const responseFor = r.all('ResponseFor').map((e) => readResponseFor(r.child(e)));
  return r.done({
    from, to, documentId, code, promulgationInfo, documentType, subject, content, signerInfo, dueDate, toPlaces,
    otherInfo, steeringType, responseFor,
  });
}

function readOtherInfo(r: Reader): OtherInfo {
  return r.done({
    priority: r.optionalText('Priority'),
    sphereOfPromulgation: r.optionalText('SphereOfPromulgation'),
    typerNotation: r.optionalText('TyperNotation'),
    promulgationAmount: r.optionalText('PromulgationAmount'),
    pageAmount: r.optionalText('PageAmount'),
    direction: r.optionalText('Direction'),
    appendixes: r.list('Appendixes', 'Appendix'),
  });
}

function readResponseFor(r: Reader): ResponseFor {
  return r.done({
    organId: r.text('OrganId'),
    code: r.text('Code'),
    promulgationDate: r.text('PromulgationDate'),
    documentId: r.text('DocumentId'),
  });
}

function readTraceHeaderList(header: Reader): TraceHeaderList | undefined {
  const element = header.one('TraceHeaderList');
  if (!element) return undefined;
  const r = header.child(element);
  const traceHeaders = r.all('TraceHeader').map((e) => {
    const t = r.child(e);
    const traceHeader: TraceHeader = t.done({ organId: t.text('OrganId'), timestamp: t.text('Timestamp') });
    return traceHeader;
  });
  const businessElement = r.one('Bussiness');
  return r.done({ traceHeaders, business: businessElement && readBusiness(r.child(businessElement)) });
}

function readBusiness(r: Reader): Business {
  const staffElement = r.one('StaffInfo');
  const infoElement = r.one('BussinessDocumentInfo');
  const replacementElement = r.one('ReplacementInfoList');
  const replacements = r.child(replacementElement);
  return r.done({
    businessDocType: r.text('BussinessDocType'),
    businessDocReason: r.optionalText('BussinessDocReason'),
    documentId: r.optionalText('DocumentId'),
    paper: r.optionalText('Paper'),
    staffInfo: staffElement && readStaffInfo(r.child(staffElement)),
    businessDocumentInfo: infoElement && readBusinessDocumentInfo(r.child(infoElement)),
    replacementInfoList: replacementElement && replacements.all('ReplacementInfo').map((e) => {
      const i = replacements.child(e);
      const info: ReplacementInfo = i.done({ documentId: i.optionalText('DocumentId'), organIdList: i.list('OrganIdList', 'OrganId') });
      return info;
    }),
  });
}

function readBusinessDocumentInfo(r: Reader): BusinessDocumentInfo {
  const listElement = r.one('ReceiverList');
  const list = r.child(listElement);
  return r.done({
    documentInfo: r.optionalText('DocumentInfo'),
    documentReceiver: r.optionalText('DocumentReceiver'),
    receiverList: listElement && list.all('Receiver').map((e) => {
      const c = list.child(e);
      const receiver: Receiver = c.done({ receiverType: c.optionalText('ReceiverType'), organId: c.optionalText('OrganId') });
      return receiver;
    }),
  });
}

function readStaffInfo(r: Reader): StaffInfo {
  return r.done({
    department: r.optionalText('Department'),
    staff: r.optionalText('Staff'),
    email: r.optionalText('Email'),
    mobile: r.optionalText('Mobile'),
  });
}

function readReference(r: Reader): Reference {
  return r.done({
    contentId: r.text('ContentId'),
    contentType: r.optionalText('ContentType'),
    description: r.optionalText('Description'),
    attachmentName: r.optionalText('AttachmentName'),
  });
}

function readAttachment(r: Reader): Attachment {
  return r.done({
    contentId: r.text('ContentId'),
    attachmentName: r.text('AttachmentName'),
    description: r.optionalText('Description'),
    contentType: r.text('ContentType'),
    content: r.text('ContentTransferEncoded'),
  });
}

function readMessageStatus(r: Reader): MessageStatus {
  const responseFor = readResponseFor(r.child(r.one('ResponseFor')));
  const from = readOrganization(r.child(r.one('From')));
  const statusCode = r.text('StatusCode');
  const description = r.optionalText('Description');
  const timestamp = r.text('Timestamp');
  const staffElement = r.one('StaffInfo');
  return r.done({ responseFor, from, statusCode, description, timestamp, staffInfo: staffElement && readStaffInfo(r.child(staffElement)) });
}
