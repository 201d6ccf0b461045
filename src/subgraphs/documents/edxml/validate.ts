import { isValidAgencyCode } from '../agency/agency-code';
import { RECALL_REFUSED_CODE, STATUS_CODE } from '../delivery/status-machine';
import { parseDocumentId } from './document-id';
import { edxmlDateToIso, edxmlTimestampToIso, vietnamDate } from './formats';
import { Business, EdxmlDocument, EdxmlStatus, MessageHeader, Organization, OtherInfo, ResponseFor, TraceHeaderList } from './model';

/**
 * Checks an edXML message against QCVN 102:2016 and the field limits the connected systems enforce,
 * and reports every problem with the XPath of the element at fault (local names; repeatable elements
 * indexed from 1, e.g. `/edXML/edXMLEnvelope/edXMLHeader/MessageHeader/To[2]/OrganId`), never only the first.
 */

export interface EdxmlIssue {
  path: string;
  message: string;
}

const HEADER = '/edXML/edXMLEnvelope/edXMLHeader';
/** Every code of the status machine, and 16 (a refused recall), which restores a status instead of naming one. */
const STATUS_CODES = new Set([...Object.values(STATUS_CODE).filter((code): code is string => code !== null), RECALL_REFUSED_CODE].sort());
const REJECTED = STATUS_CODE.REJECTED;

/** Collects issues; each check names the element and says what is wrong with it. */
class Issues {
  readonly list: EdxmlIssue[] = [];

  add(path: string, message: string): void {
    this.list.push({ path, message });
  }

  /** A required value: present, not blank, at most `max` characters. */
  required(path: string, value: string | undefined, max?: number): boolean {
    if (value === undefined || value.trim() === '') {
      this.add(path, 'is required');
      return false;
    }
    return this.maxLength(path, value, max);
  }

  maxLength(path: string, value: string | undefined, max: number | undefined): boolean {
    if (value === undefined || max === undefined || value.length <= max) return true;
    this.add(path, `is ${value.length} characters, at most ${max} allowed`);
    return false;
  }

  agencyCode(path: string, value: string | undefined): void {
    if (this.required(path, value) && !isValidAgencyCode(value as string)) {
      this.add(path, 'is not an agency code (QĐ 20/2020: at most 35 characters, dot-separated groups of 0-9 and A-Z)');
    }
  }

  date(path: string, value: string | undefined): string | null {
    if (!this.required(path, value)) return null;
    const iso = edxmlDateToIso(value as string);
    if (!iso) this.add(path, 'is not a real date in the form yyyy/MM/dd');
    return iso;
  }

  timestamp(path: string, value: string | undefined): void {
    if (this.required(path, value) && !edxmlTimestampToIso(value as string)) {
      this.add(path, 'is not a real timestamp in the form yyyy/MM/dd HH:mm:ss');
    }
  }

  documentId(path: string, value: string | undefined): void {
    if (this.required(path, value) && !parseDocumentId(value as string)) {
      this.add(path, 'is not a DocumentId "<agency code>,<yyyy/MM/dd>,<number>/<notation>"');
    }
  }

  /** An optional count, such as a number of copies or pages. */
  count(path: string, value: string | undefined): void {
    if (value !== undefined && !/^\d+$/.test(value)) this.add(path, 'must be a whole number');
  }

  oneOf(path: string, value: string | undefined, allowed: readonly string[]): void {
    if (value !== undefined && !allowed.includes(value)) this.add(path, `must be one of ${allowed.join(', ')}`);
  }
}

/** Every problem of a document message; `now` decides what "in the future" means (Vietnam date). */
export function validateEdxmlDocument(doc: EdxmlDocument, now: Date): EdxmlIssue[] {
  const issues = new Issues();
  checkMessageHeader(issues, doc.envelope.header.messageHeader, vietnamDate(now));
  checkTraceHeaderList(issues, doc.envelope.header.traceHeaderList);
  checkAttachments(issues, doc);
  return issues.list;
}

/** Every problem of a status message. */
export function validateEdxmlStatus(status: EdxmlStatus): EdxmlIssue[] {
  const issues = new Issues();
  const base = `${HEADER}/MessageStatus`;
  const s = status.envelope.header.messageStatus;
  checkResponseFor(issues, `${base}/ResponseFor`, s.responseFor);
  checkOrganization(issues, `${base}/From`, s.from);
  if (issues.required(`${base}/StatusCode`, s.statusCode) && !STATUS_CODES.has(s.statusCode)) {
    issues.add(`${base}/StatusCode`, `must be one of ${[...STATUS_CODES].join(', ')}`);
  }
  // A rejection must say why (the contract's REJECTED needs a reason).
  if (s.statusCode === REJECTED) issues.required(`${base}/Description`, s.description);
  issues.timestamp(`${base}/Timestamp`, s.timestamp);
  checkTraceHeaderList(issues, status.envelope.header.traceHeaderList);
  return issues.list;
}

function checkOrganization(issues: Issues, base: string, o: Organization): void {
  issues.agencyCode(`${base}/OrganId`, o.organId);
  issues.maxLength(`${base}/OrganName`, o.organName, 200);
  issues.maxLength(`${base}/OrganAdd`, o.organAdd, 250);
  issues.maxLength(`${base}/Email`, o.email, 100);
  issues.maxLength(`${base}/Telephone`, o.telephone, 20);
  issues.maxLength(`${base}/Fax`, o.fax, 20);
}

