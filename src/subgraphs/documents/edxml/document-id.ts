import { isValidAgencyCode } from '../agency/agency-code';
import { edxmlDateToIso, isoDateToEdxml } from './formats';

/**
 * The edXML DocumentId (mã văn bản): `<issuer agency code>,<yyyy/MM/dd>,<number>/<notation>`,
 * e.g. `000.00.00.G22,2015/09/30,7816/VPCP-TTĐT`. The number is what precedes the first "/",
 * so a normative notation such as `28/2018/QĐ-TTg` reads as number 28, notation `2018/QĐ-TTg`.
 */
export interface DocumentIdParts {
  issuerCode: string;
  /** YYYY-MM-DD. */
  promulgationDate: string;
  codeNumber: string;
  codeNotation: string;
}

const DOCUMENT_ID = /^([^,]+),([^,]+),([^,/]+)\/([^,]+)$/;

/** The parts of `value`, or null when it is not a DocumentId with a valid agency code and a real date. */
export function parseDocumentId(value: string): DocumentIdParts | null {
  const match = DOCUMENT_ID.exec(value);
  if (!match || !isValidAgencyCode(match[1])) return null;
  const promulgationDate = edxmlDateToIso(match[2]);
  if (!promulgationDate) return null;
  return { issuerCode: match[1], promulgationDate, codeNumber: match[3], codeNotation: match[4] };
}

/** Writes a DocumentId; throws RangeError for parts that could not be read back as the same parts. */
export function formatDocumentId(parts: DocumentIdParts): string {
  const { issuerCode, promulgationDate, codeNumber, codeNotation } = parts;
  if (!isValidAgencyCode(issuerCode)) throw new RangeError(`not an agency code: ${issuerCode}`);
  if (!/^[^,/]+$/.test(codeNumber)) throw new RangeError(`a code number must be non-empty, without "," or "/": ${codeNumber}`);
  if (!/^[^,]+$/.test(codeNotation)) throw new RangeError(`a code notation must be non-empty, without ",": ${codeNotation}`);
  return `${issuerCode},${isoDateToEdxml(promulgationDate)},${codeNumber}/${codeNotation}`;
}
