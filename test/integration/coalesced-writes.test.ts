/** A subgraph's WebSocket frames of one turn leave together (src/shared/coalesced-writes.ts), on a real socket. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { coalesceWrites, FRAMES_PER_WRITE } from '../../src/shared/coalesced-writes';

/** A WebSocket server on loopback whose connections coalesce, a client connected to it, and the server's end. */
async function connected() {
  const server = http.createServer();
  const wss = new WebSocketServer({ server });
  const accepted = new Promise<{ ws: WebSocket; socket: Socket }>((resolve) =>
    wss.on('connection', (ws, request) => {
      coalesceWrites(ws, request.socket);
      resolve({ ws, socket: request.socket });
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const received: string[] = [];
  client.on('message', (data) => received.push(String(data)));
  await new Promise((resolve) => client.once('open', resolve));
  const { ws, socket } = await accepted;
  const close = async () => {
    client.close();
    wss.close();
    await new Promise((resolve) => server.close(resolve));
  };
  return { ws, socket, received, close };
}

const until = async (done: () => boolean) => {
  for (let i = 0; i < 500 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 2));
};

test('frames of one turn are held until the turn ends or FRAMES_PER_WRITE wait, then arrive whole and in order', async () => {
  const { ws, socket, received, close } = await connected();
  try {
    const frames = Array.from({ length: FRAMES_PER_WRITE + 3 }, (_, i) => JSON.stringify({ id: String(i), type: 'next', payload: { data: { n: i } } }));
    const held = frames.slice(0, FRAMES_PER_WRITE - 1);
    for (const frame of held) ws.send(frame);
    // Still in the turn: nothing has gone to the kernel yet, every frame is in the socket's buffer.
    assert.equal(socket.writableCorked, 1);
    assert.equal(socket.writableLength, held.reduce((sum, f) => sum + 2 + Buffer.byteLength(f), 0));
    ws.send(frames[FRAMES_PER_WRITE - 1]);
    assert.equal(socket.writableCorked, 0, 'the cap releases the frames without waiting for the turn to end');
    for (const frame of frames.slice(FRAMES_PER_WRITE)) ws.send(frame);
    assert.equal(socket.writableCorked, 1);
    await new Promise((resolve) => process.nextTick(resolve));
    assert.equal(socket.writableCorked, 0);
    await until(() => received.length === frames.length);
    assert.deepEqual(received, frames);
  } finally {
    await close();
  }
});

test('each turn is released on its own: a frame sent in a later turn is not held back', async () => {
  const { ws, socket, received, close } = await connected();
  try {
    ws.send('first');
    await until(() => received.length === 1);
    ws.send('second');
    assert.equal(socket.writableCorked, 1);
    await until(() => received.length === 2);
    assert.deepEqual(received, ['first', 'second']);
    assert.equal(socket.writableCorked, 0);
  } finally {
    await close();
  }
});
