/**
 * Documents for the web app's tests, sent through the gateway's API: a realistic inbox (several
 * senders, urgencies and statuses) and single sends. Returns what the tests look for.
 */
import assert from 'node:assert/strict';
import { tokenFor } from './env';
import { gql } from './graphql';
import type { TestHub } from './hub';

const SEND = `mutation($input: SendDocumentInput!) { sendDocument(input: $input) { id deliveries { id } } }`;
const MOVE = `mutation($id: ID!, $status: DeliveryStatus!, $note: String) { updateDeliveryStatus(deliveryId: $id, status: $status, note: $note) { id } }`;

const SENDERS = ['000.00.00.G12', '000.00.00.G18', '000.00.00.H29', '000.00.00.G09'];
const SUBJECTS: [string, string, string][] = [
  ['Công văn', 'BTC-NSNN', 'Về việc hướng dẫn lập dự toán ngân sách nhà nước năm 2027'],
  ['Thông báo', 'BYT-KCB', 'Thông báo lịch tiêm chủng mở rộng quý I'],
  ['Quyết định', 'QĐ-UBND', 'Quyết định phê duyệt kế hoạch chuyển đổi số cấp tỉnh'],
  ['Giấy mời', 'GM-BNV', 'Mời dự hội nghị tổng kết công tác cải cách hành chính'],
  ['Công điện', 'CĐ-BYT', 'Công điện về phòng, chống dịch sốt xuất huyết'],
  ['Báo cáo', 'BC-BTC', 'Báo cáo tình hình giải ngân vốn đầu tư công'],
  ['Kế hoạch', 'KH-UBND', 'Kế hoạch triển khai Đề án 06 về dữ liệu dân cư'],
  ['Tờ trình', 'TTr-BNV', 'Tờ trình về việc sắp xếp đơn vị hành chính cấp xã'],
];
const URGENCIES = ['NORMAL', 'URGENT', 'NORMAL', 'VERY_URGENT', 'FLASH', 'NORMAL', 'URGENT', 'NORMAL'];
/** Statuses some seeded deliveries are moved to, by the recipient, so the inbox shows a mix. */
const WALKS: Record<number, string[]> = {
  1: ['ARRIVED'],
  2: ['ARRIVED', 'ACCEPTED'],
  3: ['ARRIVED', 'ACCEPTED', 'PROCESSING'],
  5: ['ARRIVED', 'ACCEPTED', 'COMPLETED'],
  6: ['ARRIVED', 'REJECTED'],
};

export interface SendOptions {
  subject: string;
  urgency?: string;
  clientRequestId: string;
  documentType?: string;
  codeNotation?: string;
  citizenIds?: string[];
  parcelIds?: string[];
}

export async function sendTo(hub: TestHub, token: string, recipient: string, options: SendOptions): Promise<{ documentId: string; deliveryId: string }> {
  const res = await gql<{ sendDocument: { id: string; deliveries: { id: string }[] } }>(
    hub.url,
    SEND,
    {
      input: {
        clientRequestId: options.clientRequestId,
        codeNumber: String(100 + (Number(options.clientRequestId.replace(/\D/g, '')) || 0)),
        codeNotation: options.codeNotation ?? 'VPCP-TH',
        documentType: options.documentType ?? 'Công văn',
        subject: options.subject,
        promulgationPlace: 'Hà Nội',
        promulgationDate: '2026-11-02',
        signerName: 'Nguyễn Thị Lan',
        signerPosition: 'Chánh Văn phòng',
        urgency: options.urgency ?? 'NORMAL',
        recipients: [recipient],
        citizenIds: options.citizenIds ?? [],
        parcelIds: options.parcelIds ?? [],
      },
    },
    token,
  );
  assert.equal(res.errors, undefined, JSON.stringify(res.errors));
  return { documentId: res.data!.sendDocument.id, deliveryId: res.data!.sendDocument.deliveries[0].id };
}

/**
 * Sends `count` documents to the recipient from several agencies and moves some along; returns a
 * citizen and one of their land parcels, for a document that concerns them.
 */
export async function seedInbox(hub: TestHub, recipient: string, count: number) {
  const recipientToken = await tokenFor(hub.config, recipient);
  const senderTokens = await Promise.all(SENDERS.map((code) => tokenFor(hub.config, code)));
  const lookup = await gql<{ landParcels: { edges: { node: { parcelId: string; owners: { personalId: string; fullName: string }[] } }[] } }>(
    hub.url,
    `{ landParcels(first: 1) { edges { node { parcelId owners { personalId fullName } } } } }`,
    {},
    recipientToken,
  );
  assert.equal(lookup.errors, undefined, JSON.stringify(lookup.errors));
  const parcel = lookup.data!.landParcels.edges[0].node;
  for (let i = 0; i < count; i++) {
    const [documentType, codeNotation, subject] = SUBJECTS[i % SUBJECTS.length];
    const { deliveryId } = await sendTo(hub, senderTokens[i % SENDERS.length], recipient, {
      subject: i < SUBJECTS.length ? subject : `${subject} (đợt ${Math.floor(i / SUBJECTS.length) + 1})`,
      urgency: URGENCIES[i % URGENCIES.length],
      clientRequestId: `seed-${i}`,
      documentType,
      codeNotation,
    });
    for (const status of WALKS[i % SUBJECTS.length] ?? []) {
      const note = status === 'REJECTED' ? 'Không thuộc thẩm quyền giải quyết' : null;
      const moved = await gql(hub.url, MOVE, { id: deliveryId, status, note }, recipientToken);
      assert.equal(moved.errors, undefined, JSON.stringify(moved.errors));
    }
  }
  return { citizenId: parcel.owners[0].personalId, citizenName: parcel.owners[0].fullName, parcelId: parcel.parcelId };
}
