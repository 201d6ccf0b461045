/**
 * What the fault tests send and check: documents with attachments, citizens and several recipients,
 * each fully determined by its number, so that what is stored can be checked against what was sent.
 */
import { createHash } from 'node:crypto';
import assert from 'node:assert/strict';
import { knex, type Knex } from '@mikro-orm/knex';
import { signToken } from '../../src/shared/identity';
import { BLOB_TABLE } from '../../src/subgraphs/documents/document/blob-store';
import { gql, type GraphQLResponse } from './graphql';
import type { HubProcess } from './hub-processes';

export const SENDER = '000.00.00.G22';
export const RECIPIENTS = ['000.00.00.H41', '000.00.00.H29', '000.00.00.H01', '000.00.00.G12'];
const SHARED_ANNEX = 'Phụ lục chung: danh sách đơn vị triển khai';

export function tokenOf(gateway: HubProcess, sub: string): Promise<string> {
  return signToken(gateway.env.LIENTHONG_JWT_SECRET!, { sub, role: 'AGENCY' }, 3600);
}

/** Send number i: 1 to 3 recipients, two attachments (one shared by every send), one citizen. */
export function sendInput(i: number, tag = 'burst') {
  return {
    clientRequestId: `${tag}-${i}`,
    codeNumber: String(i),
    codeNotation: 'VPCP-KSTT',
    documentType: 'Công văn',
    subject: `Công văn số ${i} về việc liên thông văn bản`,
    promulgationPlace: 'Hà Nội',
    promulgationDate: '2026-11-20',
    signerName: 'Trần Văn Sơn',
    signerPosition: 'Chánh Văn phòng',
    recipients: RECIPIENTS.slice(0, 1 + (i % 3)),
    attachments: [
      { fileName: `cong-van-${i}.txt`, contentType: 'text/plain', contentBase64: Buffer.from(`Nội dung công văn số ${i}`).toString('base64') },
      { fileName: 'phu-luc.txt', contentType: 'text/plain', contentBase64: Buffer.from(SHARED_ANNEX).toString('base64') },
    ],
    citizenIds: [`001090${String(i).padStart(6, '0')}`],
  };
}

const SEND = `mutation($input: SendDocumentInput!) { sendDocument(input: $input) { id deliveries { id recipient { code } } } }`;

export function send(url: string, token: string, input: ReturnType<typeof sendInput>): Promise<GraphQLResponse> {
  return gql(url, SEND, { input }, token);
}

/** The hub's documents schema on a PostgreSQL URL. */
export function documentsDb(url: string): Knex {
  return knex({ client: 'pg', connection: url, searchPath: ['documents'], pool: { min: 0, max: 2 } });
}

/**
 * Every stored document is whole — the rows and content its send asked for, no more, no fewer — and none
 * is stored twice. Returns the stored documents by clientRequestId.
 */
export async function checkStoredWhole(db: Knex, tag = 'burst'): Promise<Map<string, number>> {
  const docs: { id: number; client_request_id: string }[] = await db('document').select('id', 'client_request_id').where('client_request_id', 'like', `${tag}-%`);
  const byKey = new Map<string, number>();
  for (const doc of docs) {
    assert.ok(!byKey.has(doc.client_request_id), `${doc.client_request_id} stored twice`);
    byKey.set(doc.client_request_id, Number(doc.id));
    const input = sendInput(Number(doc.client_request_id.slice(tag.length + 1)), tag);
    const deliveries = await db('delivery').where('document_id', doc.id).pluck('recipient_code');
    assert.deepEqual([...deliveries].sort(), [...input.recipients].sort(), `deliveries of ${doc.client_request_id}`);
    const attachments: { sha256: string }[] = await db('attachment').where('document_id', doc.id).select('sha256');
    const expected = input.attachments.map((a) => createHash('sha256').update(Buffer.from(a.contentBase64, 'base64')).digest('hex'));
    assert.deepEqual(attachments.map((a) => a.sha256).sort(), [...expected].sort(), `attachments of ${doc.client_request_id}`);
    for (const sha of expected) {
      const blob: { content: Buffer } | undefined = await db(BLOB_TABLE).select('content').where({ sha256: sha }).first();
      assert.ok(blob, `content ${sha} of ${doc.client_request_id} is stored`);
      assert.equal(createHash('sha256').update(blob.content).digest('hex'), sha, `content ${sha} of ${doc.client_request_id}`);
    }
    assert.deepEqual(await db('document_citizen').where('document_id', doc.id).pluck('personal_id'), input.citizenIds);
  }
  return byKey;
}