function checkMessageHeader(issues: Issues, h: MessageHeader, today: string): void {
  const base = `${HEADER}/MessageHeader`;
  checkOrganization(issues, `${base}/From`, h.from);
  if (h.to.length === 0) issues.add(`${base}/To`, 'at least one recipient is required');
  const seen = new Set<string>();
  h.to.forEach((to, i) => {
    checkOrganization(issues, `${base}/To[${i + 1}]`, to);
    if (seen.has(to.organId)) issues.add(`${base}/To[${i + 1}]/OrganId`, `repeats recipient ${to.organId}`);
    seen.add(to.organId);
  });
  issues.documentId(`${base}/DocumentId`, h.documentId);
  issues.required(`${base}/Code/CodeNumber`, h.code.codeNumber, 11);
  issues.required(`${base}/Code/CodeNotation`, h.code.codeNotation, 30);
  issues.required(`${base}/PromulgationInfo/Place`, h.promulgationInfo.place, 50);
  const promulgated = issues.date(`${base}/PromulgationInfo/PromulgationDate`, h.promulgationInfo.promulgationDate);
  if (promulgated && promulgated > today) {
    issues.add(`${base}/PromulgationInfo/PromulgationDate`, `is in the future (today is ${today} in Vietnam)`);
  }
  issues.oneOf(`${base}/DocumentType/Type`, h.documentType.type, ['1', '2']);
  issues.required(`${base}/DocumentType/TypeName`, h.documentType.typeName);
  issues.required(`${base}/Subject`, h.subject, 500);
  issues.maxLength(`${base}/Content`, h.content, 500);
  issues.required(`${base}/SignerInfo/Position`, h.signerInfo.position);
  issues.required(`${base}/SignerInfo/FullName`, h.signerInfo.fullName);
  if (h.dueDate !== undefined) issues.date(`${base}/DueDate`, h.dueDate);
  h.toPlaces?.forEach((place, i) => issues.maxLength(`${base}/ToPlaces/Place[${i + 1}]`, place, 150));
  if (h.otherInfo) checkOtherInfo(issues, `${base}/OtherInfo`, h.otherInfo);
  h.responseFor.forEach((r, i) => checkResponseFor(issues, `${base}/ResponseFor[${i + 1}]`, r));
}

function checkOtherInfo(issues: Issues, base: string, o: OtherInfo): void {
  issues.oneOf(`${base}/Priority`, o.priority, ['0', '1', '2', '3', '4']);
  issues.maxLength(`${base}/TyperNotation`, o.typerNotation, 10);
  issues.count(`${base}/PromulgationAmount`, o.promulgationAmount);
  issues.count(`${base}/PageAmount`, o.pageAmount);
  issues.oneOf(`${base}/Direction`, o.direction, ['true', 'false', '1', '0']);
}

function checkResponseFor(issues: Issues, base: string, r: ResponseFor): void {
  issues.agencyCode(`${base}/OrganId`, r.organId);
  issues.required(`${base}/Code`, r.code);
  issues.date(`${base}/PromulgationDate`, r.promulgationDate);
  issues.documentId(`${base}/DocumentId`, r.documentId);
}

function checkTraceHeaderList(issues: Issues, list: TraceHeaderList | undefined): void {
  if (!list) return;
  const base = `${HEADER}/TraceHeaderList`;
  list.traceHeaders.forEach((t, i) => {
    issues.agencyCode(`${base}/TraceHeader[${i + 1}]/OrganId`, t.organId);
    issues.timestamp(`${base}/TraceHeader[${i + 1}]/Timestamp`, t.timestamp);
  });
  if (list.business) checkBusiness(issues, `${base}/Bussiness`, list.business);
}

function checkBusiness(issues: Issues, base: string, b: Business): void {
  if (issues.required(`${base}/BussinessDocType`, b.businessDocType)) {
    issues.oneOf(`${base}/BussinessDocType`, b.businessDocType, ['0', '1', '2', '3']);
  }
  // Only a revoke, update or replacement points at an earlier document; a new one's DocumentId here is
  // not read (the platform's own sample carries an impossible date in it).
  if (['1', '2', '3'].includes(b.businessDocType)) issues.documentId(`${base}/DocumentId`, b.documentId);
  issues.oneOf(`${base}/Paper`, b.paper, ['0', '1']);
}

function checkAttachments(issues: Issues, doc: EdxmlDocument): void {
  const references = doc.envelope.body.manifest.references;
  const attachments = doc.attachmentEncoded.attachments;
  const attachmentIds = new Set(attachments.map((a) => a.contentId));
  references.forEach((r, i) => {
    const path = `/edXML/edXMLEnvelope/edXMLBody/edXMLManifest/Reference[${i + 1}]/ContentId`;
    if (issues.required(path, r.contentId) && !attachmentIds.has(r.contentId)) issues.add(path, `no Attachment has ContentId ${r.contentId}`);
  });
  const referenceIds = new Set(references.map((r) => r.contentId));
  const seen = new Set<string>();
  attachments.forEach((a, i) => {
    const base = `/edXML/AttachmentEncoded/Attachment[${i + 1}]`;
    if (issues.required(`${base}/ContentId`, a.contentId)) {
      if (seen.has(a.contentId)) issues.add(`${base}/ContentId`, `repeats ContentId ${a.contentId}`);
      else if (!referenceIds.has(a.contentId)) issues.add(`${base}/ContentId`, 'is not listed in edXMLManifest');
      seen.add(a.contentId);
    }
    issues.required(`${base}/AttachmentName`, a.attachmentName);
    issues.required(`${base}/ContentType`, a.contentType);
    if (issues.required(`${base}/ContentTransferEncoded`, a.content) && !isBase64(a.content)) {
      issues.add(`${base}/ContentTransferEncoded`, 'is not valid base64');
    }
  });
}

/** Standard base64; line breaks and other white space, common in XML, are allowed between characters. */
export function isBase64(value: string): boolean {
  const compact = value.replace(/\s+/g, '');
  return compact.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(compact);
}
