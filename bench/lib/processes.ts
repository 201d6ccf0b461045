/**
 * Starts and stops the hub processes of a benchmark (bench/lib/child.ts), each in its own Node process
 * with its own log file, and reads their memory and CPU time over IPC.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ChildOptions, FromChild, Role, ToChild } from './child';

const CHILD_SCRIPT = path.join(__dirname, 'child.js');
/** Start-up includes migrations and, for population and land, generating their data on first start. */
const READY_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 10_000;

export interface SpawnOptions {
  env: NodeJS.ProcessEnv;
  /** The process's stdout and stderr go here. */
  logFile: string;
  options?: ChildOptions;
  /** Profiles the process's CPU from ready to stop into <dir>/<role>.cpuprofile (a V8 profile, for flame graphs). */
  cpuProfileDir?: string;
}

export interface HubProcess {
  role: Role;
  url: string;
  pid: number;
  /** Memory after a full GC. */
  memory(): Promise<NodeJS.MemoryUsage>;
  /** CPU time the process has used so far (user and system, every thread). */
  cpu(): Promise<NodeJS.CpuUsage>;
  /** Starts the CPU profiler; stopProfile writes what it recorded since (a .cpuprofile file). */
  startProfile(): Promise<void>;
  stopProfile(file: string): Promise<void>;
  stop(): Promise<void>;
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '';
  }
}

/** The limit on open files (sockets count) of this process; its children inherit it. */
export function openFilesLimit(): number {
  try {
    const line = fs.readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft === 'unlimited' ? Number.POSITIVE_INFINITY : Number(soft);
  } catch {
    return 1024;
  }
}

export async function spawnHubProcess(role: Role, opts: SpawnOptions): Promise<HubProcess> {
  const log = fs.openSync(opts.logFile, 'a');
  const args = ['--expose-gc', CHILD_SCRIPT, role, JSON.stringify(opts.options ?? {})];
  const child: ChildProcess = spawn(process.execPath, args, { env: opts.env, stdio: ['ignore', log, log, 'ipc'] });
  fs.closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${role} was not ready within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
    child.on('message', (m: FromChild) => {
      if (m.type === 'ready') {
        clearTimeout(timer);
        resolve(m.url);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${role} exited with ${code} before it was ready:\n${tail(opts.logFile)}`));
    });
  }).catch((e: unknown) => {
    child.kill('SIGKILL');
    throw e;
  });

  const request = <T extends FromChild['type']>(message: ToChild, answer: T) =>
    new Promise<Extract<FromChild, { type: T }>>((resolve, reject) => {
      const onMessage = (m: FromChild) => {
        if (m.type !== answer) return;
        child.off('message', onMessage);
        resolve(m as Extract<FromChild, { type: T }>);
      };
      child.on('message', onMessage);
      if (!child.send(message)) reject(new Error(`${role} is gone`));
    });

  const startProfile = async () => void (await request({ type: 'profile-start' }, 'profiling'));
  const stopProfile = async (file: string) => void (await request({ type: 'profile-stop', file }, 'profiled'));
  if (opts.cpuProfileDir) await startProfile();
  let stopping: Promise<void> | undefined;
  return {
    role,
    url,
    pid: child.pid!,
    memory: async () => (await request({ type: 'memory' }, 'memory')).usage,
    cpu: async () => (await request({ type: 'cpu' }, 'cpu')).usage,
    startProfile,
    stopProfile,
    stop: () =>
      (stopping ??= (async () => {
        if (child.exitCode !== null) return;
        if (opts.cpuProfileDir) await stopProfile(path.join(opts.cpuProfileDir, `${role}.cpuprofile`));
        child.send({ type: 'stop' } satisfies ToChild);
        const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(killer);
      })()),
  };
}
