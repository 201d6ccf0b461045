import { XMLBuilder } from 'fast-xml-parser';
import {
  Attachment, Business, EDXML_NAMESPACE, EdxmlDocument, EdxmlStatus, Extensible, MessageHeader, MessageStatus,
  Organization, OtherInfo, Reference, ResponseFor, StaffInfo, TraceHeaderList,
} from './model';
import { escapeXml } from './xml-tree';

/**
 * Model → edXML text, in the shape of the platform's published sample: the root `edXML` in the default
 * namespace, `edXML:`-prefixed elements inside edXMLEnvelope (which declares the prefix), the Signature
 * as received, and an unprefixed AttachmentEncoded whose ContentTransferEncoded declares the prefix
 * itself. Extensions are written after the known children of their parent.
 *
 * fast-xml-parser's builder runs with entity processing off: values are escaped here, so that the raw
 * XML of extensions and of the Signature passes through untouched.
 */

type Node = Record<string, unknown>;

const builder = new XMLBuilder({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  format: true,
  indentBy: '  ',
  processEntities: false,
  suppressEmptyNode: false,
});

const DECLARATION: Node = { '?xml': [{ '#text': '' }], ':@': { version: '1.0', encoding: 'UTF-8' } };

/** Names inside edXMLEnvelope carry the `edXML:` prefix. */
const q = (local: string) => `edXML:${local}`;

function element(name: string, children: Node[], attributes?: Record<string, string>): Node {
  const node: Node = { [name]: children };
  if (attributes) node[':@'] = Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, escapeXml(v)]));
  return node;
}

/** A leaf element, or nothing when the value is absent. */
function leaf(name: string, value: string | undefined): Node[] {
  return value === undefined ? [] : [element(name, [{ '#text': escapeXml(value) }])];
}

/** A list element such as ToPlaces/Place*, or nothing when the list is absent. */
function list(name: string, item: string, values: string[] | undefined): Node[] {
  return values === undefined ? [] : [element(name, values.flatMap((v) => leaf(item, v)))];
}

/** A composite element: its known children, then its extensions verbatim. */
function composite(name: string, value: Extensible, children: Node[], attributes?: Record<string, string>): Node {
  return element(name, [...children, ...(value.extensions ?? []).map((raw) => ({ '#text': raw }))], attributes);
}

function optional<T>(value: T | undefined, write: (v: T) => Node): Node[] {
  return value === undefined ? [] : [write(value)];
}

function build(root: Node): string {
  return `${builder.build([DECLARATION, root])}\n`;
}

/** Writes a document message. */
export function writeEdxmlDocument(doc: EdxmlDocument): string {
  const { envelope, attachmentEncoded } = doc;
  const { header, body } = envelope;
  return build(composite('edXML', doc, [
    composite(q('edXMLEnvelope'), envelope, [
      composite(q('edXMLHeader'), header, [
        writeMessageHeader(header.messageHeader),
        ...optional(header.traceHeaderList, writeTraceHeaderList),
        ...optional(header.signature, (raw) => ({ '#text': raw })),
      ]),
      composite(q('edXMLBody'), body, [
        composite(q('edXMLManifest'), body.manifest, body.manifest.references.map(writeReference),
          body.manifest.version === undefined ? undefined : { version: body.manifest.version }),
      ]),
    ], { 'xmlns:edXML': EDXML_NAMESPACE }),
    composite('AttachmentEncoded', attachmentEncoded, attachmentEncoded.attachments.map(writeAttachment)),
  ], { xmlns: EDXML_NAMESPACE }));
}

/** Writes a status message. */
export function writeEdxmlStatus(status: EdxmlStatus): string {
  const { envelope } = status;
  const { header } = envelope;
  return build(composite('edXML', status, [
    composite(q('edXMLEnvelope'), envelope, [
      composite(q('edXMLHeader'), header, [
        writeMessageStatus(header.messageStatus),
        ...optional(header.traceHeaderList, writeTraceHeaderList),
        ...optional(header.signature, (raw) => ({ '#text': raw })),
      ]),
    ], { 'xmlns:edXML': EDXML_NAMESPACE }),
  ], { xmlns: EDXML_NAMESPACE }));
}

function writeOrganization(name: string, o: Organization): Node {
  return composite(q(name), o, [
    ...leaf(q('OrganId'), o.organId),
    ...leaf(q('OrganizationInCharge'), o.organizationInCharge),
    ...leaf(q('OrganName'), o.organName),
    ...leaf(q('OrganAdd'), o.organAdd),
    ...leaf(q('Email'), o.email),
    ...leaf(q('Telephone'), o.telephone),
    ...leaf(q('Fax'), o.fax),
    ...leaf(q('Website'), o.website),
  ]);
}

