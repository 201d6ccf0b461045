/**
 * The frames a WebSocket sends in one turn of the event loop leave together, up to FRAMES_PER_WRITE in
 * one write system call, not one each. At a subgraph, one socket carries the gateway's subscriptions
 * of every caller (gateway/subgraph-sockets.ts), and one send to 1,000 agencies resolves their 1,000
 * arrivals in a few batches, each finishing in one turn: written frame by frame, they cost the
 * documents subgraph one `writev` each (fan-out benchmark: graphql-ws sending ~280 ms of its ~1,900
 * busy ms over four fan-outs) and the gateway as many reads.
 *
 * ws writes each frame between cork() and uncork() of the TCP socket; an outer cork, taken at the
 * first frame and released once the turn's callbacks and promise reactions are done (process.nextTick)
 * or after FRAMES_PER_WRITE frames, holds them until then. The cap keeps frames flowing to the gateway
 * while a batch is still being resolved: held for the whole turn, a batch's frames all left at its
 * end, and the fan-out's p99 at 10,000 subscribers rose (medians of six runs each, old and new taking
 * turns: ~480 -> ~555 ms).
 */
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/** Frames written together at most: ~16 × 0.5 KB, a few milliseconds of a batch's work. */
export const FRAMES_PER_WRITE = 16;

/** Makes `ws`, whose connection is `socket` (the upgrade request's socket), coalesce the frames of each turn. */
export function coalesceWrites(ws: WebSocket, socket: Duplex): void {
  const send = ws.send.bind(ws) as (...args: unknown[]) => void;
  let held = 0;
  // A release scheduled for an earlier cork may let a later one go early, never later.
  const release = () => {
    if (held === 0) return;
    held = 0;
    socket.uncork();
  };
  ws.send = ((...args: unknown[]) => {
    if (held === 0) {
      socket.cork();
      process.nextTick(release);
    }
    send(...args);
    if (++held === FRAMES_PER_WRITE) release();
  }) as WebSocket['send'];
}
