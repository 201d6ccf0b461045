/**
 * Composing the supergraph: from SDL files, from running subgraphs (the LIENTHONG_SUBGRAPHS mode, end to
 * end through a gateway), and the readable failures.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config';
import {
  composeFromFiles,
  composeFromSubgraphs,
  composeSupergraph,
  CompositionError,
  fetchSubgraphSdl,
  subgraphsOf,
} from '../../src/gateway/compose';
import { startGateway } from '../../src/gateway/server';
import { tokenFor } from '../helpers/env';
import { gql } from '../helpers/graphql';
import { startTestSubgraphs, testConfig, type TestSubgraphs } from '../helpers/gateway-subgraphs';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';

describe('supergraph composition', () => {
  let subgraphs: TestSubgraphs;
  let dir: string;

  before(async () => {
    subgraphs = await startTestSubgraphs();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-compose-'));
  });
  after(async () => {
    await subgraphs?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('composes from SDL files, routing each subgraph to the URL given', async () => {
    for (const [name, url] of Object.entries(subgraphs.urls)) fs.writeFileSync(path.join(dir, `${name}.graphql`), await fetchSubgraphSdl(url));
    const urls = { mail: 'http://127.0.0.1:4101/graphql', stamps: 'http://127.0.0.1:4102/graphql' };
    const { supergraphSdl: supergraph } = composeFromFiles(urls, dir);
    assert.deepEqual(subgraphsOf(supergraph), urls);
    assert.match(supergraph, /type Letter[^{]*\{[^}]*stamp: String!/);
  });

  it('names a missing SDL file', () => {
    assert.throws(() => composeFromFiles({ nowhere: 'http://127.0.0.1:1/graphql' }, dir), (e: unknown) => {
      assert.ok(e instanceof CompositionError);
      assert.match(e.message, /nowhere: .*nowhere\.graphql does not exist/);
      return true;
    });
  });

  it('lists every composition error, with its code', () => {
    assert.throws(
      () =>
        composeSupergraph([
          { name: 'a', url: 'http://127.0.0.1:1/graphql', sdl: `${LINK}\ntype Query { x: String }` },
          { name: 'b', url: 'http://127.0.0.1:2/graphql', sdl: `${LINK}\ntype Query { x: Int }` },
          { name: 'c', url: 'http://127.0.0.1:3/graphql', sdl: 'type Query { broken' },
        ]),
      (e: unknown) => {
        assert.ok(e instanceof CompositionError);
        assert.match(e.message, /^The supergraph could not be composed:\n {2}- c: its SDL does not parse/);
        return true;
      },
    );
    assert.throws(
      () =>
        composeSupergraph([
          { name: 'a', url: 'http://127.0.0.1:1/graphql', sdl: `${LINK}\ntype Query { x: String }` },
          { name: 'b', url: 'http://127.0.0.1:2/graphql', sdl: `${LINK}\ntype Query { x: Int }` },
        ]),
      (e: unknown) => {
        assert.ok(e instanceof CompositionError);
        assert.ok(e.problems.length >= 1);
        assert.match(e.message, /\[[A-Z_]+\] .*Query\.x/);
        return true;
      },
    );
  });

  it('says which subgraph could not be read', async () => {
    await assert.rejects(composeFromSubgraphs({ ...subgraphs.urls, gone: 'http://127.0.0.1:9/graphql' }), /Could not read the SDL of http:\/\/127\.0\.0\.1:9\/graphql/);
  });

  it('runs a gateway from LIENTHONG_SUBGRAPHS alone', async () => {
    const config = loadConfig({
      HOST: '127.0.0.1',
      PORT: '0',
      LIENTHONG_JWT_SECRET: testConfig.jwtSecret,
      LIENTHONG_GATEWAY_SECRET: testConfig.gatewaySecret,
      LIENTHONG_LOG_LEVEL: 'silent',
      LIENTHONG_SUBGRAPHS: Object.entries(subgraphs.urls).map(([n, u]) => `${n}=${u}`).join(','),
    });
    const gateway = await startGateway(config);
    try {
      const res = await gql(gateway.url, '{ whoami stampCount }', {}, await tokenFor(testConfig, '000.00.00.A01'));
      assert.equal(res.errors, undefined);
      assert.equal((res.data as { whoami: string }).whoami, '000.00.00.A01');
    } finally {
      await gateway.close();
    }
  });
});
