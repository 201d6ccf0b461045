/** bench/results.json (every run's values) and bench/RESULTS.md (the same, for people). */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import type { Figure, ScenarioResult } from './scenario';
import { percentile, round } from './stats';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
  /** 1-minute load average when the run started: other work on the machine shows here. */
  loadAverageAtStart: number;
  /** See freshPageMicros; absent from results written before it was measured. */
  freshPageMicros?: number;
}

/** Which code was measured: in a tree shared with other work, uncommitted changes are part of it. */
export interface Code {
  commit: string;
  /** Files changed in the working tree but not committed when the run started. */
  uncommittedFiles: number;
}

export interface Results {
  startedAt: string;
  machine: Machine;
  code?: Code;
  /** Milliseconds spent making the shared data (population, land, directory import). */
  fixture: Record<string, number>;
  scenarios: ScenarioResult[];
}

/**
 * Microseconds to touch a 4 KiB page of fresh memory for the first time (median of three 64 MiB
 * buffers). Every large allocation pays it (V8 maps each object over 128 KiB anew, and a send's body
 * makes several), and so does a heap that grows. Found while profiling the send: on the machine of
 * 2026-11-27 it was ~12 us a page against ~0.03 us for a second touch, which made a 137 KB string cost
 * ~0.7 ms; it moves the figures that allocate far more than the CPU model does, so it is recorded.
 */
export function freshPageMicros(): number {
  const size = 64 * 2 ** 20;
  const page = 4096;
  const runs = [0, 1, 2].map(() => {
    const started = process.hrtime.bigint();
    const bytes = Buffer.allocUnsafeSlow(size);
    for (let i = 0; i < size; i += page) bytes[i] = 1;
    return Number(process.hrtime.bigint() - started) / 1e3 / (size / page);
  });
  return percentile(runs, 50);
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAverageAtStart: Number(os.loadavg()[0].toFixed(2)),
    freshPageMicros: round(freshPageMicros()),
  };
}

/** The commit and the count of uncommitted files, or undefined outside a git checkout. */
export function code(): Code | undefined {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const uncommitted = git('status', '--porcelain', '--untracked-files=no').split('\n').filter(Boolean).length;
    return { commit: git('rev-parse', '--short', 'HEAD').trim(), uncommittedFiles: uncommitted };
  } catch {
    return undefined;
  }
}

const OP = { '>=': '≥', '<=': '≤', '<': '<' } as const;

function targetText(f: Figure): string {
  return f.target ? `${OP[f.target.op]} ${f.target.value} ${f.unit}` : '';
}

function verdict(f: Figure): string {
  if (!f.target) return '';
  return f.target.met ? 'met' : '**missed**';
}

function value(n: number): string {
  return Number.isFinite(n) ? String(round(n)) : 'n/a';
}

function scenarioSection(s: ScenarioResult): string {
  const rows = s.figures.map(
    (f) => `| ${f.name} | ${value(f.summary.median)} | ${value(f.summary.min)} | ${value(f.summary.max)} | ${f.unit} | ${targetText(f)} | ${verdict(f)} |`,
  );
  return [
    `## ${s.title} (\`npm run bench -- ${s.name}\`)`,
    '',
    `${s.runs} run${s.runs === 1 ? '' : 's'} (${s.profile} profile), ${Math.round(s.durationMs / 1000)} s; load average ${s.loadAverage} when it ended.`,
    ...(s.keptFrom
      ? ['', `Kept from the run started ${s.keptFrom.startedAt}${s.keptFrom.commit ? ` at commit ${s.keptFrom.commit}` : ''}: the run, machine and code lines at the top are a later partial run's, not this section's.`]
      : []),
    '',
    '| figure | median | min | max | unit | target | |',
    '|---|---:|---:|---:|---|---|---|',
    ...rows,
    '',
    ...s.notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
}

/** The targets at a glance: every figure that has one. */
function targetsSection(scenarios: ScenarioResult[]): string {
  const rows = scenarios.flatMap((s) =>
    s.figures.filter((f) => f.target).map((f) => `| ${s.title} | ${f.name} | ${value(f.summary.median)} ${f.unit} | ${targetText(f)} | ${verdict(f)} |`),
  );
  return ['## Targets', '', '| scenario | figure | median | target | |', '|---|---|---:|---|---|', ...rows, ''].join('\n');
}

export function renderMarkdown(results: Results, changes: string): string {
  const m = results.machine;
  return [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.ts); the raw figures, every run included, are in `bench/results.json`.',
    'Each figure is the median of the runs, with the minimum and maximum; every hub process runs on its own on',
    'loopback, so the load generator, the gateway and the subgraphs share the machine\'s cores.',
    '',
    `- Run started: ${results.startedAt}`,
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; Node ${m.node}; ${m.os}; load average ${m.loadAverageAtStart} at the start${
      m.freshPageMicros === undefined ? '' : `; first touch of a fresh 4 KiB page ${m.freshPageMicros} µs`
    }`,
    ...(results.code
      ? [`- Code: commit ${results.code.commit}${results.code.uncommittedFiles ? `, with ${results.code.uncommittedFiles} files changed but not committed in the (shared) working tree` : ''}`]
      : []),
    `- Shared data made in: ${Object.entries(results.fixture).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    '',
    targetsSection(results.scenarios),
    changes.trim(),
    '',
    ...results.scenarios.map(scenarioSection),
  ].join('\n');
}

export function writeResults(results: Results, jsonFile: string, markdownFile: string, changes: string): void {
  fs.writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(markdownFile, renderMarkdown(results, changes));
}
