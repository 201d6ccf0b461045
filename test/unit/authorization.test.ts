/**
 * The documents subgraph's authorization rules (authorization.ts), cell by cell: each role against each
 * rule, as pure functions. The same matrix is exercised end to end in test/integration/security-matrix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  actsAsAgency,
  documentAccess,
  documentScope,
  mayChangeDirectory,
  mayMoveDelivery,
  mayReadContent,
  mayReadStatistics,
  mayRecall,
  visibleDeliveries,
} from '../../src/subgraphs/documents/authorization';
import type { Identity } from '../../src/shared/identity';

const SENDER = '000.00.00.G22';
const RECIPIENT = '000.00.00.H41';
const OTHER = '000.00.00.H29';
const THIRD = '000.00.00.G12';

const callers: Record<string, Identity> = {
  sender: { sub: SENDER, role: 'AGENCY' },
  recipient: { sub: RECIPIENT, role: 'AGENCY' },
  third: { sub: THIRD, role: 'AGENCY' },
  operator: { sub: 'operator-1', role: 'OPERATOR' },
  analyst: { sub: 'analyst-1', role: 'ANALYST' },
  // A user id that happens to equal an agency code gives no agency rights to another role.
  analystNamedLikeTheSender: { sub: SENDER, role: 'ANALYST' },
  operatorNamedLikeTheRecipient: { sub: RECIPIENT, role: 'OPERATOR' },
};

const deliveries = [{ recipientCode: RECIPIENT }, { recipientCode: OTHER }];

/** caller → [access, deliveries seen, content?, moves RECIPIENT's copy?, recalls?, directory?, statistics?, acts as agency?] */
const MATRIX: Record<string, [ReturnType<typeof documentAccess>, string[], boolean, boolean, boolean, boolean, boolean, boolean]> = {
  sender: ['SENDER', [RECIPIENT, OTHER], true, false, true, false, false, true],
  recipient: ['RECIPIENT', [RECIPIENT], true, true, false, false, false, true],
  third: [null, [], false, false, false, false, false, true],
  operator: ['SUPPORT', [RECIPIENT, OTHER], false, false, false, true, true, false],
  analyst: [null, [], false, false, false, false, true, false],
  analystNamedLikeTheSender: [null, [], false, false, false, false, true, false],
  operatorNamedLikeTheRecipient: ['SUPPORT', [RECIPIENT, OTHER], false, false, false, true, true, false],
};

for (const [who, [access, seen, content, moves, recalls, directory, statistics, agency]] of Object.entries(MATRIX)) {
  test(`matrix: ${who}`, () => {
    const identity = callers[who];
    const got = documentAccess(identity, SENDER, [RECIPIENT, OTHER]);
    assert.equal(got, access, 'document access');
    assert.deepEqual(visibleDeliveries(identity, got, deliveries).map((d) => d.recipientCode), seen, 'deliveries seen');
    assert.equal(mayReadContent(got), content, 'attachment content, citizens and parcels');
    assert.equal(mayMoveDelivery(identity, RECIPIENT), moves, "moves the recipient's delivery");
    assert.equal(mayRecall(identity, SENDER), recalls, 'recalls the document');
    assert.equal(mayChangeDirectory(identity), directory, 'changes the directory');
    assert.equal(mayReadStatistics(identity), statistics, 'reads statistics');
    assert.equal(actsAsAgency(identity), agency, 'inbox, outbox, sending, live events');
  });
}

test('scope of documents found by the records they concern: all for support, own for an agency, none for analysts', () => {
  assert.deepEqual(documentScope(callers.operator), { kind: 'ALL' });
  assert.deepEqual(documentScope(callers.third), { kind: 'AGENCY', code: THIRD });
  assert.equal(documentScope(callers.analyst), null);
});

test('a recipient never moves a copy addressed to another agency, even of the same document', () => {
  assert.equal(mayMoveDelivery(callers.recipient, OTHER), false);
});
