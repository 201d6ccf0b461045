/**
 * The frames a WebSocket sends in one turn of the event loop leave in one write system call, not one
 * each. At a subgraph, one socket carries the gateway's subscriptions of every caller
 * (gateway/subgraph-sockets.ts), and one send to 1,000 agencies resolves their 1,000 arrivals in a
 * few batches, each finishing in one turn: written frame by frame, they cost the documents subgraph
 * one `writev` each (fan-out benchmark: ~120 ms of its ~1,850 ms over four fan-outs) and the gateway
 * as many reads.
 *
 * ws writes each frame between cork() and uncork() of the TCP socket; an outer cork, taken at the
 * turn's first send and released once the turn's callbacks and promise reactions are done
 * (process.nextTick), holds them until then. Nothing waits longer than the work already running.
 */
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/** Makes `ws`, whose connection is `socket` (the upgrade request's socket), coalesce the frames of each turn. */
export function coalesceWrites(ws: WebSocket, socket: Socket | Duplex): void {
  const send = ws.send.bind(ws) as (...args: unknown[]) => void;
  let corked = false;
  const release = () => {
    corked = false;
    socket.uncork();
  };
  ws.send = ((...args: unknown[]) => {
    if (!corked) {
      corked = true;
      socket.cork();
      process.nextTick(release);
    }
    send(...args);
  }) as WebSocket['send'];
}
