/**
 * Which subscriptions the gateway sends straight to a subgraph (direct-subscriptions.ts): those whose
 * every field, variable and directive one subgraph takes, read from the committed supergraph's join
 * directives; anything the planner must split or that names another subgraph's field stays with it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { parse } from 'graphql';
import { SubgraphOwnership } from '../../src/gateway/direct-subscriptions';
import { SUPERGRAPH_FILE } from '../../src/gateway/compose';

const ownership = new SubgraphOwnership(fs.readFileSync(SUPERGRAPH_FILE, 'utf8'));
const sole = (query: string) => ownership.soleSubgraph(parse(query));

test("a subscription of the documents subgraph's own fields goes to it, with variables, fragments, @skip and entity keys", () => {
  for (const query of [
    'subscription { documentArrived { cursor delivery { id status recipient { code } document { id subject sentAt urgency sender { code name parent { code } } } } } }',
    'subscription($after: String, $brief: Boolean!) { documentArrived(after: $after) { cursor @skip(if: $brief) delivery { ...D } } } fragment D on Delivery { id history { status at } }',
    'subscription { deliveryStatusChanged { delivery { document { citizens { personalId } landParcels { parcelId } attachments { sha256 } } } statusEvent { status } } }',
    'subscription { documentArrived { __typename delivery { ... on Delivery { id } __typename } } }',
  ]) {
    assert.equal(sole(query), 'documents', query);
  }
});

test('a subscription that needs another subgraph, or that the planner must read, is left to the planner', () => {
  for (const query of [
    // a citizen's name is the population subgraph's; a parcel's area the land subgraph's
    'subscription { documentArrived { delivery { document { citizens { personalId fullName } } } } }',
    'subscription { documentArrived { delivery { document { landParcels { areaM2 } } } } }',
    'subscription { documentArrived { delivery { ...Far } } } fragment Far on Delivery { document { citizens { fullName } } }',
    // another operation in the same document would be sent with it
    'subscription S { documentArrived { cursor } } query Q { citizens(first: 1) { totalCount } }',
    // a directive other than @skip and @include
    'subscription { documentArrived { ... @defer { cursor } } }',
  ]) {
    assert.equal(sole(query), undefined, query);
  }
});
