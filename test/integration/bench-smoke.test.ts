/**
 * A smoke run of every benchmark scenario at toy sizes (`npm run bench -- --smoke` does the same): the
 * whole path — processes on loopback, data generation, load, subscribers, report — works end to end.
 * No figure is compared with its target here (timings are not assertions); what is checked is that
 * every scenario measured what it claims: finite figures, each run counted, the statement count
 * independent of the page size, and both report files written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { runBench, SCENARIOS } from '../../bench/run';
import type { Results } from '../../bench/lib/report';

/** Two, not one: a figure measured once where it should be measured each run then shows. */
const RUNS = 2;
/** Measured once by design, whatever --runs says: an exact count, and the store's one bulk generation. */
const MEASURED_ONCE = /^(statements for a page|difference between the largest|bulk generation)/;

let outDir: string;
let results: Results;

before(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-bench-smoke-'));
  results = await runBench({ scenarios: SCENARIOS, profile: 'smoke', runs: RUNS, outDir, log: () => undefined });
});

after(() => {
  fs.rmSync(outDir, { recursive: true, force: true });
});

test('every scenario ran and measured finite figures', () => {
  assert.deepEqual(
    results.scenarios.map((s) => s.name),
    SCENARIOS.map((s) => s.name),
  );
  for (const scenario of results.scenarios) {
    assert.ok(scenario.figures.length > 0, `${scenario.name} has figures`);
    for (const f of scenario.figures) {
      assert.equal(f.summary.runs.length, MEASURED_ONCE.test(f.name) ? 1 : RUNS, `${scenario.name}: ${f.name} has one value per run`);
      assert.ok(Number.isFinite(f.summary.median), `${scenario.name}: ${f.name} is ${f.summary.median}`);
    }
  }
  for (const s of results.scenarios) console.log(`${s.name}: ${s.figures.length} figures in ${s.durationMs} ms`);
});

test('throughputs are positive and the statement count does not grow with the page', () => {
  const all = results.scenarios.flatMap((s) => s.figures.map((f) => ({ scenario: s.name, ...f })));
  for (const f of all.filter((f) => f.unit === 'req/s' || f.unit === 'sends/s' || f.unit === 'events/s')) {
    assert.ok(f.summary.median > 0, `${f.scenario}: ${f.name} is ${f.summary.median}`);
  }
  const statements = results.scenarios.find((s) => s.name === 'statements')!;
  const counts = statements.figures.filter((f) => f.name.startsWith('statements for a page')).map((f) => f.summary.median);
  assert.equal(counts.length, 3);
  assert.ok(counts.every((c) => c === counts[0] && c > 0), `statements per page: ${counts.join(', ')}`);
});

test('writes results.json and RESULTS.md with the machine and every scenario', () => {
  const json = JSON.parse(fs.readFileSync(path.join(outDir, 'results.json'), 'utf8')) as Results;
  assert.equal(json.scenarios.length, SCENARIOS.length);
  assert.ok(json.machine.cores > 0 && json.machine.cpu.length > 0);
  const markdown = fs.readFileSync(path.join(outDir, 'RESULTS.md'), 'utf8');
  assert.match(markdown, /## Targets/);
  for (const scenario of SCENARIOS) assert.ok(markdown.includes(`## ${scenario.title}`), `RESULTS.md has ${scenario.title}`);
  assert.ok(markdown.includes(json.machine.node));
});

test('a partial run replaces its own section and marks the kept ones with the run that measured them', async () => {
  const first = JSON.parse(fs.readFileSync(path.join(outDir, 'results.json'), 'utf8')) as Results;
  const statements = SCENARIOS.filter((s) => s.name === 'statements');
  const partial = await runBench({ scenarios: statements, profile: 'smoke', runs: 1, outDir, log: () => undefined });
  assert.deepEqual(
    partial.scenarios.map((s) => s.name),
    SCENARIOS.map((s) => s.name),
  );
  for (const s of partial.scenarios) {
    if (s.name === 'statements') assert.equal(s.keptFrom, undefined, 'the scenario this run measured is its own');
    else assert.deepEqual(s.keptFrom, { startedAt: first.startedAt, commit: first.code?.commit }, `${s.name} names the run it came from`);
  }
  const markdown = fs.readFileSync(path.join(outDir, 'RESULTS.md'), 'utf8');
  const kept = markdown.split('\n').filter((line) => line.startsWith(`Kept from the run started ${first.startedAt}`));
  assert.equal(kept.length, SCENARIOS.length - 1, 'each kept section says so, the partial run\'s own does not');
});
