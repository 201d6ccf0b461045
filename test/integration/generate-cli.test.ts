/** `generate [--scale N]` as an operator runs it: progress, idempotence, refresh at another scale. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tempEnv, type TempEnv } from '../helpers/env';

const CLI = path.resolve(__dirname, '../../src/cli/generate.js');
let env: TempEnv;

before(() => {
  env = tempEnv();
});

after(() => env?.cleanup());

function generate(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, [CLI, ...args], {
    env: { ...process.env, LIENTHONG_DATA_DIR: env.dir, LIENTHONG_LOG_LEVEL: 'silent' },
  });
}

test('generates both datasets with progress, then leaves data of the same scale alone', async () => {
  const first = await generate('--scale', '300');
  assert.match(first.stdout, /^population: 300\/300 rows$/m);
  assert.match(first.stdout, /^population: generated for scale 300 in [\d.]+ s$/m);
  assert.match(first.stdout, /^land: generated for scale 300 in [\d.]+ s$/m);

  const again = await generate('--scale', '300');
  assert.equal(
    again.stdout,
    'population: already holds the data for scale 300, nothing to do\nland: already holds the data for scale 300, nothing to do\n',
  );
});

test('another scale replaces the data', async () => {
  const bigger = await generate('--scale', '400');
  assert.match(bigger.stdout, /^population: 400\/400 rows$/m);
  assert.match(bigger.stdout, /^land: generated for scale 400/m);
  const again = await generate('--scale', '400');
  assert.match(again.stdout, /population: already holds the data for scale 400/);
});

test('a scale that is not a positive integer is refused', async () => {
  await assert.rejects(generate('--scale', 'lots'), (e: { code?: number; stderr?: string }) => {
    assert.equal(e.code, 1);
    assert.match(e.stderr ?? '', /--scale must be a positive integer/);
    return true;
  });
});
