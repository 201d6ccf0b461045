/**
 * The hub never turns Node's promise hooks on. On Node 20 the first run of any AsyncLocalStorage does, for
 * the rest of the process, and every promise then pays for them; MikroORM enters one in em.transactional
 * and another in every flush, so writes go through shared/db.ts inTransaction, knex and em.insert or
 * nativeUpdate (bench/changes.ts, 29). Checked in a child process: the test runner has them on in its own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const HELPER = JSON.stringify(path.join(__dirname, '../helpers/promise-hooks-child.js'));

test('starting the hub in one process, a send, moves, a recall and directory changes leave promise hooks off; one em.flush turns them on', async () => {
  const script = `require(${HELPER}).reportPromiseHooks().catch((e) => { console.error(e); process.exitCode = 1; })`;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { env: { ...process.env, LIENTHONG_LOG_LEVEL: 'silent' }, timeout: 120_000 });
  assert.deepEqual(JSON.parse(stdout), { afterStart: false, afterWrites: false, afterFlush: true });
});
