import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LARGE_BODY_CHARS, useSubgraphBodiesAsBytes } from '../../src/gateway/subgraph-bodies';

type OnFetch = (payload: { options: RequestInit; setOptions: (o: RequestInit) => void }) => void;
const onFetch = useSubgraphBodiesAsBytes().onFetch as unknown as OnFetch;

test('a large text body is handed on as its UTF-8 bytes, every other option kept', () => {
  const body = JSON.stringify({
    query: 'mutation { x }',
    variables: { subject: 'Công điện hỏa tốc về ứng phó bão', content: 'QUJD'.repeat(LARGE_BODY_CHARS / 4) },
  });
  const options: RequestInit = { method: 'POST', headers: { 'content-type': 'application/json' }, body };
  let set: RequestInit | undefined;
  onFetch({ options, setOptions: (o) => (set = o) });
  assert.ok(Buffer.isBuffer(set?.body));
  assert.equal((set.body as Buffer).toString('utf8'), body);
  assert.equal((set.body as Buffer).length, Buffer.byteLength(body));
  assert.equal(set.method, 'POST');
  assert.deepEqual(set.headers, options.headers);
});

test('a small text body, one already in bytes, or none, is left alone', () => {
  for (const body of ['{"query":"{ inbox { totalCount } }"}', 'x'.repeat(LARGE_BODY_CHARS - 1), Buffer.from('{}'), undefined]) {
    let called = false;
    onFetch({ options: { method: 'POST', body }, setOptions: () => (called = true) });
    assert.equal(called, false);
  }
});
