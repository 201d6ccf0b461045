/**
 * The gateway over HTTP, against two throwaway subgraphs: federation, authentication, identity
 * forwarding, error pass-through, health and readiness, a subgraph going down and coming back.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startGateway, type RunningGateway } from '../../src/gateway/server';
import { signToken } from '../../src/shared/identity';
import { tokenFor } from '../helpers/env';
import { gql } from '../helpers/graphql';
import { startTestSubgraphs, testConfig, type TestSubgraphs } from '../helpers/gateway-subgraphs';

describe('gateway over HTTP', () => {
  let subgraphs: TestSubgraphs;
  let gateway: RunningGateway;
  let agencyA: string;

  before(async () => {
    subgraphs = await startTestSubgraphs();
    gateway = await startGateway(testConfig, { subgraphs: subgraphs.urls, port: 0 });
    agencyA = await tokenFor(testConfig, '000.00.00.A01');
  });
  after(async () => {
    await gateway?.close();
    await subgraphs?.close();
  });

  it('resolves one query across both subgraphs, each seeing the caller signed by the gateway', async () => {
    const sent = await gql(gateway.url, 'mutation { sendLetter(to: "000.00.00.B02", subject: "Công văn 1") { id } }', {}, agencyA);
    assert.equal(sent.status, 200, JSON.stringify(sent));
    const id = (sent.data as { sendLetter: { id: string } }).sendLetter.id;

    const res = await gql(gateway.url, `{ whoami letter(id: "${id}") { id subject recipient stamp } }`, {}, agencyA);
    assert.equal(res.status, 200);
    assert.equal(res.errors, undefined);
    assert.deepEqual(res.data, {
      whoami: '000.00.00.A01',
      letter: { id, subject: 'Công văn 1', recipient: '000.00.00.B02', stamp: `stamp ${id} for 000.00.00.A01` },
    });
  });

  it("never forwards the client's Authorization header to a subgraph", async () => {
    const res = await gql(gateway.url, '{ whoami stampCount }', {}, agencyA);
    assert.equal(res.errors, undefined);
    const seen = [...subgraphs.mail.seen.authorizations, ...subgraphs.stamps.seen.authorizations];
    assert.ok(seen.length > 0);
    assert.deepEqual(seen.filter((a) => a !== undefined), []);
  });

  for (const [name, authorization] of [
    ['missing', undefined],
    ['not a bearer token', 'Basic dXNlcjpwYXNz'],
    ['malformed', 'Bearer not.a.jwt'],
  ] as const) {
    it(`answers UNAUTHENTICATED (401) when the token is ${name}`, async () => {
      const res = await gql(gateway.url, '{ whoami }', {}, { authorization });
      assert.equal(res.status, 401);
      assert.equal(res.headers.get('www-authenticate'), 'Bearer');
      assert.equal(res.data, undefined);
      assert.equal(res.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
      assert.equal(res.errors?.[0]?.extensions?.http, undefined);
    });
  }

  it('answers UNAUTHENTICATED when the token is expired or signed with another secret', async () => {
    const expired = await signToken(testConfig.jwtSecret, { sub: 'x', role: 'AGENCY' }, -120);
    const forged = await signToken('some-other-secret', { sub: 'x', role: 'AGENCY' }, 300);
    for (const bearer of [expired, forged]) {
      const res = await gql(gateway.url, '{ whoami }', {}, bearer);
      assert.equal(res.status, 401);
      assert.equal(res.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    }
  });

  it('tells an anonymous caller nothing about the schema (auth before validation)', async () => {
    const res = await gql(gateway.url, '{ noSuchField }');
    assert.equal(res.status, 401);
    assert.equal(res.errors?.length, 1);
    assert.equal(res.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
  });

  for (const code of ['BAD_USER_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'INVALID_STATUS_TRANSITION', 'CONFLICT', 'UNAUTHENTICATED']) {
    it(`passes a subgraph's ${code} through unchanged, without a stack trace`, async () => {
      const res = await gql(gateway.url, `{ whoami fail(code: "${code}") }`, {}, agencyA);
      assert.deepEqual(res.data, { whoami: '000.00.00.A01', fail: null });
      assert.equal(res.errors?.length, 1);
      const [error] = res.errors!;
      assert.equal(error.message, `failed with ${code} on purpose`);
      assert.deepEqual(error.path, ['fail']);
      assert.equal(error.extensions?.code, code);
      assert.doesNotMatch(JSON.stringify(res), /stacktrace|\bat .+\.js:\d+/);
    });
  }

  it('serves /healthz, and GraphiQL to a browser without a token', async () => {
    const health = await fetch(new URL('/healthz', gateway.url));
    assert.equal(health.status, 200);
    const graphiql = await fetch(gateway.url, { headers: { accept: 'text/html' } });
    assert.equal(graphiql.status, 200);
    assert.match(await graphiql.text(), /graphiql/i);
  });

  it('gives partial data and an error while a subgraph is down, and recovers when it is back', async () => {
    const ready = await fetch(new URL('/readyz', gateway.url));
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { ready: true, down: [] });

    await subgraphs.stamps.server.close();
    const notReady = await fetch(new URL('/readyz', gateway.url));
    assert.equal(notReady.status, 503);
    const report = (await notReady.json()) as { down: { name: string }[] };
    assert.deepEqual(report.down.map((d) => d.name), ['stamps']);

    const partial = await gql(gateway.url, '{ whoami stampCount }', {}, agencyA);
    assert.equal(partial.status, 200);
    assert.deepEqual(partial.data, { whoami: '000.00.00.A01', stampCount: null });
    assert.equal(partial.errors?.length, 1);
    assert.deepEqual(partial.errors?.[0]?.path, ['stampCount']);
    assert.equal(partial.errors?.[0]?.extensions?.code, 'SERVICE_UNAVAILABLE');
    assert.doesNotMatch(JSON.stringify(partial), /127\.0\.0\.1|ECONNREFUSED|stack/);

    await subgraphs.stamps.restart();
    const recovered = await gql(gateway.url, '{ whoami stampCount }', {}, agencyA);
    assert.equal(recovered.errors, undefined);
    assert.equal(typeof (recovered.data as { stampCount: number }).stampCount, 'number');
    assert.equal((await fetch(new URL('/readyz', gateway.url))).status, 200);
  });

  it('refuses a body larger than LIENTHONG_MAX_REQUEST_BYTES with 413, unread', async () => {
    const small = await startGateway({ ...testConfig, maxRequestBytes: 4096 }, { subgraphs: subgraphs.urls, port: 0 });
    try {
      const res = await gql(small.url, `{ whoami fail(code: "${'x'.repeat(5000)}") }`, {}, agencyA);
      assert.equal(res.status, 413);
      assert.equal(res.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
      assert.equal(res.errors?.[0]?.extensions?.limitBytes, 4096);
    } finally {
      await small.close();
    }
  });
});
