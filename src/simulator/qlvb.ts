/**
 * A legacy document-management system (hệ thống quản lý văn bản, QLVB) as a records office (văn thư)
 * runs it against the hub's edXML REST API: it polls for what is addressed to its agency, fetches each
 * new document, checks it, reports it arrived (01), then registers it in the incoming book (03, or 02
 * with the reason when the message is not valid), works it (05) and finishes it (06) over the next polls,
 * and agrees to recalls (15). Every answer is an edXML status message, signed when given a key.
 * It speaks only REST and edXML, as a real one would; it shares nothing with the hub but the edXML code.
 */
import { toEdxmlTimestamp } from '../subgraphs/documents/edxml/formats';
import type { EdxmlStatus, ResponseFor } from '../subgraphs/documents/edxml/model';
import { parseEdxmlDocument } from '../subgraphs/documents/edxml/parse';
import { signEdxml, type SigningKey } from '../subgraphs/documents/edxml/signature';
import { validateEdxmlDocument } from '../subgraphs/documents/edxml/validate';
import { writeEdxmlStatus } from '../subgraphs/documents/edxml/write';

export interface QlvbOptions {
  /** The gateway, e.g. http://127.0.0.1:4000. */
  baseUrl: string;
  /** The agency this system belongs to. */
  agency: string;
  /** Its access token, asked for before each call (so a long run can renew it). */
  token: () => Promise<string>;
  signingKey?: SigningKey;
  now?: () => Date;
  log?: (line: string) => void;
}

export interface PollReport {
  /** Status codes sent, in order, as "docId:code". */
  sent: string[];
  /** Status messages the hub refused, with why. */
  failed: string[];
}

interface Received {
  docId: string;
  status: string;
}

/** What a records office does next with a delivery in each status, and what it writes. */
const NEXT_STEP: Record<string, { code: string; note: string }> = {
  ACCEPTED: { code: '05', note: 'Đang xử lý' },
  PROCESSING: { code: '06', note: 'Đã xử lý xong' },
  RECALL_REQUESTED: { code: '15', note: 'Đồng ý thu hồi' },
};
const WATCHED = ['PENDING', ...Object.keys(NEXT_STEP)];

export class QlvbSimulator {
  /** Số đến: the incoming book's counter. */
  private book = 0;
  /** What each document's status messages answer, by docId, so it is fetched once. */
  private readonly answering = new Map<string, ResponseFor>();

  constructor(private readonly options: QlvbOptions) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private async call(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(new URL(path, this.options.baseUrl), {
      ...init,
      headers: { ...init.headers, authorization: `Bearer ${await this.options.token()}` },
    });
    if (!response.ok) {
      const body = await response.text();
      throw new Error(`${init.method ?? 'GET'} ${path}: HTTP ${response.status} ${body.slice(0, 500)}`);
    }
    return response;
  }

  /** Every delivery in a status this office acts on, all pages. */
  private async received(): Promise<Received[]> {
    const out: Received[] = [];
    let after: string | null = null;
    do {
      const query = new URLSearchParams([...WATCHED.map((s) => ['status', s]), ['first', '100'], ...(after ? [['after', after]] : [])]);
      const page = (await (await this.call(`/edxml/received?${query}`)).json()) as { items: Received[]; nextCursor: string | null };
      out.push(...page.items);
      after = page.nextCursor;
    } while (after);
    // Oldest first, as a clerk works through the pile.
    return out.reverse();
  }

  /** Fetches a document's edXML: what its status messages answer, and the problems that make it unacceptable. */
  private async fetchDocument(docId: string): Promise<{ responseFor: ResponseFor; problems: string[] }> {
    const xml = await (await this.call(`/edxml/documents/${encodeURIComponent(docId)}`)).text();
    const doc = parseEdxmlDocument(xml);
    const h = doc.envelope.header.messageHeader;
    const responseFor: ResponseFor = {
      organId: h.from.organId,
      code: `${h.code.codeNumber}/${h.code.codeNotation}`,
      promulgationDate: h.promulgationInfo.promulgationDate,
      documentId: h.documentId,
    };
    this.answering.set(docId, responseFor);
    return { responseFor, problems: validateEdxmlDocument(doc, this.now()).map((i) => `${i.path} ${i.message}`) };
  }

  private async answer(docId: string, responseFor: ResponseFor, code: string, note: string, report: PollReport): Promise<boolean> {
    const status: EdxmlStatus = {
      envelope: {
        header: {
          messageStatus: {
            responseFor,
            from: { organId: this.options.agency },
            statusCode: code,
            description: note,
            timestamp: toEdxmlTimestamp(this.now()),
            staffInfo: { department: 'Văn thư', staff: 'Văn thư (mô phỏng)' },
          },
        },
      },
    };
    const xml = writeEdxmlStatus(status);
    const body = this.options.signingKey ? signEdxml(xml, this.options.signingKey) : xml;
    try {
      await this.call('/edxml/status', { method: 'POST', headers: { 'content-type': 'application/xml' }, body });
    } catch (e) {
      // Someone may have moved it meanwhile (the GraphQL side, a recall): the next poll sees where it is.
      report.failed.push(`${docId}:${code} ${(e as Error).message}`);
      this.options.log?.(`document ${docId}: status ${code} refused: ${(e as Error).message}`);
      return false;
    }
    report.sent.push(`${docId}:${code}`);
    this.options.log?.(`document ${docId}: ${code} ${note}`);
    return true;
  }

  /** One pass over the agency's deliveries: each moves one step. */
  async pollOnce(): Promise<PollReport> {
    const report: PollReport = { sent: [], failed: [] };
    for (const { docId, status } of await this.received()) {
      if (status === 'PENDING') {
        const { responseFor, problems } = await this.fetchDocument(docId);
        if (!(await this.answer(docId, responseFor, '01', 'Đã nhận văn bản điện tử', report))) continue;
        if (problems.length) await this.answer(docId, responseFor, '02', `Trả lại: ${problems.join('; ')}`.slice(0, 500), report);
        else await this.answer(docId, responseFor, '03', `Đã vào sổ văn bản đến số ${++this.book}`, report);
        continue;
      }
      const responseFor = this.answering.get(docId) ?? (await this.fetchDocument(docId)).responseFor;
      await this.answer(docId, responseFor, NEXT_STEP[status].code, NEXT_STEP[status].note, report);
    }
    return report;
  }
}
