/**
 * The edXML messages of QCVN 102:2016/BTTTT (gói tin điện tử), as carried between document-management
 * systems: a document message (văn bản điện tử) and a status message (gói tin trạng thái).
 *
 * Every value is kept as the text on the wire, numbers and codes included, so that one malformed field
 * does not stop the validator from reporting the others; mapping.ts turns them into typed values.
 * An optional element that was absent is an absent property (never `undefined`), so a parsed message
 * deep-equals the one that was written.
 */

export const EDXML_NAMESPACE = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';

/** Drops undefined properties: an absent element is an absent property, never one set to undefined. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Dates on the wire are `yyyy/MM/dd`. */
export type EdxmlDate = string;
/** Timestamps on the wire are `yyyy/MM/dd HH:mm:ss`, Vietnam local time. */
export type EdxmlTimestamp = string;

/** Child elements this model does not know, as raw XML, so they go back out unchanged. */
export interface Extensible {
  extensions?: string[];
}

/** An agency as a sender or recipient (From, To): the OrganId is its agency code. */
export interface Organization extends Extensible {
  organId: string;
  organizationInCharge?: string;
  organName?: string;
  organAdd?: string;
  email?: string;
  telephone?: string;
  fax?: string;
  website?: string;
}

/** Số, ký hiệu: "7816/VPCP-TTĐT" is CodeNumber 7816 and CodeNotation VPCP-TTĐT. */
export interface Code extends Extensible {
  codeNumber: string;
  codeNotation: string;
}

export interface PromulgationInfo extends Extensible {
  place: string;
  promulgationDate: EdxmlDate;
}

export interface DocumentType extends Extensible {
  type?: string;
  typeDetail?: string;
  /** e.g. "Công văn", "Quyết định". */
  typeName: string;
}

export interface SignerInfo extends Extensible {
  /** e.g. "TL. BỘ TRƯỞNG" (signing on behalf of). */
  competence?: string;
  position: string;
  fullName: string;
}

export interface OtherInfo extends Extensible {
  /** Độ khẩn: 0 normal, 1 urgent, 2 very urgent, 3 flash, 4 flash at a set time. */
  priority?: string;
  sphereOfPromulgation?: string;
  typerNotation?: string;
  promulgationAmount?: string;
  pageAmount?: string;
  /** "true" / "false". */
  direction?: string;
  appendixes?: string[];
}

/** The earlier document this one answers (văn bản phúc đáp). */
export interface ResponseFor extends Extensible {
  organId: string;
  /** Number/notation as one string, e.g. "7816/VPCP-TTĐT". */
  code: string;
  promulgationDate: EdxmlDate;
  documentId: string;
}

export interface MessageHeader extends Extensible {
  from: Organization;
  to: Organization[];
  /** `issuer,yyyy/MM/dd,number/notation`, see document-id.ts. */
  documentId: string;
  code: Code;
  promulgationInfo: PromulgationInfo;
  documentType: DocumentType;
  /** Trích yếu. */
  subject: string;
  content?: string;
  signerInfo: SignerInfo;
  dueDate?: EdxmlDate;
  /** Nơi nhận, free text. */
  toPlaces?: string[];
  otherInfo?: OtherInfo;
  /** 0 not a directive, 1 directive, 2 report on a directive (meaning not confirmed). */
  steeringType?: string;
  responseFor: ResponseFor[];
}

/** One hop of the route log. */
export interface TraceHeader extends Extensible {
  organId: string;
  timestamp: EdxmlTimestamp;
}

export interface StaffInfo extends Extensible {
  department?: string;
  staff?: string;
  email?: string;
  mobile?: string;
}

export interface Receiver extends Extensible {
  receiverType?: string;
  organId?: string;
}

/** What an update (BussinessDocType 2) changes: the document's data, its recipients, or both. */
export interface BusinessDocumentInfo extends Extensible {
  documentInfo?: string;
  documentReceiver?: string;
  receiverList?: Receiver[];
}

export interface ReplacementInfo extends Extensible {
  documentId?: string;
  organIdList?: string[];
}

/**
 * The business block (nghiệp vụ), spelt `Bussiness` on the wire: whether this message is a new
 * document or the revoke (thu hồi), update (cập nhật) or replacement (thay thế) of an earlier one.
 */
export interface Business extends Extensible {
  /** 0 new, 1 revoke, 2 update, 3 replace. */
  businessDocType: string;
  businessDocReason?: string;
  /** The earlier document a revoke, update or replacement is about. */
  documentId?: string;
  /** "1" when a paper copy is sent as well. */
  paper?: string;
  staffInfo?: StaffInfo;
  businessDocumentInfo?: BusinessDocumentInfo;
  replacementInfoList?: ReplacementInfo[];
}

export interface TraceHeaderList extends Extensible {
  traceHeaders: TraceHeader[];
  business?: Business;
}

/** A manifest entry; ContentId ("cid:…") ties it to its Attachment. */
export interface Reference extends Extensible {
  contentId: string;
  contentType?: string;
  description?: string;
  attachmentName?: string;
}

export interface Attachment extends Extensible {
  contentId: string;
  attachmentName: string;
  description?: string;
  contentType: string;
  /** ContentTransferEncoded: base64, as on the wire (line breaks included). */
  content: string;
}

interface HeaderCommon extends Extensible {
  traceHeaderList?: TraceHeaderList;
  /** The XML-DSig Signature element, raw, exactly as received; it is verified in a later step. */
  signature?: string;
}

/** edXMLHeader of a document message. */
export interface DocumentHeader extends HeaderCommon {
  messageHeader: MessageHeader;
}

export interface EdxmlManifest extends Extensible {
  version?: string;
  references: Reference[];
}

export interface EdxmlBody extends Extensible {
  manifest: EdxmlManifest;
}

export interface EdxmlEnvelope extends Extensible {
  header: DocumentHeader;
  body: EdxmlBody;
}

export interface AttachmentEncoded extends Extensible {
  attachments: Attachment[];
}

/** A document message: the edXML root holding edXMLEnvelope and AttachmentEncoded. */
export interface EdxmlDocument extends Extensible {
  envelope: EdxmlEnvelope;
  attachmentEncoded: AttachmentEncoded;
}

/** The header of a status message: what happened to the document `responseFor`, at `from`. */
export interface MessageStatus extends Extensible {
  responseFor: ResponseFor;
  from: Organization;
  /** 01–06, 13, 15, 16; see mapping.ts. */
  statusCode: string;
  description?: string;
  timestamp: EdxmlTimestamp;
  staffInfo?: StaffInfo;
}

/** edXMLHeader of a status message. */
export interface StatusHeader extends HeaderCommon {
  messageStatus: MessageStatus;
}

/** A status message: edXML/edXMLEnvelope/edXMLHeader/MessageStatus. */
export interface EdxmlStatus extends Extensible {
  envelope: Extensible & { header: StatusHeader };
}
