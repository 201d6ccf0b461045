/**
 * End to end with the real subgraphs (documents, population, land) as `npm start` runs them, on a
 * temporary data directory: a document sent through the gateway arrives on the recipient's graphql-ws
 * subscription, completed with citizens from population and their parcels from land.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { tokenFor } from '../helpers/env';
import { gql, subscribeWs, wsClient } from '../helpers/graphql';
import { startHub, type TestHub } from '../helpers/hub';

const SENDER = '000.00.00.G22';
const SUBJECT = 'Về việc xác minh thửa đất';
/** The fields every send here shares; each test adds its id, recipients and what it is about. */
const DOCUMENT = {
  codeNotation: 'CV-VPCP',
  documentType: 'Công văn',
  subject: SUBJECT,
  promulgationPlace: 'Hà Nội',
  promulgationDate: '2025-01-15',
  signerName: 'Nguyễn Văn A',
  signerPosition: 'Chánh Văn phòng',
};

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

/** An agency of the directory other than SENDER, to send to. */
async function anotherAgency(url: string, sender: string): Promise<string> {
  const lookup = await gql(url, '{ agencies(first: 5) { edges { node { code } } } }', {}, sender);
  return (lookup.data as { agencies: { edges: { node: { code: string } }[] } }).agencies.edges.map((e) => e.node.code).find((c) => c !== SENDER)!;
}

