/**
 * The gateway's cost estimate (gateway/cost.ts) on the API schema: lists costed by `first` — inline, by
 * variable or by default — per-field costs, fragments, page sizes out of range; the hub's own example
 * operations well under the default limit; and a property: asking for more never costs less.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildSchema, parse } from 'graphql';
import { loadConfig } from '../../src/config';
import { ASSUMED_LIST_SIZE, estimateCost } from '../../src/gateway/cost';
import { API_SCHEMA_FILE } from '../../src/gateway/compose';

const schema = buildSchema(fs.readFileSync(API_SCHEMA_FILE, 'utf8'));
const cost = (query: string, variables: Record<string, unknown> = {}) => estimateCost(schema, parse(query), undefined, variables)!;

test('a connection multiplies what is under it by first, whether inline, by variable or by default', () => {
  const inline = cost('{ inbox(first: 50) { edges { node { id document { id } } } } }').cost;
  assert.equal(inline, 1 + 50 * (1 + (1 + 1)));
  assert.equal(cost('query($n: Int) { inbox(first: $n) { edges { node { id document { id } } } } }', { n: 50 }).cost, inline);
  // inbox's default is 20: an argument left out is not a free pass.
  assert.equal(cost('{ inbox { edges { node { id document { id } } } } }').cost, 1 + 20 * 3);
});

test('a list without first counts as ASSUMED_LIST_SIZE; costly fields weigh more; fragments count where spread', () => {
  const plain = cost('query($id: ID!) { document(id: $id) { deliveries { id } } }', { id: '1' }).cost;
  assert.equal(plain, 1 + 1);
  const deep = cost('query($id: ID!) { document(id: $id) { deliveries { history { byAgency { code } } } } }', { id: '1' }).cost;
  assert.equal(deep, 1 + 1 + ASSUMED_LIST_SIZE * (1 + ASSUMED_LIST_SIZE * 1));
  const content = cost('query($id: ID!) { document(id: $id) { attachments { contentBase64 } } }', { id: '1' }).cost;
  assert.equal(content, 1 + 1 + ASSUMED_LIST_SIZE * 50);
  const viaFragment = cost('query($id: ID!) { document(id: $id) { ...D } } fragment D on Document { attachments { contentBase64 } }', { id: '1' }).cost;
  assert.equal(viaFragment, content);
});

test('page sizes outside 0..100 are reported with their path, whatever way they are given', () => {
  assert.deepEqual(cost('query($n: Int) { agencies(first: $n) { edges { node { children(first: 500) { totalCount } } } } }', { n: 101 }).badPageSizes, [
    { path: 'agencies', first: 101 },
    { path: 'agencies.edges.node.children', first: 500 },
  ]);
  assert.deepEqual(cost('{ inbox(first: -1) { totalCount } }').badPageSizes, [{ path: 'inbox', first: -1 }]);
  assert.deepEqual(cost('{ inbox(first: 100) { totalCount } }').badPageSizes, []);
});

test('variables that do not coerce leave nothing to estimate (execution reports them)', () => {
  assert.equal(estimateCost(schema, parse('query($n: Int) { inbox(first: $n) { totalCount } }'), undefined, { n: 'many' }), null);
});

test("the hub's own example operations cost far less than the default limit", () => {
  const dir = path.resolve(__dirname, '../../../examples/operations');
  const { maxCost } = loadConfig({}).limits;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.graphql'))) {
    const document = parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    const estimate = estimateCost(schema, document, undefined, {
      documentId: '1',
      deliveryId: '1',
      personalId: '001090000001',
      parcelId: 'P-1',
      agree: true,
      status: 'ARRIVED',
      reason: 'x',
      input: { clientRequestId: 'k', codeNumber: '1', codeNotation: 'CV', documentType: 'Công văn', subject: 'x', promulgationPlace: 'x', promulgationDate: '2026-01-01', signerName: 'x', signerPosition: 'x', recipients: ['000.00.00.H41'] },
    });
    assert.ok(estimate, file);
    console.log(`${file}: cost ${estimate.cost}`);
    assert.ok(estimate.cost <= maxCost / 4, `${file} costs ${estimate.cost}`);
  }
});

test('property: a larger first never costs less', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (a, b) => {
      const q = 'query($n: Int) { agencies(first: $n) { edges { node { children(first: $n) { edges { node { code } } } } } } }';
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      return cost(q, { n: lo }).cost <= cost(q, { n: hi }).cost;
    }),
  );
});
