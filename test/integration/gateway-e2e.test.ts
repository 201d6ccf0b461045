/**
 * End to end with the real subgraphs (documents, population, land) as `npm start` runs them, on a
 * temporary data directory: a document sent through the gateway arrives on the recipient's graphql-ws
 * subscription, completed with citizens from population and their parcels from land.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config';
import { SUBGRAPH_NAMES } from '../../src/gateway/compose';
import { SUBGRAPH_STARTERS } from '../../src/gateway/hub';
import { startGateway, type RunningGateway } from '../../src/gateway/server';
import type { RunningServer } from '../../src/shared/subgraph-server';
import { gql, subscribeWs, token, wsClient } from '../helpers/gateway-client';
import { testConfig } from '../helpers/gateway-subgraphs';

const SENDER = '000.00.00.G22';

const SEND = `mutation($input: SendDocumentInput!) {
  sendDocument(input: $input) { id subject citizens { personalId } landParcels { parcelId } }
}`;

const ARRIVALS = `subscription {
  documentArrived {
    cursor
    delivery {
      status
      recipient { code }
      document { subject sender { code } citizens { personalId fullName landParcels { parcelId } } landParcels { parcelId owners { personalId } } }
    }
  }
}`;

describe('the hub end to end', () => {
  let dataDir: string;
  let subgraphs: RunningServer[] = [];
  let gateway: RunningGateway;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-e2e-'));
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

  it('delivers a sent document to the recipient live, joined across the three subgraphs', async () => {
    const sender = await token(SENDER);
    const lookup = await gql(
      gateway.url,
      `{ agencies(first: 5) { edges { node { code } } } landParcels(first: 1) { edges { node { parcelId owners { personalId landParcels { parcelId } } } } } }`,
      { token: sender },
    );
    assert.equal(lookup.body.errors, undefined, JSON.stringify(lookup.body.errors));
    const data = lookup.body.data as {
      agencies: { edges: { node: { code: string } }[] };
      landParcels: { edges: { node: { parcelId: string; owners: { personalId: string; landParcels: { parcelId: string }[] }[] } }[] };
    };
    const recipient = data.agencies.edges.map((e) => e.node.code).find((code) => code !== SENDER)!;
    const { parcelId, owners } = data.landParcels.edges[0].node;
    const citizen = owners[0];

    const client = wsClient(gateway.url, { authorization: `Bearer ${await token(recipient)}` });
    try {
      const arrivals = subscribeWs(client, ARRIVALS);
      // Without `after` the subscription is live only: send until one arrives, so the test does not
      // depend on when the subscription reached the documents subgraph.
      let event: Awaited<ReturnType<typeof arrivals.next>> | undefined;
      const arrival = arrivals.next(15_000).then((e) => (event = e));
      let sent = 0;
      while (!event) {
        const res = await gql(gateway.url, SEND, {
          token: sender,
          variables: {
            input: {
              clientRequestId: `e2e-${++sent}`,
              codeNumber: String(sent),
              codeNotation: 'CV-VPCP',
              documentType: 'Công văn',
              subject: 'Về việc xác minh thửa đất',
              promulgationPlace: 'Hà Nội',
              promulgationDate: '2025-01-15',
              signerName: 'Nguyễn Văn A',
              signerPosition: 'Chánh Văn phòng',
              recipients: [recipient],
              citizenIds: [citizen.personalId],
              parcelIds: [parcelId],
            },
          },
        });
        assert.equal(res.body.errors, undefined, JSON.stringify(res.body.errors));
        assert.deepEqual((res.body.data as { sendDocument: { citizens: unknown } }).sendDocument.citizens, [{ personalId: citizen.personalId }]);
        await Promise.race([arrival, new Promise((r) => setTimeout(r, 200))]);
      }
      const { delivery } = (event.data as { documentArrived: { delivery: Record<string, unknown> } }).documentArrived;
      assert.deepEqual(delivery.recipient, { code: recipient });
      const document = delivery.document as {
        sender: { code: string };
        citizens: { personalId: string; fullName: string; landParcels: { parcelId: string }[] }[];
        landParcels: { parcelId: string; owners: { personalId: string }[] }[];
      };
      assert.equal(document.sender.code, SENDER);
      assert.equal(document.citizens[0].personalId, citizen.personalId);
      assert.ok(document.citizens[0].fullName.length > 0);
      assert.deepEqual(document.citizens[0].landParcels, citizen.landParcels);
      assert.equal(document.landParcels[0].parcelId, parcelId);
      assert.ok(document.landParcels[0].owners.some((o) => o.personalId === citizen.personalId));
      await arrivals.close();
    } finally {
      await client.dispose();
    }
  });
});
