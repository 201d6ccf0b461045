/**
 * Checkpoints of a SQLite database's write-ahead log on a worker thread. SQLite copies the log into the
 * database file itself, by default at the commit that takes the log past 1,000 pages: on the event loop
 * of the process that commits, which on the documents subgraph then serves nothing else meanwhile
 * (better-sqlite3 is synchronous): ~15 % of that loop's time under the send scenario's load. With the
 * copying on a worker's own connection the loop only commits (bench/changes.ts item 24).
 *
 * The worker's checkpoints are passive: they copy what the log holds while the subgraph goes on
 * writing. The log starts again from its beginning only when a writer finds it entirely copied, which a
 * steady stream of commits seldom lets happen, so the subgraph's connection still checkpoints itself,
 * at a larger size (WAL_PAGES_BEFORE_OWN_CHECKPOINT): by then nearly all of it is copied, and the log
 * restarts. That bounds the log's file (~64 MiB).
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** How often the worker copies the log: ~1,300 pages at a time at 250 sends/s. */
const CHECKPOINT_INTERVAL_MS = 100;

/** The subgraph connection's own checkpoint (wal_autocheckpoint), in 4 KiB pages. */
export const WAL_PAGES_BEFORE_OWN_CHECKPOINT = 16_384;

export interface BackgroundCheckpoints {
  /** Stops the worker and closes its connection; before the subgraph's own closes, so that one is last. */
  stop(): Promise<void>;
}

export function startBackgroundCheckpoints(file: string): BackgroundCheckpoints {
  const worker = new Worker(path.join(__dirname, 'checkpoint-worker.js'), { workerData: { file, intervalMs: CHECKPOINT_INTERVAL_MS } });
  // A failed worker costs speed, not data: the subgraph's own checkpoints still keep the log bounded.
  worker.on('error', (error) => process.emitWarning(`SQLite checkpoints of ${file} stopped: ${error.message}`));
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.postMessage('stop');
      await exited;
    },
  };
}
