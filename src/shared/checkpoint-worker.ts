/**
 * The worker thread of sqlite-checkpoints.ts: its own connection to the database file, copying the
 * write-ahead log into the file (a passive checkpoint, which never waits for or blocks the subgraph's
 * reads and writes) every `intervalMs`, until told to stop.
 */
import { parentPort, workerData } from 'node:worker_threads';

interface Connection {
  pragma(source: string): unknown;
  close(): void;
}

// better-sqlite3 ships no types; this file uses only the two calls above.
const Database: new (file: string, options: { fileMustExist: boolean }) => Connection = require('better-sqlite3');

const { file, intervalMs } = workerData as { file: string; intervalMs: number };
const db = new Database(file, { fileMustExist: true });
const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), intervalMs);

parentPort!.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort!.close();
});
