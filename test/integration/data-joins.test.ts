/**
 * The data teams' joins through the gateway, with the typed operations codegen generates from
 * examples/operations: documents about a citizen with the citizen's parcels, a parcel's owners and
 * every decision about it, and counts of documents per province of the concerned citizens.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CitizenDocumentsDocument, InboxDocument, ParcelDecisionsDocument, SendDocumentDocument } from '../../examples/generated/graphql';
import { documentsPerProvince, provinceOf } from '../../examples/documents-per-province';
import { gql } from '../helpers/graphql';
import { tokenFor } from '../helpers/env';
import { startHub, type TestHub } from '../helpers/hub';

const SENDER = '000.00.00.G22';
const RECIPIENT = '000.00.00.H41';

let hub: TestHub;
let sender: string;
let recipient: string;
let parcel: { parcelId: string; owners: { personalId: string; residence: string }[] };

before(async () => {
  hub = await startHub();
  sender = await tokenFor(hub.config, SENDER);
  recipient = await tokenFor(hub.config, RECIPIENT);
  const found = await gql(hub.url, `{ landParcels(first: 1) { edges { node { parcelId owners { personalId residence } } } } }`, {}, sender);
  assert.equal(found.errors, undefined, JSON.stringify(found.errors));
  parcel = found.data!.landParcels.edges[0].node;
});

after(() => hub.close());

let n = 0;
async function sendAbout(citizenIds: string[], parcelIds: string[]) {
  n++;
  const res = await gql(
    hub.url,
    SendDocumentDocument,
    {
      input: {
        clientRequestId: `join-${n}`,
        codeNumber: String(n),
        codeNotation: 'QĐ-UBND',
        documentType: 'Quyết định',
        subject: `Quyết định thu hồi đất số ${n}`,
        promulgationPlace: 'Vinh',
        promulgationDate: '2026-10-01',
        signerName: 'Nguyễn Văn Hải',
        signerPosition: 'Chủ tịch',
        recipients: [RECIPIENT],
        citizenIds,
        parcelIds,
      },
    },
    sender,
  );
  assert.equal(res.errors, undefined, JSON.stringify(res.errors));
  return res.data!.sendDocument;
}

test('citizen -> documents and parcels: the documents that concern a citizen, with the citizen\'s parcels', async () => {
  const owner = parcel.owners[0].personalId;
  const first = await sendAbout([owner], [parcel.parcelId]);
  const second = await sendAbout([owner], []);
  const res = await gql(hub.url, CitizenDocumentsDocument, { personalId: owner }, recipient);
  assert.equal(res.errors, undefined, JSON.stringify(res.errors));
  const citizen = res.data!.citizen!;
  assert.ok(citizen.fullName.length > 0);
  assert.ok(citizen.landParcels.some((p) => p.parcelId === parcel.parcelId));
  assert.deepEqual(citizen.documents.edges.map((e) => e.node.id), [second.id, first.id]);
  assert.equal(citizen.documents.edges[0].node.sender.name, 'Văn phòng Chính phủ');
  const outsider = await gql(hub.url, CitizenDocumentsDocument, { personalId: owner }, await tokenFor(hub.config, '000.00.00.G12'));
  assert.equal(outsider.data!.citizen!.documents.totalCount, 0, 'another agency sees none of these documents');
});

test('parcel -> owners and decisions; and document -> citizens in the inbox (the other direction)', async () => {
  const decision = await sendAbout([], [parcel.parcelId]);
  const res = await gql(hub.url, ParcelDecisionsDocument, { parcelId: parcel.parcelId }, sender);
  assert.equal(res.errors, undefined, JSON.stringify(res.errors));
  const found = res.data!.landParcel!;
  assert.deepEqual(found.owners.map((o) => o.personalId).sort(), parcel.owners.map((o) => o.personalId).sort());
  assert.ok(found.documents.edges.some((e) => e.node.id === decision.id));
  const inbox = await gql(hub.url, InboxDocument, { first: 50 }, recipient);
  assert.equal(inbox.errors, undefined, JSON.stringify(inbox.errors));
  const withCitizens = inbox.data!.inbox.edges.find((e) => e.node.document.citizens.length > 0)!;
  assert.ok(withCitizens.node.document.citizens[0].fullName.length > 0, 'fullName comes from the population subgraph');
});

test('documents per province of the concerned citizens (examples/documents-per-province.ts)', async () => {
  const citizens = await gql(hub.url, `{ citizens(first: 3) { edges { node { personalId residence } } } }`, {}, sender);
  const people = citizens.data!.citizens.edges.map((e: any) => e.node);
  await sendAbout(people.map((p: any) => p.personalId), []);
  const counts = await documentsPerProvince(hub.url, sender);
  const expected = new Map<string, number>();
  const outbox = await gql(hub.url, `{ outbox(first: 100) { edges { node { citizens { residence } } } } }`, {}, sender);
  for (const { node } of outbox.data!.outbox.edges) {
    for (const p of new Set<string>(node.citizens.map((c: any) => provinceOf(c.residence)))) expected.set(p, (expected.get(p) ?? 0) + 1);
  }
  assert.deepEqual([...counts].sort(), [...expected].sort());
  for (const p of people) assert.ok((counts.get(provinceOf(p.residence)) ?? 0) >= 1);
});
