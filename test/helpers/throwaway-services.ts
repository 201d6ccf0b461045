/**
 * Throwaway PostgreSQL clusters and Redis servers for the fault tests, which stop, kill and restart
 * them: `initdb` into a temporary folder and `pg_ctl` on a free port; `redis-server` on a free port.
 * PostgreSQL refuses to run as root (CI runs as root), so its commands then run as the `postgres`
 * user that Debian's package creates.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The newest /usr/lib/postgresql/<version>/bin holding initdb and pg_ctl, or null. */
function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = path.join(root, v, 'bin');
    if (fs.existsSync(path.join(bin, 'initdb')) && fs.existsSync(path.join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

function onPath(command: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, command);
    if (fs.existsSync(file)) return file;
  }
  return null;
}

/** uid/gid to run PostgreSQL's commands as: ours, or the postgres user's when we are root. */
function postgresUser(): { uid: number; gid: number } | null {
  const uid = process.getuid?.() ?? 0;
  if (uid !== 0) return { uid, gid: process.getgid?.() ?? 0 };
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return null;
  }
}

/** Null when throwaway servers can be started here; else what is missing. */
export function throwawayProblem(): string | null {
  if (!postgresBinDir()) return 'no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin';
  if (!onPath('redis-server')) return 'no redis-server on PATH';
  if (!postgresUser()) return 'running as root and there is no postgres user to run PostgreSQL as';
  return null;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/** A PostgreSQL cluster of its own, trust auth, on 127.0.0.1:port; data removed by destroy(). */
export class ThrowawayPostgres {
  private constructor(
    private readonly dir: string,
    readonly port: number,
    private readonly user: { uid: number; gid: number },
  ) {}

  /** postgres://postgres@127.0.0.1:port/postgres: the hub's tables go in its schemas. */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static async create(): Promise<ThrowawayPostgres> {
    const user = postgresUser();
    if (!user) throw new Error(throwawayProblem() ?? 'no user for PostgreSQL');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-pg-'));
    fs.chownSync(dir, user.uid, user.gid);
    const pg = new ThrowawayPostgres(dir, await freePort(), user);
    await pg.command('initdb', ['-D', pg.data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
    await pg.start();
    return pg;
  }

  private get data(): string {
    return path.join(this.dir, 'data');
  }

  private async command(name: string, args: string[]): Promise<void> {
    const bin = path.join(postgresBinDir()!, name);
    await run(bin, args, { uid: this.user.uid, gid: this.user.gid, cwd: this.dir, timeout: 60_000 });
  }

  /** Starts it (again), waiting until it accepts connections. fsync off: these tests never crash the server. */
  async start(): Promise<void> {
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir} -c fsync=off -c max_connections=200`;
    await this.command('pg_ctl', ['-D', this.data, '-l', path.join(this.dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
  }

  /** Stops it: `fast` rolls back open transactions and disconnects every client, as a restart would. */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.command('pg_ctl', ['-D', this.data, '-m', mode, '-w', '-t', '60', 'stop']);
  }

  async destroy(): Promise<void> {
    await this.stop('immediate').catch(() => undefined);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A redis-server of its own on 127.0.0.1:port, keeping nothing on disk; kill() and start() at will. */
export class ThrowawayRedis {
  private child: ChildProcess | undefined;

  private constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async create(): Promise<ThrowawayRedis> {
    const redis = new ThrowawayRedis(await freePort());
    await redis.start();
    return redis;
  }

  async start(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    this.child = child;
    // Ready once it accepts a connection.
    for (let i = 0; i < 100; i++) {
      if (child.exitCode !== null) throw new Error(`redis-server on port ${this.port} exited with ${child.exitCode}`);
      const ok = await new Promise<boolean>((resolve) => {
        const socket = net.connect(this.port, '127.0.0.1');
        socket.on('connect', () => (socket.destroy(), resolve(true)));
        socket.on('error', () => resolve(false));
      });
      if (ok) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`redis-server on port ${this.port} did not start`);
  }

  /** kill -9: clients see their connections drop, and whatever it held is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await once(child, 'exit');
  }

  destroy(): Promise<void> {
    return this.kill();
  }
}
