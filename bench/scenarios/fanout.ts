/**
 * Scenario 2 — arrival fan-out: 1,000 and then 10,000 graphql-ws subscribers to documentArrived,
 * through our gateway, spread evenly over 1,000 recipient agencies of the imported directory. Measured:
 * the gateway's memory per idle subscriber; one send to all 1,000 recipients; a steady stream of sends
 * to 10 recipients each. Latency is from the send's response (as its sender sees it) to each
 * subscriber's event, stamped on arrival in the subscriber processes (bench/lib/subscribers.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { withCpuPerRequest } from '../lib/cpu';
import { agencyTokens, benchConfig, startHub, type Hub } from '../lib/hub';
import { openFilesLimit } from '../lib/processes';
import type { FromSubscribers, SubscriberSpec, SubscriberStatus, ToSubscribers } from '../lib/subscribers';
import { now } from '../lib/subscribers';
import { figure, hubProfileDir, scenarioData, type Figure, type Scenario, type ScenarioContext } from '../lib/scenario';
import { percentile } from '../lib/stats';

export const DOCUMENT_ARRIVED = `subscription Arrivals {
  documentArrived { cursor delivery { id status recipient { code } document { id codeNumber codeNotation subject urgency sentAt sender { code name } } } }
}`;

const SEND = `mutation Send($input: SendDocumentInput!) { sendDocument(input: $input) { id } }`;

const SIZES = {
  full: { agencies: 1_000, subscribers: [1_000, 10_000], streamRate: 10, streamSeconds: 10, processes: 2 },
  smoke: { agencies: 10, subscribers: [10, 40], streamRate: 5, streamSeconds: 1, processes: 2 },
};
const STREAM_RECIPIENTS = 10;
/** Every subscriber must have heard a probe send before figures are taken; this bounds the wait. */
const SYNC_ATTEMPTS = 20;
/** Unmeasured sends to every recipient before the measured one: each run's hub is fresh, and a gateway in service is warm. */
const WARMUP_FANOUTS = 3;
const EVENT_TIMEOUT_MS = 120_000;

/** One subscriber process and a request/answer helper over its IPC channel. */
class SubscriberProcess {
  private readonly child: ChildProcess;
  private queue: ((m: FromSubscribers) => void)[] = [];

  constructor() {
    this.child = fork(path.join(__dirname, '../lib/subscribers.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (m: FromSubscribers) => this.queue.shift()?.(m));
  }

  ask<T extends FromSubscribers['type']>(message: ToSubscribers): Promise<Extract<FromSubscribers, { type: T }>> {
    return new Promise((resolve) => {
      this.queue.push((m) => resolve(m as Extract<FromSubscribers, { type: T }>));
      this.child.send(message);
    });
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill();
    await exited;
  }
}

async function statusOf(processes: SubscriberProcess[]): Promise<SubscriberStatus> {
  const all = await Promise.all(processes.map((p) => p.ask<'status'>({ type: 'status' })));
  return all.reduce<SubscriberStatus>(
    (sum, { status }) => ({
      subscribers: sum.subscribers + status.subscribers,
      withEvents: sum.withEvents + status.withEvents,
      events: sum.events + status.events,
      errors: sum.errors + status.errors,
      firstError: sum.firstError ?? status.firstError,
    }),
    { subscribers: 0, withEvents: 0, events: 0, errors: 0 },
  );
}

async function waitFor(processes: SubscriberProcess[], done: (status: SubscriberStatus) => boolean, timeoutMs: number): Promise<SubscriberStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await statusOf(processes);
    if (status.errors) throw new Error(`subscribers failed: ${status.errors} errors, first: ${status.firstError}`);
    if (done(status) || Date.now() > deadline) return status;
    await sleep(20);
  }
}

/** Event arrival times for each document id, gathered from every subscriber process. */
async function arrivals(processes: SubscriberProcess[]): Promise<Map<number, number[]>> {
  const byDocument = new Map<number, number[]>();
  for (const p of processes) {
    const { documentIds, times } = await p.ask<'report'>({ type: 'report' });
    documentIds.forEach((id, i) => byDocument.set(id, [...(byDocument.get(id) ?? []), times[i]]));
  }
  return byDocument;
}

interface Sender {
  send(recipients: readonly string[], n: number): Promise<{ id: number; requestedAt: number; answeredAt: number }>;
}

