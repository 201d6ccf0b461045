/**
 * Federated subscriptions through the gateway: graphql-ws and SSE, unsubscribe reaching the subgraph,
 * WebSocket authentication, and per-agency isolation of the subgraph WebSocket connections.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startGateway, type RunningGateway } from '../../src/gateway/server';
import { tokenFor } from '../helpers/env';
import { gql, subscribeSse, subscribeWs, waitFor, wsClient, wsCloseCode, type Stream } from '../helpers/graphql';
import { BARRED_AGENCY, startTestSubgraphs, testConfig, type TestSubgraphs } from '../helpers/gateway-subgraphs';

const A = '000.00.00.A01';
const B = '000.00.00.B02';
const LETTER_ARRIVED = 'subscription { letterArrived { id subject recipient stamp } }';

/** A result's data and its errors' codes and messages: what a refused or failed subscription's event shows. */
function outcome(result: Awaited<ReturnType<Stream['next']>>) {
  return { data: result.data, errors: result.errors?.map((e) => ({ code: e.extensions?.code, message: e.message })) };
}

describe('gateway subscriptions', () => {
  let subgraphs: TestSubgraphs;
  let gateway: RunningGateway;
  let tokenA: string;
  let tokenB: string;
  const active = (sub: string) => subgraphs.mail.seen.active.get(sub) ?? 0;

  async function send(to: string, subject: string): Promise<string> {
    const res = await gql(gateway.url, 'mutation($to: String!, $subject: String!) { sendLetter(to: $to, subject: $subject) { id } }', { to, subject }, tokenA);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    return (res.data as { sendLetter: { id: string } }).sendLetter.id;
  }

  before(async () => {
    subgraphs = await startTestSubgraphs();
    gateway = await startGateway(testConfig, { subgraphs: subgraphs.urls, port: 0 });
    [tokenA, tokenB] = await Promise.all([tokenFor(testConfig, A), tokenFor(testConfig, B)]);
  });
  after(async () => {
    await gateway?.close();
    await subgraphs?.close();
  });

  it('delivers a federated event over graphql-ws, completed with a field from the other subgraph', async () => {
    const client = wsClient(gateway.url, tokenB);
    try {
      const stream = subscribeWs(client, LETTER_ARRIVED);
      await waitFor(() => active(B) === 1, 5_000, 'the subscription to reach the mail subgraph');
      const id = await send(B, 'Quyết định 12');
      assert.deepEqual(await stream.next(), {
        data: { letterArrived: { id, subject: 'Quyết định 12', recipient: B, stamp: `stamp ${id} for ${B}` } },
      });

      await stream.close();
      await waitFor(() => active(B) === 0, 5_000, 'the unsubscribe to reach the mail subgraph');
    } finally {
      await client.dispose();
    }
  });

  it('delivers a federated event over SSE, and ends it at the subgraph when the client goes', async () => {
    const stream = await subscribeSse(gateway.url, LETTER_ARRIVED, tokenB);
    try {
      await waitFor(() => active(B) === 1, 5_000, 'the SSE subscription to reach the mail subgraph');
      const id = await send(B, 'Thông báo 7');
      assert.deepEqual(await stream.next(), {
        data: { letterArrived: { id, subject: 'Thông báo 7', recipient: B, stamp: `stamp ${id} for ${B}` } },
      });
    } finally {
      await stream.close();
    }
    await waitFor(() => active(B) === 0, 5_000, 'the SSE disconnect to reach the mail subgraph');
  });

  it('keeps two agencies apart: each subscription reaches the subgraph as its own agency', async () => {
    const clientA = wsClient(gateway.url, tokenA);
    const clientB = wsClient(gateway.url, tokenB);
    try {
      const streamA = subscribeWs(clientA, LETTER_ARRIVED);
      const streamB = subscribeWs(clientB, LETTER_ARRIVED);
      // Two subscriptions of one agency on one client connection, to show they do not mix either. The
      // same operation of the same agency shares one subgraph subscription (shared-subscriptions.ts).
      const streamA2 = subscribeWs(clientA, LETTER_ARRIVED);
      await waitFor(() => active(A) === 1 && active(B) === 1, 5_000, 'one subscription per agency at the subgraph');

      const toB = await send(B, 'for B only');
      const toA = await send(A, 'for A only');
      for (const [stream, id, who] of [
        [streamA, toA, A],
        [streamA2, toA, A],
        [streamB, toB, B],
      ] as const) {
        const event = (await stream.next()).data as { letterArrived: { id: string; recipient: string; stamp: string } };
        assert.equal(event.letterArrived.id, id);
        assert.equal(event.letterArrived.recipient, who);
        assert.equal(event.letterArrived.stamp, `stamp ${id} for ${who}`);
      }
      // Nothing more is queued for anyone: A never got B's letter, nor B A's.
      await assert.rejects(streamA.next(300), /no subscription event/);
      await assert.rejects(streamB.next(300), /no subscription event/);
    } finally {
      await Promise.all([clientA.dispose(), clientB.dispose()]);
    }
    await waitFor(() => active(A) === 0 && active(B) === 0, 5_000, 'every subscription to end at the subgraph');
  });

  it('gives a graphql-ws subscriber, whose events the shared execution writes itself, what an SSE subscriber of that execution gets', async () => {
    const client = wsClient(gateway.url, tokenA);
    const ws = subscribeWs(client, LETTER_ARRIVED);
    await waitFor(() => active(A) === 1, 5_000, 'the WebSocket subscriber at the subgraph');
    const sse = await subscribeSse(gateway.url, LETTER_ARRIVED, tokenA);
    try {
      // The SSE subscriber joins the running execution at a moment the test cannot see: letters until it
      // hears one. The WebSocket subscriber, there from the start, hears every one.
      const ids: string[] = [];
      do ids.push(await send(A, `nhịp ${ids.length}`));
      while (!(await sse.next(500).then(() => true, () => false)));
      const last = await send(A, 'Công văn chung');
      const until = async (stream: typeof ws, id: string) => {
        for (;;) {
          const event = await stream.next();
          if ((event.data as { letterArrived: { id: string } }).letterArrived.id === id) return event;
        }
      };
      for (const id of ids) assert.equal(((await ws.next()).data as { letterArrived: { id: string } }).letterArrived.id, id);
      const [overWs, overSse] = await Promise.all([until(ws, last), until(sse, last)]);
      assert.deepEqual(overWs, overSse);
      assert.equal((overWs.data as { letterArrived: { subject: string } }).letterArrived.subject, 'Công văn chung');
      assert.equal(active(A), 1, 'one shared subscription at the subgraph');
    } finally {
      await sse.close();
      await client.dispose();
    }
    await waitFor(() => active(A) === 0, 5_000, 'the shared subscription to end at the subgraph');
  });

  it('sends a subscription one subgraph answers whole to it as the client wrote it; one that needs another goes through the planner', async () => {
    const MAIL_ONLY = 'subscription Mail { letterArrived { id subject recipient __typename } }';
    const client = wsClient(gateway.url, tokenB);
    try {
      const direct = subscribeWs(client, MAIL_ONLY);
      await waitFor(() => active(B) === 1, 5_000, 'the mail-only subscription at the subgraph');
      assert.equal(subgraphs.mail.seen.subscriptions.at(-1), MAIL_ONLY);
      const planned = subscribeWs(client, LETTER_ARRIVED);
      await waitFor(() => active(B) === 2, 5_000, 'the federated subscription at the subgraph');
      const sent = subgraphs.mail.seen.subscriptions.at(-1)!;
      assert.notEqual(sent, LETTER_ARRIVED);
      assert.doesNotMatch(sent, /stamp/, 'the planner asks the mail subgraph only for its own fields');

      const id = await send(B, 'Công văn 45');
      assert.deepEqual(await direct.next(), { data: { letterArrived: { id, subject: 'Công văn 45', recipient: B, __typename: 'Letter' } } });
      assert.deepEqual(await planned.next(), { data: { letterArrived: { id, subject: 'Công văn 45', recipient: B, stamp: `stamp ${id} for ${B}` } } });
    } finally {
      await client.dispose();
    }
    await waitFor(() => active(B) === 0, 5_000, 'both subscriptions to end at the subgraph');

    // Over SSE too (its events pass the runtime's hooks rather than being written to a socket).
    const sse = await subscribeSse(gateway.url, MAIL_ONLY, tokenA);
    try {
      await waitFor(() => active(A) === 1, 5_000, 'the SSE subscription at the subgraph');
      assert.equal(subgraphs.mail.seen.subscriptions.at(-1), MAIL_ONLY);
      const id = await send(A, 'Thông báo 46');
      assert.deepEqual(await sse.next(), { data: { letterArrived: { id, subject: 'Thông báo 46', recipient: A, __typename: 'Letter' } } });
    } finally {
      await sse.close();
    }
    await waitFor(() => active(A) === 0, 5_000, 'the SSE subscription to end at the subgraph');
  });

  it("relays a subgraph's refusal of a subscription sent straight to it, with its code, over graphql-ws and SSE", async () => {
    const barred = await tokenFor(testConfig, BARRED_AGENCY);
    const MAIL_ONLY = 'subscription { letterArrived { id } }';
    const client = wsClient(gateway.url, barred);
    const sse = await subscribeSse(gateway.url, MAIL_ONLY, barred);
    try {
      for (const result of [await subscribeWs(client, MAIL_ONLY).next(), await sse.next()]) {
        assert.deepEqual(outcome(result), { data: undefined, errors: [{ code: 'FORBIDDEN', message: `${BARRED_AGENCY} is barred from the mail subgraph.` }] });
      }
    } finally {
      await sse.close();
      await client.dispose();
    }
  });

  it('closes a WebSocket with 4401 without a token and 4403 with an invalid one', async () => {
    assert.equal(await wsCloseCode(gateway.url, {}), 4401);
    assert.equal(await wsCloseCode(gateway.url, undefined), 4401);
    assert.equal(await wsCloseCode(gateway.url, { authorization: 'Bearer not.a.jwt' }), 4403);
    assert.equal(await wsCloseCode(gateway.url, { authorization: `Bearer ${await tokenFor(testConfig, A, 'AGENCY', -120)}` }), 4403);
  });

  it("answers queries over the WebSocket too, as the connection's agency", async () => {
    const client = wsClient(gateway.url, tokenB);
    try {
      const result = await subscribeWs(client, '{ whoami stampCount }').next();
      assert.equal((result.data as { whoami: string }).whoami, B);
    } finally {
      await client.dispose();
    }
  });

  // These two stop the mail subgraph, so they come last.
  it('keeps a live subscription through a subgraph restart (graphql-ws re-subscribes)', async () => {
    const client = wsClient(gateway.url, tokenB);
    try {
      const stream = subscribeWs(client, LETTER_ARRIVED);
      await waitFor(() => active(B) === 1, 5_000, 'the subscription at the subgraph');
      await subgraphs.mail.server.close();
      await waitFor(() => active(B) === 0, 5_000, 'the subscription to end with the subgraph');
      await subgraphs.mail.restart();
      await waitFor(() => active(B) === 1, 15_000, 'the gateway to subscribe again');
      const id = await send(B, 'sau khi khởi động lại');
      assert.equal(((await stream.next()).data as { letterArrived: { id: string } }).letterArrived.id, id);
      await stream.close();
    } finally {
      await client.dispose();
    }
  });

  it('ends a subscription to a subgraph that is down with SERVICE_UNAVAILABLE, naming no address, and takes new ones once it is back', async () => {
    await subgraphs.mail.server.close();
    const client = wsClient(gateway.url, tokenB);
    const sse = await subscribeSse(gateway.url, LETTER_ARRIVED, tokenB);
    try {
      for (const result of [await subscribeWs(client, LETTER_ARRIVED).next(), await sse.next()]) {
        assert.deepEqual(outcome(result), { data: undefined, errors: [{ code: 'SERVICE_UNAVAILABLE', message: 'The mail service cannot be reached now; try again shortly.' }] });
      }
    } finally {
      await sse.close();
      await client.dispose();
      await subgraphs.mail.restart();
    }
    // Once it is back, new subscriptions reach it again, on both paths (planned, and sent straight).
    const again = wsClient(gateway.url, tokenB);
    try {
      const planned = subscribeWs(again, LETTER_ARRIVED);
      const direct = subscribeWs(again, 'subscription { letterArrived { id } }');
      await waitFor(() => active(B) === 2, 15_000, 'both subscriptions at the restarted subgraph');
      const id = await send(B, 'sau sự cố');
      assert.equal(((await planned.next()).data as { letterArrived: { id: string } }).letterArrived.id, id);
      assert.equal(((await direct.next()).data as { letterArrived: { id: string } }).letterArrived.id, id);
    } finally {
      await again.dispose();
    }
  });
});
