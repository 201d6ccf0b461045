/**
 * Concurrent callers through the gateway each get their own data. Found by the inbox benchmark, whose
 * gateway outran the direct subgraph call: the HTTP executor merged identical subgraph requests in
 * flight, and the caller's identity, added to each subgraph call when it is fetched, was not part of
 * what it compared — so agencies asking for their inbox at the same moment got one agency's inbox.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenFor } from '../helpers/env';
import { gql } from '../helpers/graphql';
import { startHub, type TestHub } from '../helpers/hub';

const SENDER = '000.00.00.G22';

let hub: TestHub;

before(async () => {
  hub = await startHub();
});

after(async () => {
  await hub?.close();
});

test('agencies reading their inboxes at the same moment each get their own deliveries', async () => {
  const sender = await tokenFor(hub.config, SENDER);
  const listed = await gql(hub.url, '{ agencies(first: 30) { edges { node { code } } } }', {}, sender);
  const agencies = (listed.data as { agencies: { edges: { node: { code: string } }[] } }).agencies.edges
    .map((e) => e.node.code)
    .filter((code) => code !== SENDER)
    .slice(0, 12);
  const sent = await gql(
    hub.url,
    'mutation($input: SendDocumentInput!) { sendDocument(input: $input) { id } }',
    {
      input: {
        clientRequestId: 'isolation-1',
        codeNumber: '7',
        codeNotation: 'VPCP-TH',
        documentType: 'Công văn',
        subject: 'Kiểm tra tách biệt dữ liệu giữa các cơ quan',
        promulgationPlace: 'Hà Nội',
        promulgationDate: '2026-01-15',
        signerName: 'Nguyễn Văn A',
        signerPosition: 'Chánh Văn phòng',
        recipients: agencies,
      },
    },
    sender,
  );
  assert.equal(sent.errors, undefined, JSON.stringify(sent.errors));

  const tokens = await Promise.all(agencies.map((code) => tokenFor(hub.config, code)));
  let answers = 0;
  for (let round = 0; round < 5; round++) {
    // The same query text from every agency at once: only the caller differs.
    const pages = await Promise.all(tokens.map((t) => gql(hub.url, '{ inbox(first: 5) { edges { node { recipient { code } } } } }', {}, t)));
    pages.forEach((page, i) => {
      assert.equal(page.errors, undefined, JSON.stringify(page.errors));
      const recipients = (page.data as { inbox: { edges: { node: { recipient: { code: string } } }[] } }).inbox.edges.map((e) => e.node.recipient.code);
      assert.deepEqual(recipients, [agencies[i]], `${agencies[i]} was answered with the inbox of ${recipients.join(', ')}`);
      answers++;
    });
  }
  console.log(`${answers} concurrent inbox answers, each the caller's own`);
});