function writeMessageHeader(h: MessageHeader): Node {
  return composite(q('MessageHeader'), h, [
    writeOrganization('From', h.from),
    ...h.to.map((to) => writeOrganization('To', to)),
    ...leaf(q('DocumentId'), h.documentId),
    composite(q('Code'), h.code, [...leaf(q('CodeNumber'), h.code.codeNumber), ...leaf(q('CodeNotation'), h.code.codeNotation)]),
    composite(q('PromulgationInfo'), h.promulgationInfo, [
      ...leaf(q('Place'), h.promulgationInfo.place),
      ...leaf(q('PromulgationDate'), h.promulgationInfo.promulgationDate),
    ]),
    composite(q('DocumentType'), h.documentType, [
      ...leaf(q('Type'), h.documentType.type),
      ...leaf(q('TypeDetail'), h.documentType.typeDetail),
      ...leaf(q('TypeName'), h.documentType.typeName),
    ]),
    ...leaf(q('Subject'), h.subject),
    ...leaf(q('Content'), h.content),
    composite(q('SignerInfo'), h.signerInfo, [
      ...leaf(q('Competence'), h.signerInfo.competence),
      ...leaf(q('Position'), h.signerInfo.position),
      ...leaf(q('FullName'), h.signerInfo.fullName),
    ]),
    ...leaf(q('DueDate'), h.dueDate),
    ...optional(h.otherInfo, writeOtherInfo),
    ...leaf(q('SteeringType'), h.steeringType),
    ...list(q('ToPlaces'), q('Place'), h.toPlaces),
    ...h.responseFor.map(writeResponseFor),
  ]);
}

function writeOtherInfo(o: OtherInfo): Node {
  return composite(q('OtherInfo'), o, [
    ...leaf(q('Priority'), o.priority),
    ...leaf(q('SphereOfPromulgation'), o.sphereOfPromulgation),
    ...leaf(q('TyperNotation'), o.typerNotation),
    ...leaf(q('PromulgationAmount'), o.promulgationAmount),
    ...leaf(q('PageAmount'), o.pageAmount),
    ...leaf(q('Direction'), o.direction),
    ...list(q('Appendixes'), q('Appendix'), o.appendixes),
  ]);
}

function writeResponseFor(r: ResponseFor): Node {
  return composite(q('ResponseFor'), r, [
    ...leaf(q('OrganId'), r.organId),
    ...leaf(q('Code'), r.code),
    ...leaf(q('PromulgationDate'), r.promulgationDate),
    ...leaf(q('DocumentId'), r.documentId),
  ]);
}

function writeTraceHeaderList(t: TraceHeaderList): Node {
  return composite(q('TraceHeaderList'), t, [
    ...t.traceHeaders.map((h) => composite(q('TraceHeader'), h, [...leaf(q('OrganId'), h.organId), ...leaf(q('Timestamp'), h.timestamp)])),
    ...optional(t.business, writeBusiness),
  ]);
}

function writeBusiness(b: Business): Node {
  const info = b.businessDocumentInfo;
  return composite(q('Bussiness'), b, [
    ...leaf(q('DocumentId'), b.documentId),
    ...leaf(q('BussinessDocType'), b.businessDocType),
    ...leaf(q('BussinessDocReason'), b.businessDocReason),
    ...leaf(q('Paper'), b.paper),
    ...optional(b.staffInfo, writeStaffInfo),
    ...optional(info, (i) => composite(q('BussinessDocumentInfo'), i, [
      ...leaf(q('DocumentInfo'), i.documentInfo),
      ...leaf(q('DocumentReceiver'), i.documentReceiver),
      ...optional(i.receiverList, (receivers) => element(q('ReceiverList'), receivers.map((r) => composite(q('Receiver'), r, [
        ...leaf(q('ReceiverType'), r.receiverType),
        ...leaf(q('OrganId'), r.organId),
      ])))),
    ])),
    ...optional(b.replacementInfoList, (infos) => element(q('ReplacementInfoList'), infos.map((r) => composite(q('ReplacementInfo'), r, [
      ...leaf(q('DocumentId'), r.documentId),
      ...list(q('OrganIdList'), q('OrganId'), r.organIdList),
    ])))),
  ]);
}

function writeStaffInfo(s: StaffInfo): Node {
  return composite(q('StaffInfo'), s, [
    ...leaf(q('Department'), s.department),
    ...leaf(q('Staff'), s.staff),
    ...leaf(q('Email'), s.email),
    ...leaf(q('Mobile'), s.mobile),
  ]);
}

function writeReference(r: Reference): Node {
  return composite(q('Reference'), r, [
    ...leaf(q('ContentId'), r.contentId),
    ...leaf(q('ContentType'), r.contentType),
    ...leaf(q('Description'), r.description),
    ...leaf(q('AttachmentName'), r.attachmentName),
  ]);
}

/** Unprefixed, outside the envelope, as in the sample; only ContentTransferEncoded is prefixed. */
function writeAttachment(a: Attachment): Node {
  return composite('Attachment', a, [
    ...leaf('ContentId', a.contentId),
    ...leaf('AttachmentName', a.attachmentName),
    ...leaf('Description', a.description),
    ...leaf('ContentType', a.contentType),
    element(q('ContentTransferEncoded'), [{ '#text': escapeXml(a.content) }], { 'xmlns:edXML': EDXML_NAMESPACE }),
  ]);
}

function writeMessageStatus(s: MessageStatus): Node {
  return composite(q('MessageStatus'), s, [
    writeResponseFor(s.responseFor),
    writeOrganization('From', s.from),
    ...leaf(q('StatusCode'), s.statusCode),
    ...leaf(q('Description'), s.description),
    ...leaf(q('Timestamp'), s.timestamp),
    ...optional(s.staffInfo, writeStaffInfo),
  ]);
}