describe('the hub end to end', () => {
  let hub: TestHub;

  before(async () => {
    hub = await startHub({ LIENTHONG_POPULATION_SCALE: '200' });
  });
  after(async () => {
    await hub?.close();
  });

  it('delivers a sent document to the recipient live, joined across the three subgraphs', async () => {
    const sender = await tokenFor(hub.config, SENDER);
    const lookup = await gql(
      hub.url,
      `{ agencies(first: 5) { edges { node { code } } } landParcels(first: 1) { edges { node { parcelId owners { personalId landParcels { parcelId } } } } } }`,
      {},
      sender,
    );
    assert.equal(lookup.errors, undefined, JSON.stringify(lookup.errors));
    const data = lookup.data as {
      agencies: { edges: { node: { code: string } }[] };
      landParcels: { edges: { node: { parcelId: string; owners: { personalId: string; landParcels: { parcelId: string }[] }[] } }[] };
    };
    const recipient = data.agencies.edges.map((e) => e.node.code).find((code) => code !== SENDER)!;
    const { parcelId, owners } = data.landParcels.edges[0].node;
    const citizen = owners[0];

    const client = wsClient(hub.url, await tokenFor(hub.config, recipient));
    try {
      const arrivals = subscribeWs(client, ARRIVALS);
      // Without `after` the subscription is live only: send until one arrives, so the test does not
      // depend on when the subscription reached the documents subgraph.
      let event: Awaited<ReturnType<typeof arrivals.next>> | undefined;
      const arrival = arrivals.next(15_000).then((e) => (event = e));
      let sent = 0;
      while (!event) {
        const res = await gql(
          hub.url,
          SEND,
          {
            input: {
              ...DOCUMENT,
              clientRequestId: `e2e-${++sent}`,
              codeNumber: String(sent),
              recipients: [recipient],
              citizenIds: [citizen.personalId],
              parcelIds: [parcelId],
            },
          },
          sender,
        );
        assert.equal(res.errors, undefined, JSON.stringify(res.errors));
        const answer = (res.data as { sendDocument: { subject: string; citizens: unknown } }).sendDocument;
        assert.equal(answer.subject, SUBJECT);
        assert.deepEqual(answer.citizens, [{ personalId: citizen.personalId }]);
        await Promise.race([arrival, new Promise((r) => setTimeout(r, 200))]);
      }
      const { delivery } = (event.data as { documentArrived: { delivery: Record<string, unknown> } }).documentArrived;
      assert.deepEqual(delivery.recipient, { code: recipient });
      const document = delivery.document as {
        subject: string;
        sender: { code: string };
        citizens: { personalId: string; fullName: string; landParcels: { parcelId: string }[] }[];
        landParcels: { parcelId: string; owners: { personalId: string }[] }[];
      };
      assert.equal(document.subject, SUBJECT);
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

  it('carries a send over 64 Ki characters (a 100 KB attachment) to the subgraph and back byte for byte', async () => {
    // Such a body crosses the gateway as bytes, not text (gateway/subgraph-bodies.ts).
    const sender = await tokenFor(hub.config, SENDER);
    const recipient = await anotherAgency(hub.url, sender);
    const content = randomBytes(100 * 1024);
    const res = await gql(
      hub.url,
      `mutation($input: SendDocumentInput!) { sendDocument(input: $input) { subject attachments { fileName size sha256 contentBase64 } } }`,
      {
        input: {
          ...DOCUMENT,
          clientRequestId: 'e2e-large',
          codeNumber: '7',
          recipients: [recipient],
          attachments: [{ fileName: 'quyết định.pdf', contentType: 'application/pdf', contentBase64: content.toString('base64') }],
        },
      },
      sender,
    );
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const sent = (res.data as { sendDocument: { subject: string; attachments: { fileName: string; size: number; sha256: string; contentBase64: string }[] } }).sendDocument;
    assert.equal(sent.subject, SUBJECT);
    assert.equal(sent.attachments[0].fileName, 'quyết định.pdf');
    assert.equal(sent.attachments[0].size, content.length);
    assert.equal(sent.attachments[0].sha256, createHash('sha256').update(content).digest('hex'));
    assert.equal(sent.attachments[0].contentBase64, content.toString('base64'));
  });

  it('refuses a date that is not a calendar day at the gateway, in the names of the client\'s own request', async () => {
    const sender = await tokenFor(hub.config, SENDER);
    const input = {
      ...DOCUMENT,
      clientRequestId: 'e2e-bad-date',
      codeNumber: '1',
      subject: 'Ngày không có thật',
      promulgationDate: '2025-02-30',
      recipients: ['000.00.00.H41'],
    };
    const res = await gql(hub.url, SEND, { input }, sender);
    assert.equal(res.status, 400);
    assert.equal(res.errors?.length, 1);
    const [error] = res.errors!;
    assert.equal(error.extensions?.code, 'BAD_USER_INPUT');
    // Refused before any subgraph was asked: no serviceName, and the runtime's renamed variables
    // ($_sendDocument_input) never reach the client.
    assert.equal(error.extensions?.serviceName, undefined);
    assert.match(error.message, /^Variable "\$input" got invalid value "2025-02-30" at "input\.promulgationDate"; Date must be a calendar date/);
  });

  it('merges a field selected twice into one answer, in lists and across subgraphs, as GraphQL requires', async () => {
    const sender = await tokenFor(hub.config, SENDER);
    const people = await gql(hub.url, '{ citizens(first: 1) { edges { node { personalId fullName } } } }', {}, sender);
    const citizen = (people.data as { citizens: { edges: { node: { personalId: string; fullName: string } }[] } }).citizens.edges[0].node;
    const recipients = ['000.00.00.H41', '000.00.00.G12'];
    const sent = await gql(
      hub.url,
      SEND,
      {
        input: {
          clientRequestId: 'e2e-merge',
          codeNumber: '2',
          codeNotation: 'CV-VPCP',
          documentType: 'Công văn',
          subject: 'Hai lựa chọn một trường',
          promulgationPlace: 'Hà Nội',
          promulgationDate: '2025-01-15',
          signerName: 'Nguyễn Văn A',
          signerPosition: 'Chánh Văn phòng',
          recipients,
          citizenIds: [citizen.personalId],
        },
      },
      sender,
    );
    assert.equal(sent.errors, undefined, JSON.stringify(sent.errors));
    const { id } = (sent.data as { sendDocument: { id: string } }).sendDocument;
    const res = await gql(
      hub.url,
      `query($id: ID!) { document(id: $id) {
        deliveries { id recipient { code } } deliveries { id status statusEdxml }
        citizens { personalId } citizens { fullName }
      } }`,
      { id },
      sender,
    );
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const document = (res.data as { document: { deliveries: Record<string, unknown>[]; citizens: Record<string, unknown>[] } }).document;
    assert.deepEqual(
      document.deliveries.map((d) => Object.keys(d).sort()),
      [0, 1].map(() => ['id', 'recipient', 'status', 'statusEdxml']),
    );
    assert.deepEqual(document.deliveries.map((d) => (d.recipient as { code: string }).code).sort(), [...recipients].sort());
    assert.ok(document.deliveries.every((d) => d.status === 'PENDING' && d.statusEdxml === null));
    assert.deepEqual(document.citizens, [citizen]);
  });

  it('gives an arrival sent straight to the documents subgraph as the planner gives the same delivery in the inbox', async () => {
    // Every field here is the documents subgraph's, so the subscription skips the planner
    // (gateway/direct-subscriptions.ts) while the inbox query goes through it: scalars, enums, nulls and
    // lists must read the same either way.
    const DELIVERY = `id status updatedAt statusCode nextStatuses recipient { code name active } redirectedFrom { code }
      document { id codeNumber codeNotation documentType subject promulgationPlace promulgationDate signerName signerPosition
        urgency dueDate sentAt sender { code name parent { code } } attachments { fileName contentType size sha256 } citizens { personalId } }`;
    const sender = await tokenFor(hub.config, SENDER);
    const recipient = await anotherAgency(hub.url, sender);
    const token = await tokenFor(hub.config, recipient);
    const send = async (n: number) => {
      const res = await gql(
        hub.url,
        SEND,
        {
          input: {
            ...DOCUMENT,
            clientRequestId: `e2e-direct-${n}`,
            codeNumber: `D${n}`,
            urgency: 'URGENT',
            dueDate: '2025-02-01',
            recipients: [recipient],
            attachments: [{ fileName: 'tờ trình.txt', contentType: 'text/plain', contentBase64: Buffer.from(`tờ trình ${n}`).toString('base64') }],
          },
        },
        sender,
      );
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    };
    const inbox = async () => {
      const res = await gql(hub.url, `{ inbox(first: 1) { edges { cursor node { ${DELIVERY} } } } }`, {}, token);
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      return (res.data as { inbox: { edges: { cursor: string; node: Record<string, unknown> }[] } }).inbox.edges[0];
    };
    await send(1);
    const before = await inbox();
    await send(2);
    const newest = await inbox();
    const client = wsClient(hub.url, token);
    try {
      // With `after`, the arrival since that cursor is replayed: no race with the send.
      const stream = subscribeWs(client, `subscription { documentArrived(after: ${JSON.stringify(before.cursor)}) { cursor delivery { ${DELIVERY} } } }`);
      const event = (await stream.next()).data as { documentArrived: { cursor: string; delivery: Record<string, unknown> } };
      assert.deepEqual(event.documentArrived.delivery, newest.node);
      assert.equal((event.documentArrived.delivery.document as { codeNumber: string }).codeNumber, 'D2');
    } finally {
      await client.dispose();
    }
  });
});
