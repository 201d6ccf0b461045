/**
 * schema/ holds the committed SDL of every subgraph, the composed supergraph and its API schema.
 * These fail when the code and those files drift apart, and when the API schema no longer offers
 * everything the public contract (shared/contract.graphql) promises clients.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSchema, findBreakingChanges } from 'graphql';
import { loadConfig } from '../../src/config';
import { API_SCHEMA_FILE, SCHEMA_DIR, SUPERGRAPH_FILE, composeFromFiles, defaultSubgraphUrls } from '../../src/gateway/compose';
import { SUBGRAPH_SCHEMAS } from '../../src/gateway/hub';

const FIX = 'run `npm run schema:print` and commit schema/';
/** shared/ sits beside the repository root (in CI too); the test runs from dist/test/unit. */
const CONTRACT_FILE = path.resolve(__dirname, '../../../../shared/contract.graphql');
const read = (file: string) => fs.readFileSync(file, 'utf8');

for (const [name, build] of Object.entries(SUBGRAPH_SCHEMAS)) {
  test(`schema/${name}.graphql is what the code builds`, async () => {
    assert.equal(read(path.join(SCHEMA_DIR, `${name}.graphql`)), (await build()).sdl, `schema/${name}.graphql is out of date: ${FIX}`);
  });
}

test('schema/supergraph.graphql and schema/api.graphql are the composition of the committed subgraphs', () => {
  const { supergraphSdl, publicSdl } = composeFromFiles(defaultSubgraphUrls(loadConfig({})));
  assert.equal(read(SUPERGRAPH_FILE).trimEnd(), supergraphSdl.trimEnd(), `schema/supergraph.graphql is out of date: ${FIX}`);
  assert.equal(read(API_SCHEMA_FILE).trimEnd(), publicSdl.trimEnd(), `schema/api.graphql is out of date: ${FIX}`);
});

test('the API schema keeps every name and type of the public contract (no breaking change from it)', () => {
  const contract = buildSchema(read(CONTRACT_FILE));
  const ours = buildSchema(read(API_SCHEMA_FILE));
  const breaking = findBreakingChanges(contract, ours);
  assert.deepEqual(breaking.map((c) => `${c.type}: ${c.description}`), []);
});
