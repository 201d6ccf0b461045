/**
 * Live arrivals and status changes over graphql-ws on the documents subgraph, replay after a
 * reconnect, WebSocket authentication, and the SQL-statement bound of an inbox page.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startDocumentsSubgraph, type DocumentsServer } from '../../src/subgraphs/documents/server';
import { collect, gql, wsClient } from '../helpers/graphql';
import { GATEWAY_CONNECTION_PARAM, IDENTITY_HEADER, OPERATION_IDENTITY, SIGNATURE_HEADER, signGatewayConnection, signIdentity, type Identity } from '../../src/shared/identity';
import { signedAs, tempEnv, tokenFor, type SignedCaller, type TempEnv } from '../helpers/env';

const VPCP = '000.00.00.G22';
const NGHE_AN = '000.00.00.H41';
const HCM = '000.00.00.H29';

let env: TempEnv;
let server: DocumentsServer;
let statements: string[] = [];
const callers: Record<string, SignedCaller> = {};

before(async () => {
  env = tempEnv();
  server = await startDocumentsSubgraph(env.config, { port: 0, onQuery: (sql) => statements.push(sql) });
  for (const code of [VPCP, NGHE_AN, HCM]) callers[code] = signedAs(env.config, code);
});

after(async () => {
  await server.close();
  env.cleanup();
});

let n = 0;
async function send(recipients = [NGHE_AN, HCM], extra: Record<string, unknown> = {}) {
  n++;
  const res = await gql(
    server.url,
    `mutation($input: SendDocumentInput!) { sendDocument(input: $input) { id deliveries { id recipient { code } } } }`,
    {
      input: {
        clientRequestId: `live-${n}`,
        codeNumber: String(n),
        codeNotation: 'UBND-VX',
        documentType: 'Thông báo',
        subject: `Thông báo số ${n}`,
        promulgationPlace: 'Hà Nội',
        promulgationDate: '2026-11-01',
        signerName: 'Lê Thị Hoa',
        signerPosition: 'Phó Chủ tịch',
        recipients,
        attachments: [{ fileName: `tb-${n}.txt`, contentType: 'text/plain', contentBase64: Buffer.from(`tb ${n}`).toString('base64') }],
        ...extra,
      },
    },
    callers[VPCP],
  );
  assert.equal(res.errors, undefined, JSON.stringify(res.errors));
  return res.data!.sendDocument;
}

const ARRIVED = `subscription($after: String) { documentArrived(after: $after) { cursor delivery { id status recipient { code } document { subject sender { code } } } } }`;

test('documentArrived pushes each new arrival live, to its recipient only', async () => {
  const nghean = wsClient(server.url, callers[NGHE_AN]);
  const hcm = wsClient(server.url, callers[HCM]);
  const a = collect(nghean, ARRIVED);
  const b = collect(hcm, ARRIVED);
  await new Promise((r) => setTimeout(r, 200));
  const doc1 = await send([NGHE_AN]);
  const doc2 = await send([NGHE_AN, HCM]);
  const got = await a.next(2);
  assert.deepEqual(got.map((e) => e.documentArrived.delivery.document.subject), [`Thông báo số ${n - 1}`, `Thông báo số ${n}`]);
  assert.ok(got.every((e) => e.documentArrived.delivery.recipient.code === NGHE_AN && e.documentArrived.delivery.status === 'PENDING'));
  const other = await b.next(1);
  assert.equal(other[0].documentArrived.delivery.document.subject, `Thông báo số ${n}`);
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(b.events.length, 1, 'HCM must not hear of the document sent only to Nghệ An');
  assert.ok(doc1.id && doc2.id);
  a.dispose();
  b.dispose();
  await nghean.dispose();
  await hcm.dispose();
});

test('reconnect with the last cursor replays what was missed, in order, nothing twice, then goes live', async () => {
  const client1 = wsClient(server.url, callers[NGHE_AN]);
  const first = collect(client1, ARRIVED);
  await new Promise((r) => setTimeout(r, 150));
  await send([NGHE_AN]);
  const [seen] = await first.next(1);
  first.dispose();
  await client1.dispose();

  // Offline: three documents arrive meanwhile.
  const missed = [await send([NGHE_AN]), await send([NGHE_AN, HCM]), await send([NGHE_AN])];
  const client2 = wsClient(server.url, callers[NGHE_AN]);
  const resumed = collect(client2, ARRIVED, { after: seen.documentArrived.cursor });
  const replayed = await resumed.next(3);
  assert.deepEqual(
    replayed.map((e) => e.documentArrived.delivery.id),
    missed.map((d) => d.deliveries.find((x: any) => x.recipient.code === NGHE_AN).id),
  );
  const live = await send([NGHE_AN]);
  const all = await resumed.next(4);
  assert.equal(all[3].documentArrived.delivery.id, live.deliveries[0].id);
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(resumed.events.length, 4, 'no duplicates');
  const cursors = resumed.events.map((e) => e.documentArrived.cursor);
  assert.equal(new Set(cursors).size, 4);
  resumed.dispose();
  await client2.dispose();
});

test('an inbox edge cursor works as `after` too', async () => {
  const inbox = await gql(server.url, `{ inbox(first: 1) { edges { cursor node { id } } } }`, {}, callers[HCM]);
  const edge = inbox.data!.inbox.edges[0];
  const doc = await send([HCM]);
  const client = wsClient(server.url, callers[HCM]);
  const s = collect(client, ARRIVED, { after: edge.cursor });
  const [e] = await s.next(1);
  assert.equal(e.documentArrived.delivery.id, doc.deliveries[0].id);
  s.dispose();
  await client.dispose();
});

test('deliveryStatusChanged tells the sender each move, with replay by cursor', async () => {
  const Q = `subscription($after: String) { deliveryStatusChanged(after: $after) { cursor statusEvent { status statusCode } delivery { id status recipient { code } } } }`;
  const client = wsClient(server.url, callers[VPCP]);
  const s = collect(client, Q);
  await new Promise((r) => setTimeout(r, 150));
  const doc = await send([NGHE_AN]);
  const id = doc.deliveries[0].id;
  const MOVE = `mutation($id: ID!, $s: DeliveryStatus!) { updateDeliveryStatus(deliveryId: $id, status: $s) { status } }`;
  await gql(server.url, MOVE, { id, s: 'ARRIVED' }, callers[NGHE_AN]);
  await gql(server.url, MOVE, { id, s: 'ACCEPTED' }, callers[NGHE_AN]);
  const events = await s.next(2);
  assert.deepEqual(events.map((e) => [e.deliveryStatusChanged.statusEvent.status, e.deliveryStatusChanged.statusEvent.statusCode]), [
    ['ARRIVED', '01'],
    ['ACCEPTED', '03'],
  ]);
  s.dispose();
  await client.dispose();
  await gql(server.url, MOVE, { id, s: 'COMPLETED' }, callers[NGHE_AN]);
  const again = wsClient(server.url, callers[VPCP]);
  const r = collect(again, Q, { after: events[1].deliveryStatusChanged.cursor });
  const [missed] = await r.next(1);
  assert.equal(missed.deliveryStatusChanged.statusEvent.status, 'COMPLETED');
  r.dispose();
  await again.dispose();
});

test('WebSocket without the gateway signature closes 4401 (a client JWT included); with a forged one 4403', async () => {
  const identity = signIdentity(env.config.gatewaySecret, { sub: NGHE_AN, role: 'AGENCY' });
  for (const [params, code] of [
    [undefined, 4401],
    [{ authorization: `Bearer ${await tokenFor(env.config, NGHE_AN)}` }, 4401],
    [signIdentity('not-the-gateway-secret', { sub: NGHE_AN, role: 'AGENCY' }), 4403],
    [signGatewayConnection('not-the-gateway-secret'), 4403],
    [signGatewayConnection(env.config.gatewaySecret, Date.now() - 120_000), 4403],
    // An identity's signature does not open the gateway's shared socket.
    [{ [GATEWAY_CONNECTION_PARAM]: identity[IDENTITY_HEADER], [SIGNATURE_HEADER]: identity[SIGNATURE_HEADER] }, 4403],
  ] as const) {
    const client = wsClient(server.url, params as Record<string, unknown> | undefined);
    const s = collect(client, ARRIVED);
    await assert.rejects(s.next(1, 3000));
    const closeEvent = s.errors[0] as { code?: number };
    assert.equal(closeEvent.code, code);
    await client.dispose();
  }
});

test("the gateway's one socket carries each agency's subscription as that agency; a refused one ends alone, with its code", async () => {
  const client = wsClient(server.url, { signed: () => signGatewayConnection(env.config.gatewaySecret) });
  const as = (identity: Identity, secret = env.config.gatewaySecret, now = Date.now()) => ({ [OPERATION_IDENTITY]: signIdentity(secret, identity, now) });
  try {
    const nghean = collect(client, ARRIVED, {}, as({ sub: NGHE_AN, role: 'AGENCY' }));
    const hcm = collect(client, ARRIVED, {}, as({ sub: HCM, role: 'AGENCY' }));
    const refused = [
      collect(client, ARRIVED),
      collect(client, ARRIVED, {}, as({ sub: NGHE_AN, role: 'AGENCY' }, 'not-the-gateway-secret')),
      collect(client, ARRIVED, {}, as({ sub: NGHE_AN, role: 'AGENCY' }, env.config.gatewaySecret, Date.now() - 120_000)),
      collect(client, ARRIVED, {}, as({ sub: '000.00.00.X99', role: 'AGENCY' })),
    ];
    const invalid = collect(client, 'subscription { documentDeparted { cursor } }', {}, as({ sub: NGHE_AN, role: 'AGENCY' }));
    for (const s of [...refused, invalid]) {
      await assert.rejects(s.next(1, 3000));
      assert.ok(Array.isArray(s.errors[0]), `a refusal of the subscription, not of the socket: ${JSON.stringify(s.errors)}`);
    }
    for (const s of refused) assert.equal((s.errors[0] as { extensions?: { code?: string } }[])[0]?.extensions?.code, 'UNAUTHENTICATED');
    assert.match((invalid.errors[0] as { message: string }[])[0].message, /Cannot query field "documentDeparted"/);
    await new Promise((r) => setTimeout(r, 200));
    await send([NGHE_AN]);
    await send([HCM]);
    assert.equal((await nghean.next(1))[0].documentArrived.delivery.recipient.code, NGHE_AN);
    assert.equal((await hcm.next(1))[0].documentArrived.delivery.recipient.code, HCM);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(nghean.events.length, 1, 'Nghệ An hears only of its own arrival');
    assert.equal(hcm.events.length, 1, 'Hồ Chí Minh City hears only of its own arrival');
    nghean.dispose();
    hcm.dispose();
  } finally {
    await client.dispose();
  }
});

test('an inbox page costs the same number of SQL statements at 5 and at 50 deliveries', async () => {
  for (let i = 0; i < 50; i++) await send([HCM]);
  const Q = `query($first: Int) { inbox(first: $first) { edges { node { id status statusCode updatedAt recipient { code name }
      history { status byAgency { code } }
      document { id subject sender { code name parent { code } } attachments { fileName sha256 } deliveries { id } } } } } }`;
  const count = async (first: number) => {
    statements = [];
    const res = await gql(server.url, Q, { first }, callers[HCM]);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.equal(res.data!.inbox.edges.length, first);
    return statements.length;
  };
  const small = await count(5);
  const large = await count(50);
  assert.equal(large, small, `statements: ${small} for 5, ${large} for 50`);
  assert.ok(large <= 12, `an inbox page should need a handful of statements, got ${large}`);
  console.log(`inbox page statements: ${small} at 5 deliveries, ${large} at 50`);
});
