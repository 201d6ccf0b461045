import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HubError } from '../../src/shared/errors';
import {
  DeliveryStatus as S,
  FINAL_STATUSES,
  STATUS_CODE,
  answerRecallMove,
  recallMove,
  recipientMove,
  recipientMovesFrom,
} from '../../src/subgraphs/documents/delivery/status-machine';

const ALL = Object.values(S);

/** The contract's table of recipient moves, written out independently of the module's own table. */
const ALLOWED: [S, S][] = [
  [S.PENDING, S.ARRIVED],
  [S.ARRIVED, S.ACCEPTED],
  [S.ARRIVED, S.REJECTED],
  [S.ACCEPTED, S.ASSIGNED],
  [S.ACCEPTED, S.PROCESSING],
  [S.ACCEPTED, S.COMPLETED],
  [S.ASSIGNED, S.PROCESSING],
  [S.ASSIGNED, S.COMPLETED],
  [S.PROCESSING, S.COMPLETED],
];

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof HubError);
    return e.code;
  }
  return undefined;
}

test('every allowed recipient move succeeds and carries the edXML code of the new status', () => {
  for (const [from, to] of ALLOWED) {
    const move = recipientMove(from, to, 'lý do');
    assert.deepEqual(move, { status: to, statusCode: STATUS_CODE[to] }, `${from} -> ${to}`);
  }
  assert.equal(STATUS_CODE.ARRIVED, '01');
  assert.equal(STATUS_CODE.REJECTED, '02');
  assert.equal(STATUS_CODE.COMPLETED, '06');
  assert.equal(STATUS_CODE.PENDING, null);
});

test('every other recipient move (all 81 pairs checked) is INVALID_STATUS_TRANSITION', () => {
  let forbidden = 0;
  for (const from of ALL) {
    for (const to of ALL) {
      if (ALLOWED.some(([f, t]) => f === from && t === to)) continue;
      assert.equal(codeOf(() => recipientMove(from, to, 'note')), 'INVALID_STATUS_TRANSITION', `${from} -> ${to}`);
      forbidden++;
    }
  }
  assert.equal(forbidden, ALL.length * ALL.length - ALLOWED.length);
});

test('recipientMovesFrom lists exactly the allowed moves from each status (what nextStatuses offers)', () => {
  for (const from of ALL) {
    const expected = ALLOWED.filter(([f]) => f === from).map(([, t]) => t);
    assert.deepEqual([...recipientMovesFrom(from)].sort(), expected.sort(), from);
  }
});

test('REJECTED needs a reason: BAD_USER_INPUT without one, or with only spaces', () => {
  assert.equal(codeOf(() => recipientMove(S.ARRIVED, S.REJECTED, null)), 'BAD_USER_INPUT');
  assert.equal(codeOf(() => recipientMove(S.ARRIVED, S.REJECTED, '   ')), 'BAD_USER_INPUT');
  assert.equal(recipientMove(S.ARRIVED, S.REJECTED, 'Sai thẩm quyền').statusCode, '02');
});

test('final statuses allow no recipient move at all', () => {
  for (const from of FINAL_STATUSES) for (const to of ALL) assert.equal(codeOf(() => recipientMove(from, to, 'x')), 'INVALID_STATUS_TRANSITION');
  assert.deepEqual([...FINAL_STATUSES].sort(), [S.COMPLETED, S.RECALLED, S.REJECTED]);
});

test('recall: PENDING is recalled at once, delivered copies are asked, the rest stay', () => {
  assert.deepEqual(recallMove(S.PENDING), { status: S.RECALLED, statusCode: '15' });
  for (const from of [S.ARRIVED, S.ACCEPTED, S.ASSIGNED, S.PROCESSING]) {
    assert.deepEqual(recallMove(from), { status: S.RECALL_REQUESTED, statusCode: '13', statusBeforeRecall: from });
  }
  for (const from of [S.REJECTED, S.COMPLETED, S.RECALLED, S.RECALL_REQUESTED]) assert.equal(recallMove(from), null);
});

test('answerRecall: agree is RECALLED (15); refuse restores the previous status with code 16', () => {
  assert.deepEqual(answerRecallMove(S.RECALL_REQUESTED, S.ACCEPTED, true), { status: S.RECALLED, statusCode: '15', statusBeforeRecall: null });
  assert.deepEqual(answerRecallMove(S.RECALL_REQUESTED, S.PROCESSING, false), { status: S.PROCESSING, statusCode: '16', statusBeforeRecall: null });
  for (const from of ALL.filter((s) => s !== S.RECALL_REQUESTED)) {
    assert.equal(codeOf(() => answerRecallMove(from, S.ARRIVED, true)), 'INVALID_STATUS_TRANSITION', from);
  }
});