function sender(gatewayUrl: string, tokens: string[]): Sender {
  return {
    async send(recipients, n) {
      const requestedAt = now();
      const res = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[n % tokens.length]}` },
        body: JSON.stringify({
          query: SEND,
          variables: {
            input: {
              clientRequestId: `bench-fanout-${process.pid}-${Date.now()}-${n}`,
              codeNumber: String(n),
              codeNotation: 'VPCP-TTĐT',
              documentType: 'Công điện',
              subject: `Công điện hỏa tốc số ${n} về ứng phó bão`,
              promulgationPlace: 'Hà Nội',
              promulgationDate: '2026-01-15',
              signerName: 'Trần Văn Bình',
              signerPosition: 'Phó Thủ tướng',
              urgency: 'FLASH',
              recipients,
            },
          },
        }),
      });
      const body = (await res.json()) as { data?: { sendDocument: { id: string } }; errors?: unknown };
      const answeredAt = now();
      if (!body.data) throw new Error(`sendDocument failed: ${JSON.stringify(body.errors)}`);
      return { id: Number(body.data.sendDocument.id), requestedAt, answeredAt };
    },
  };
}

/** One run at one size: on a fresh hub, subscribers connected, their memory read, one fan-out, one stream. */
interface Measured {
  memoryPerSubscriberKiB: { gateway: number; documents: number; gatewayHeap: number; gatewayLastHalf: number; gatewayHeapLastHalf: number };
  connectSeconds: number;
  /** cpuMs: what the gateway and the documents subgraph spent from the send to the last event. */
  fanout: { p50: number; p99: number; last: number; p50FromRequest: number; p99FromRequest: number; cpuMs: Record<string, number> };
  stream: { p50: number; p99: number; eventsPerSecond: number };
}

async function measure(ctx: ScenarioContext, hub: Hub, processes: SubscriberProcess[], agencies: string[], tokens: Map<string, string>, count: number, size: (typeof SIZES)['full'], post: Sender): Promise<Measured> {
  const gateway = hub.gateway!;
  const documents = hub.subgraphs.documents;
  const memory = async () => {
    const [g, d] = await Promise.all([gateway.memory(), documents.memory()]);
    return { gateway: g, documents: d };
  };
  const reset = () => Promise.all(processes.map((p) => p.ask({ type: 'reset' })));
  const specs: SubscriberSpec[] = Array.from({ length: count }, (_, i) => ({ agency: agencies[i % agencies.length], token: tokens.get(agencies[i % agencies.length])! }));
  /** Connects `part` and waits until every subscriber connected so far is live; the seconds it took. */
  const connect = async (part: SubscriberSpec[], live: number): Promise<number> => {
    const started = now();
    await Promise.all(processes.map((p, k) => p.ask<'connected'>({ type: 'connect', url: gateway.url, query: DOCUMENT_ARRIVED, subscribers: part.filter((_, i) => i % processes.length === k) })));
    // Connected is not yet subscribed at the documents subgraph: probe sends until every subscriber heard one.
    await reset();
    for (let attempt = 0; attempt < SYNC_ATTEMPTS; attempt++) {
      await post.send(agencies, attempt);
      const status = await waitFor(processes, (s) => s.withEvents === live, 3_000);
      if (status.withEvents === live) return (now() - started) / 1000;
      ctx.log(`fanout: ${status.withEvents}/${live} subscribers live`);
    }
    throw new Error(`not every one of the ${live} subscribers received an event after ${SYNC_ATTEMPTS} sends`);
  };
  // In two halves, so that beside the memory per subscriber (what the process grew by, over their number)
  // the cost of the last half alone shows: the first figure also holds what the process grows by once,
  // whatever the number (compiled code, heap it keeps for later), which the last half no longer adds.
  const half = Math.floor(count / 2);
  const before = await memory();
  ctx.log(`fanout: connecting ${count} subscribers`);
  const firstHalfSeconds = await connect(specs.slice(0, half), half);
  const middle = await memory();
  const connectSeconds = firstHalfSeconds + (await connect(specs.slice(half), count));
  const after = await memory();
  const kib = (to: NodeJS.MemoryUsage, from: NodeJS.MemoryUsage, key: 'rss' | 'heapUsed', subscribers: number) => (to[key] - from[key]) / subscribers / 1024;

  let n = 1_000;
  /** One send to every recipient, answered when every subscriber has heard it. */
  const fanOut = async () => {
    const sent = await post.send(agencies, n++);
    const status = await waitFor(processes, (s) => s.events >= count, EVENT_TIMEOUT_MS);
    if (status.events < count) throw new Error(`fan-out: ${status.events} of ${count} events arrived`);
    return sent;
  };
  for (let i = 0; i < WARMUP_FANOUTS; i++) {
    await reset();
    await fanOut();
  }
  ctx.log(`fanout: ${count} subscribers: one send to ${agencies.length} recipients`);
  await reset();
  const { sent, cpuMsPerRequest } = await withCpuPerRequest({ gateway, documents }, async () => ({ requests: 1, sent: await fanOut() }));
  const times = (await arrivals(processes)).get(sent.id) ?? [];
  const fromResponse = times.map((t) => t - sent.answeredAt);
  const fromRequest = times.map((t) => t - sent.requestedAt);
  const fanout: Measured['fanout'] = {
    p50: percentile(fromResponse, 50),
    p99: percentile(fromResponse, 99),
    last: Math.max(...fromResponse),
    p50FromRequest: percentile(fromRequest, 50),
    p99FromRequest: percentile(fromRequest, 99),
    cpuMs: cpuMsPerRequest,
  };

  ctx.log(`fanout: ${count} subscribers: ${size.streamRate} sends/s for ${size.streamSeconds} s`);
  await reset();
  const step = Math.floor(agencies.length / STREAM_RECIPIENTS);
  const sends: Promise<Awaited<ReturnType<Sender['send']>>>[] = [];
  const started = now();
  const total = size.streamRate * size.streamSeconds;
  for (let i = 0; i < total; i++) {
    // Open loop: each send starts on schedule whether or not the previous ones have been answered.
    const due = started + (i * 1000) / size.streamRate;
    if (due > now()) await sleep(due - now());
    const k = n++;
    sends.push(post.send(Array.from({ length: STREAM_RECIPIENTS }, (_, j) => agencies[(k + j * step) % agencies.length]), k));
  }
  const answered = await Promise.all(sends);
  const expected = total * STREAM_RECIPIENTS * (count / agencies.length);
  const streamStatus = await waitFor(processes, (s) => s.events >= expected, EVENT_TIMEOUT_MS);
  if (streamStatus.events < expected) throw new Error(`stream: ${streamStatus.events} of ${expected} events arrived`);
  const byDocument = await arrivals(processes);
  const latencies = answered.flatMap((s) => (byDocument.get(s.id) ?? []).map((t) => t - s.answeredAt));
  const lastEvent = Math.max(...[...byDocument.values()].flat());
  const stream: Measured['stream'] = { p50: percentile(latencies, 50), p99: percentile(latencies, 99), eventsPerSecond: expected / ((lastEvent - started) / 1000) };

  ctx.log(`fanout: closing ${count} subscribers`);
  await Promise.all(processes.map((p) => p.ask({ type: 'close' })));
  return {
    memoryPerSubscriberKiB: {
      gateway: kib(after.gateway, before.gateway, 'rss', count),
      documents: kib(after.documents, before.documents, 'rss', count),
      gatewayHeap: kib(after.gateway, before.gateway, 'heapUsed', count),
      gatewayLastHalf: kib(after.gateway, middle.gateway, 'rss', count - half),
      gatewayHeapLastHalf: kib(after.gateway, middle.gateway, 'heapUsed', count - half),
    },
    connectSeconds,
    fanout,
    stream,
  };
}

export const fanoutScenario: Scenario = {
  name: 'fanout',
  title: 'Arrival fan-out',
  async run(ctx) {
    const size = SIZES[ctx.profile];
    const { dir, env } = scenarioData(ctx, 'fanout');
    const config = benchConfig(env);
    const agencies = ctx.fixture.recipients.slice(0, size.agencies);
    const tokens = await agencyTokens(config, agencies);
    const senderTokens = [...(await agencyTokens(config, ctx.fixture.senders)).values()];
    const most = Math.max(...size.subscribers);
    // The gateway holds a socket per subscriber, and a few to the subgraphs beside its files.
    const sockets = most + 1_000;
    if (sockets > openFilesLimit()) throw new Error(`${most} subscribers need about ${sockets} open files in the gateway; the limit here is ${openFilesLimit()}`);
    const processes = Array.from({ length: size.processes }, () => new SubscriberProcess());
    try {
      const figures: Figure[] = [];
      const notes: string[] = [];
      for (const count of size.subscribers) {
        const runs: Measured[] = [];
        for (let run = 1; run <= ctx.runs; run++) {
          // A fresh hub each run, so each memory reading starts from a gateway that has held no subscribers
          // (one that has keeps the heap pages they used) and the runs are independent of one another.
          ctx.log(`fanout: ${count} subscribers, run ${run}/${ctx.runs}`);
          const hub = await startHub({ dataDir: dir, env, cpuProfileDir: hubProfileDir(ctx, `${count}-subscribers-run-${run}`) });
          try {
            runs.push(await measure(ctx, hub, processes, agencies, tokens, count, size, sender(hub.gateway!.url, senderTokens)));
          } finally {
            await hub.stop();
          }
        }
        const big = count === most;
        const at = `${count.toLocaleString('en')} subscribers`;
        const fanout = runs.map((r) => r.fanout);
        const stream = runs.map((r) => r.stream);
        figures.push(
          figure(`${at}: gateway memory per idle subscriber (RSS)`, 'KiB', runs.map((r) => r.memoryPerSubscriberKiB.gateway), { op: '<', value: 30 }),
          figure(`${at}: gateway heap per idle subscriber`, 'KiB', runs.map((r) => r.memoryPerSubscriberKiB.gatewayHeap)),
          figure(`${at}: gateway memory per idle subscriber of the last half (RSS)`, 'KiB', runs.map((r) => r.memoryPerSubscriberKiB.gatewayLastHalf)),
          figure(`${at}: gateway heap per idle subscriber of the last half`, 'KiB', runs.map((r) => r.memoryPerSubscriberKiB.gatewayHeapLastHalf)),
          figure(`${at}: documents subgraph memory per idle subscriber (RSS)`, 'KiB', runs.map((r) => r.memoryPerSubscriberKiB.documents)),
          figure(`${at}: one send to ${agencies.length} recipients, p50 from the response`, 'ms', fanout.map((r) => r.p50)),
          figure(`${at}: one send to ${agencies.length} recipients, p99 from the response`, 'ms', fanout.map((r) => r.p99), big ? { op: '<', value: 300 } : undefined),
          figure(`${at}: one send to ${agencies.length} recipients, last event from the response`, 'ms', fanout.map((r) => r.last)),
          figure(`${at}: one send to ${agencies.length} recipients, p99 from the request`, 'ms', fanout.map((r) => r.p99FromRequest)),
          figure(`${at}: one send to ${agencies.length} recipients, CPU of the gateway`, 'ms', fanout.map((r) => r.cpuMs.gateway)),
          figure(`${at}: one send to ${agencies.length} recipients, CPU of the documents subgraph`, 'ms', fanout.map((r) => r.cpuMs.documents)),
          figure(`${at}: stream of ${size.streamRate} sends/s × ${STREAM_RECIPIENTS} recipients, p50 from the response`, 'ms', stream.map((r) => r.p50)),
          figure(`${at}: stream of ${size.streamRate} sends/s × ${STREAM_RECIPIENTS} recipients, p99 from the response`, 'ms', stream.map((r) => r.p99), big ? { op: '<', value: 300 } : undefined),
          figure(`${at}: stream, events delivered per second`, 'events/s', stream.map((r) => r.eventsPerSecond)),
          figure(`${at}: connected and live (every one heard a probe send)`, 's', runs.map((r) => r.connectSeconds)),
        );
      }
      notes.push(
        `Subscribers spread evenly over ${agencies.length} recipient agencies (one graphql-ws connection and subscription each) in ${size.processes} subscriber processes; the subscription selects the delivery, its document and the sender (documents subgraph fields).`,
        'Memory per idle subscriber: RSS (and heap) after a full GC with the subscribers connected, minus the same before they connected, divided by their number. Each run starts a fresh hub, so every reading starts from a gateway that has held no subscribers.',
        'Of the last half: the subscribers connect in two halves, each live before memory is read; the growth from the first half to all, over the last half\'s number. What the process grows by once, whatever the number of subscribers, falls in the first half. With as many subscribers as agencies each of the last half is also its agency\'s first (a new shared execution); with ten times as many, none is.',
        `After the memory reading, ${WARMUP_FANOUTS} unmeasured sends to every recipient warm the fresh processes up before the measured one.`,
        'Latency from the response can be negative: an event may reach its subscriber before the send\'s response reaches the sender.',
        'CPU of a fan-out: the user and system time (every thread) the process spent from the send to the last event arriving, the send itself included for the documents subgraph and the gateway relaying it.',
        'Every event is checked to be an arrival for the subscriber\'s own agency.',
      );
      return { figures, notes };
    } finally {
      await Promise.allSettled(processes.map((p) => p.stop()));
    }
  },
};
