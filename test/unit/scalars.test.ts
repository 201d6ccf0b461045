import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kind } from 'graphql';
import { HubError } from '../../src/shared/errors';
import { DateScalar, DateTimeScalar, isCalendarDate } from '../../src/shared/scalars';

test('a Date is a real calendar day written YYYY-MM-DD', () => {
  for (const ok of ['2024-02-29', '2000-02-29', '1930-01-01', '2025-12-31', '0004-02-29', '0001-01-01']) assert.ok(isCalendarDate(ok), ok);
  for (const bad of ['2023-02-29', '1900-02-29', '0100-02-29', '0000-01-01', '2024-13-01', '2024-04-31', '2024-1-01', '20240101', '2024-01-01T00:00:00Z', ' 2024-01-01']) {
    assert.ok(!isCalendarDate(bad), bad);
  }
});

test('Date parses strings only and refuses bad input as BAD_USER_INPUT', () => {
  assert.equal(DateScalar.parseValue('2024-02-29'), '2024-02-29');
  assert.equal(DateScalar.parseLiteral({ kind: Kind.STRING, value: '1990-07-15' }), '1990-07-15');
  for (const bad of ['2023-02-29', 20240101, null]) {
    assert.throws(() => DateScalar.parseValue(bad), (e: unknown) => e instanceof HubError && e.code === 'BAD_USER_INPUT');
  }
  assert.throws(() => DateScalar.parseLiteral({ kind: Kind.INT, value: '20240101' }), HubError);
});

test('Date serializes the stored string unchanged, and a bad stored value is an internal error, not the caller\'s', () => {
  assert.equal(DateScalar.serialize('1990-07-15'), '1990-07-15');
  assert.throws(() => DateScalar.serialize(new Date()), (e: unknown) => e instanceof TypeError);
});

test('the scalar names match the contract', () => {
  assert.equal(DateScalar.name, 'Date');
  assert.equal(DateTimeScalar.name, 'DateTime');
});
