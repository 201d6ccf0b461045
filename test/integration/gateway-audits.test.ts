/**
 * The GraphQL over HTTP spec audits of graphql-http, run against the gateway with a valid token:
 * every MUST passes; the SHOULDs not met are printed with the reason (and listed in the gateway notes).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { serverAudits } from 'graphql-http';
import { startGateway, type RunningGateway } from '../../src/gateway/server';
import { tokenFor } from '../helpers/env';
import { startTestSubgraphs, testConfig, type TestSubgraphs } from '../helpers/gateway-subgraphs';

describe('GraphQL over HTTP audits', () => {
  let subgraphs: TestSubgraphs;
  let gateway: RunningGateway;
  let bearer: string;

  before(async () => {
    subgraphs = await startTestSubgraphs();
    gateway = await startGateway(testConfig, { subgraphs: subgraphs.urls, port: 0 });
    bearer = await tokenFor(testConfig, '000.00.00.A01');
  });
  after(async () => {
    await gateway?.close();
    await subgraphs?.close();
  });

  it('passes every MUST', async (t) => {
    // The audits send no credentials; the gateway answers 401 to anonymous requests, so add a token.
    const fetchFn = (input: string | URL | Request, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${bearer}`);
      return fetch(input, { ...init, headers });
    };
    const results = await Promise.all(serverAudits({ url: gateway.url, fetchFn }).map((audit) => audit.fn()));
    const failed = results.filter((r) => r.status !== 'ok');
    for (const r of failed) t.diagnostic(`${r.status}: ${r.name} — ${'reason' in r ? r.reason : ''}`);
    t.diagnostic(`${results.length - failed.length}/${results.length} audits ok`);
    assert.deepEqual(
      failed.filter((r) => r.name.startsWith('MUST')).map((r) => r.name),
      [],
    );
  });
});
