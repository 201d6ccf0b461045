/**
 * `npm run bench` — every scenario; `npm run bench -- NAME [NAME…]` — only those.
 * Options: --runs N (repetitions per figure, default 3), --cpu-prof (V8 CPU profiles of every hub
 * process into bench/profiles/, for flame graphs), --keep (leave the work folder), --smoke (toy sizes:
 * what the test suite runs), --out DIR (where results.json and RESULTS.md go; default bench/),
 * --postgres URL (the server PostgreSQL figures use throwaway databases on; default the local one).
 *
 * Starts what it needs on loopback, generates the data, runs each scenario, stops everything and
 * writes bench/results.json and bench/RESULTS.md. A partial run replaces only its scenarios' sections.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { CHANGES } from './changes';
import { makeFixture } from './lib/fixture';
import { DEFAULT_POSTGRES_URL } from './lib/postgres';
import { benchConfig, hubEnv } from './lib/hub';
import { code, machine, writeResults, type Results } from './lib/report';
import type { Profile, Scenario, ScenarioResult } from './lib/scenario';
import { fanoutScenario } from './scenarios/fanout';
import { inboxScenario } from './scenarios/inbox';
import { sendScenario } from './scenarios/send';
import { statementsScenario } from './scenarios/statements';
import { storeScenario } from './scenarios/store';

export const SCENARIOS: readonly Scenario[] = [inboxScenario, fanoutScenario, sendScenario, storeScenario, statementsScenario];

/** This file runs compiled, from dist/bench/. */
const BENCH_DIR = path.resolve(__dirname, '../../bench');

const FIXTURE_SIZES: Record<Profile, { directory: number; population: number; recipients: number }> = {
  full: { directory: 120_000, population: 20_000, recipients: 1_000 },
  smoke: { directory: 2_000, population: 500, recipients: 100 },
};

export interface BenchOptions {
  scenarios: readonly Scenario[];
  profile: Profile;
  runs: number;
  outDir: string;
  cpuProfileDir?: string;
  keep?: boolean;
  postgresUrl?: string;
  log?: (message: string) => void;
}

function readPrevious(file: string): Results | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Results;
  } catch {
    return undefined;
  }
}

export async function runBench(opts: BenchOptions): Promise<Results> {
  const log = opts.log ?? ((m: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${m}\n`));
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-bench-'));
  const started: Results = { startedAt: new Date().toISOString(), machine: machine(), code: code(), fixture: {}, scenarios: [] };
  try {
    const sizes = FIXTURE_SIZES[opts.profile];
    const fixtureDir = path.join(workDir, 'fixture');
    log(`making the shared data in ${fixtureDir}: population ${sizes.population}, directory ${sizes.directory}`);
    const fixture = await makeFixture(benchConfig(hubEnv(fixtureDir, sizes.population)), sizes.directory, sizes.recipients);
    started.fixture = fixture.timings;
    for (const scenario of opts.scenarios) {
      log(`scenario ${scenario.name}: ${scenario.title}`);
      const t0 = performance.now();
      const cpuProfileDir = opts.cpuProfileDir && path.join(opts.cpuProfileDir, scenario.name);
      if (cpuProfileDir) fs.mkdirSync(cpuProfileDir, { recursive: true });
      const postgresUrl = opts.postgresUrl ?? DEFAULT_POSTGRES_URL;
      const output = await scenario.run({ profile: opts.profile, runs: opts.runs, fixture, workDir, cpuProfileDir, postgresUrl, log });
      const result: ScenarioResult = {
        name: scenario.name,
        title: scenario.title,
        profile: opts.profile,
        runs: opts.runs,
        durationMs: Math.round(performance.now() - t0),
        loadAverage: Number(os.loadavg()[0].toFixed(2)),
        ...output,
      };
      started.scenarios.push(result);
      log(`scenario ${scenario.name} done in ${Math.round(result.durationMs / 1000)} s`);
    }
  } finally {
    if (!opts.keep) fs.rmSync(workDir, { recursive: true, force: true });
    else log(`work folder kept: ${workDir}`);
  }
  // A partial run keeps the other scenarios' last results, in the registry's order.
  const jsonFile = path.join(opts.outDir, 'results.json');
  const previous = readPrevious(jsonFile);
  const ran = new Set(started.scenarios.map((s) => s.name));
  const kept = (previous?.scenarios ?? [])
    .filter((s) => !ran.has(s.name) && SCENARIOS.some((known) => known.name === s.name))
    .map((s) => ({ ...s, keptFrom: s.keptFrom ?? { startedAt: previous!.startedAt, commit: previous!.code?.commit } }));
  const order = (s: ScenarioResult) => SCENARIOS.findIndex((known) => known.name === s.name);
  const results: Results = { ...started, scenarios: [...kept, ...started.scenarios].sort((a, b) => order(a) - order(b)) };
  fs.mkdirSync(opts.outDir, { recursive: true });
  writeResults(results, jsonFile, path.join(opts.outDir, 'RESULTS.md'), CHANGES);
  return results;
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      runs: { type: 'string', default: '3' },
      smoke: { type: 'boolean', default: false },
      'cpu-prof': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      out: { type: 'string' },
      postgres: { type: 'string', default: DEFAULT_POSTGRES_URL },
    },
  });
  const unknown = positionals.filter((name) => !SCENARIOS.some((s) => s.name === name));
  if (unknown.length) throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got "${values.runs}"`);
  const cpuProfileDir = values['cpu-prof'] ? path.join(BENCH_DIR, 'profiles') : undefined;
  if (cpuProfileDir) fs.mkdirSync(cpuProfileDir, { recursive: true });
  const t0 = performance.now();
  const results = await runBench({
    scenarios: positionals.length ? SCENARIOS.filter((s) => positionals.includes(s.name)) : SCENARIOS,
    profile: values.smoke ? 'smoke' : 'full',
    runs,
    outDir: values.out ? path.resolve(values.out) : BENCH_DIR,
    cpuProfileDir,
    keep: values.keep,
    postgresUrl: values.postgres,
  });
  const missed = results.scenarios.flatMap((s) => s.figures.filter((f) => f.target && !f.target.met).map((f) => `${s.name}: ${f.name}`));
  process.stderr.write(`bench done in ${Math.round((performance.now() - t0) / 1000)} s; ${missed.length ? `targets missed:\n  ${missed.join('\n  ')}` : 'every target met'}\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
