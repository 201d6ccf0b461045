/** What a benchmark scenario is given, and the figures it gives back. */
import fs from 'node:fs';
import path from 'node:path';
import type { Fixture } from './fixture';
import { copyDataDir, hubEnv } from './hub';
import { summarize, type Summary } from './stats';

/** `full` is the published run; `smoke` runs every code path at toy sizes in seconds (npm test). */
export type Profile = 'full' | 'smoke';

export interface Target {
  /** How the median must compare with value. */
  op: '>=' | '<=' | '<';
  value: number;
}

export interface Figure {
  name: string;
  unit: string;
  summary: Summary;
  target?: Target & { met: boolean };
}

export interface ScenarioOutput {
  figures: Figure[];
  /** Sizes, settings and observations worth printing beside the figures. */
  notes: string[];
}

export interface ScenarioResult extends ScenarioOutput {
  name: string;
  title: string;
  profile: Profile;
  runs: number;
  durationMs: number;
  /** The machine's 1-minute load average when the scenario ended: work of others on a shared machine shows here. */
  loadAverage: number;
  /** Set when a later partial run kept this result: the run that measured it, whose machine and code it belongs to. */
  keptFrom?: { startedAt: string; commit?: string };
}

export interface ScenarioContext {
  profile: Profile;
  /** Repetitions of each measurement (each figure is the median of these, with min and max). */
  runs: number;
  fixture: Fixture;
  workDir: string;
  /** Folder for CPU profiles of the hub processes (`npm run bench -- --cpu-prof`). */
  cpuProfileDir?: string;
  /** A PostgreSQL server the scenarios that compare stores create their databases on. */
  postgresUrl: string;
  log(message: string): void;
}

export interface Scenario {
  name: string;
  title: string;
  run(ctx: ScenarioContext): Promise<ScenarioOutput>;
}

function met(value: number, target: Target): boolean {
  if (!Number.isFinite(value)) return false;
  if (target.op === '>=') return value >= target.value;
  if (target.op === '<=') return value <= target.value;
  return value < target.value;
}

export function figure(name: string, unit: string, runs: readonly number[], target?: Target): Figure {
  const summary = summarize(runs);
  return { name, unit, summary, ...(target ? { target: { ...target, met: met(summary.median, target) } } : {}) };
}

/**
 * Where the processes of one of a scenario's hubs write their profiles (each writes ROLE.cpuprofile), for
 * a scenario that starts more than one hub; undefined without --cpu-prof.
 */
export function hubProfileDir(ctx: ScenarioContext, name: string): string | undefined {
  if (!ctx.cpuProfileDir) return undefined;
  const dir = path.join(ctx.cpuProfileDir, name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** A fresh data folder for a scenario, copied from the run's fixture, and the environment of its hub. */
export function scenarioData(ctx: ScenarioContext, name: string, extraEnv: NodeJS.ProcessEnv = {}): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = path.join(ctx.workDir, name);
  fs.rmSync(dir, { recursive: true, force: true });
  copyDataDir(ctx.fixture.dir, dir);
  return { dir, env: hubEnv(dir, ctx.fixture.populationScale, extraEnv) };
}
