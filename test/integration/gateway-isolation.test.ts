/**
 * Concurrent callers through the gateway each get their own data. Found by the inbox benchmark, whose
 * gateway outran the direct subgraph call: the HTTP executor merged identical subgraph requests in
 * flight, and the caller's identity, added to each subgraph call when it is fetched, was not part of
 * what it compared — so agencies asking for their inbox at the same moment got one agency's inbox.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config';
import { SUBGRAPH_NAMES } from '../../src/gateway/compose';
import { SUBGRAPH_STARTERS } from '../../src/gateway/hub';
import { startGateway, type RunningGateway } from '../../src/gateway/server';
import type { RunningServer } from '../../src/shared/subgraph-server';
import { gql, token } from '../helpers/gateway-client';
import { testConfig } from '../helpers/gateway-subgraphs';

const SENDER = '000.00.00.G22';

let dataDir: string;
let subgraphs: RunningServer[] = [];
let gateway: RunningGateway;

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-isolation-'));
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    LIENTHONG_DATA_DIR: dataDir,
    LIENTHONG_POPULATION_SCALE: '200',
    LIENTHONG_JWT_SECRET: testConfig.jwtSecret,
    LIENTHONG_GATEWAY_SECRET: testConfig.gatewaySecret,
    LIENTHONG_LOG_LEVEL: 'silent',
  });
  subgraphs = await Promise.all(SUBGRAPH_NAMES.map((name) => SUBGRAPH_STARTERS[name](config, { port: 0 })));
  gateway = await startGateway(config, { subgraphs: Object.fromEntries(SUBGRAPH_NAMES.map((name, i) => [name, subgraphs[i].url])) });
});

after(async () => {
  await gateway?.close();
  await Promise.all(subgraphs.map((s) => s.close()));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('agencies reading their inboxes at the same moment each get their own deliveries', async () => {
  const sender = await token(SENDER);
  const listed = await gql(gateway.url, '{ agencies(first: 30) { edges { node { code } } } }', { token: sender });
  const agencies = (listed.body.data as { agencies: { edges: { node: { code: string } }[] } }).agencies.edges
    .map((e) => e.node.code)
    .filter((code) => code !== SENDER)
    .slice(0, 12);
  const sent = await gql(gateway.url, 'mutation($input: SendDocumentInput!) { sendDocument(input: $input) { id } }', {
    token: sender,
    variables: {
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
  });
  assert.equal(sent.body.errors, undefined, JSON.stringify(sent.body.errors));

  const tokens = await Promise.all(agencies.map((code) => token(code)));
  let answers = 0;
  for (let round = 0; round < 5; round++) {
    // The same query text from every agency at once: only the caller differs.
    const pages = await Promise.all(tokens.map((t) => gql(gateway.url, '{ inbox(first: 5) { edges { node { recipient { code } } } } }', { token: t })));
    pages.forEach((page, i) => {
      assert.equal(page.body.errors, undefined, JSON.stringify(page.body.errors));
      const recipients = (page.body.data as { inbox: { edges: { node: { recipient: { code: string } } }[] } }).inbox.edges.map((e) => e.node.recipient.code);
      assert.deepEqual(recipients, [agencies[i]], `${agencies[i]} was answered with the inbox of ${recipients.join(', ')}`);
      answers++;
    });
  }
  console.log(`${answers} concurrent inbox answers, each the caller's own`);
});
