/**
 * The subgraphs' WebSocket documents (subgraph-server.ts, ValidDocuments): parsed and validated once per
 * text and shared by the subscriptions of that text; what does not parse or validate is refused each time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSchema, GraphQLError } from 'graphql';
import { ValidDocuments } from '../../src/shared/subgraph-server';

const schema = buildSchema('type Query { ping: String } type Subscription { arrived(agency: String!): String }');
const ARRIVED = 'subscription($a: String!) { arrived(agency: $a) }';

test('a text that validates is parsed once: every subscription of it gets the same document', () => {
  const documents = new ValidDocuments(schema);
  const first = documents.get(ARRIVED);
  assert.ok(!Array.isArray(first));
  assert.equal(documents.get(ARRIVED), first);
  assert.notEqual(documents.get(`${ARRIVED} `), first, 'another text is another document');
});

test('a text that does not parse or validate is refused with its errors, each time', () => {
  const documents = new ValidDocuments(schema);
  for (const [query, message] of [
    ['subscription { arrived(agency: "x") ', /Syntax Error/],
    ['subscription { arrived }', /argument "agency" of type "String!" is required/],
    ['subscription { departed }', /Cannot query field "departed"/],
  ] as const) {
    for (let i = 0; i < 2; i++) {
      const errors = documents.get(query);
      assert.ok(Array.isArray(errors) && errors.length > 0 && errors.every((e) => e instanceof GraphQLError), query);
      assert.match((errors as readonly GraphQLError[])[0].message, message);
    }
  }
});
