/**
 * Stopping: SIGTERM to a process running the gateway and its subgraphs lets an in-flight request
 * finish, closes WebSocket clients cleanly (1001) and exits, with code 0, within 5 s.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { SHUTDOWN_DEADLINE_MS } from '../../src/gateway/lifecycle';
import { tokenFor } from '../helpers/env';
import { testConfig } from '../helpers/gateway-subgraphs';
import { gql, subscribeWs, wsClient } from '../helpers/graphql';

it('exits within 5 s of SIGTERM, after finishing what is in flight', async (t) => {
  const spawned = Date.now();
  const helper = JSON.stringify(path.join(__dirname, '../helpers/gateway-sigterm-child.js'));
  const script = `require(${helper}).runHubUntilSignalled().catch((e) => { console.error(e); process.exit(1); })`;
  const child = spawn(process.execPath, ['-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    const { url } = JSON.parse(line) as { url: string };
    t.diagnostic(`child listening after ${Date.now() - spawned} ms`);
    const bearer = await tokenFor(testConfig, '000.00.00.A01');

    let closeCode: number | undefined;
    const client = wsClient(url, bearer, { closed: (e) => (closeCode = (e as { code: number }).code) });
    const stream = subscribeWs(client, 'subscription { letterArrived { id stamp } }');
    // The subscription is live end to end once a letter sent now arrives through it.
    let arrived = false;
    const arrival = stream.next(10_000).then(() => (arrived = true));
    while (!arrived) {
      await gql(url, 'mutation { sendLetter(to: "000.00.00.A01", subject: "ping") { id } }', {}, bearer);
      await Promise.race([arrival, new Promise((r) => setTimeout(r, 100))]);
    }

    const inFlight = gql(url, '{ slow(ms: 1000) }', {}, bearer);
    await new Promise((r) => setTimeout(r, 300));
    const signalled = Date.now();
    child.kill('SIGTERM');

    const [code] = (await once(child, 'exit')) as [number | null];
    const took = Date.now() - signalled;
    t.diagnostic(`exited ${took} ms after SIGTERM`);
    assert.equal(code, 0);
    assert.ok(took < SHUTDOWN_DEADLINE_MS, `exited ${took} ms after SIGTERM`);
    const finished = await inFlight;
    assert.equal(finished.status, 200);
    assert.deepEqual(finished.data, { slow: 'slept 1000 ms' });
    assert.equal(closeCode, 1001);
    await client.dispose();
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
