/**
 * Scenario 3 — send throughput: sendDocument with 10 recipients and one 100 KB attachment, through our
 * gateway (the product path) and straight to the documents subgraph, with 1 and 16 concurrent senders,
 * on SQLite and then on PostgreSQL.
 * Every send is a new document (its own clientRequestId) with its own attachment bytes, from one of the
 * seed's ministries and provinces in turn, to 10 recipients that change with every send.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { signIdentity } from '../../src/shared/identity';
import { loadDirectory, withDocumentsDb } from '../lib/fixture';
import { agencyTokens, benchConfig, hubEnv, startHub } from '../lib/hub';
import { LOAD_GENERATOR, withCpuPerRequest } from '../lib/cpu';
import { load, type LoadResult } from '../lib/load';
import { createDatabase } from '../lib/postgres';
import { figure, hubProfileDir, scenarioData, type Figure, type Scenario, type ScenarioContext } from '../lib/scenario';

export const SEND_DOCUMENT = `mutation Send($input: SendDocumentInput!) {
  sendDocument(input: $input) { id sentAt deliveries { id status } attachments { sha256 size } }
}`;

const ATTACHMENT_BYTES = 100 * 1024;
const RECIPIENTS = 10;
const CONCURRENCY = [1, 16] as const;

const SIZES = {
  full: { warmupSeconds: 3, seconds: 10, amount: undefined },
  smoke: { warmupSeconds: 0, seconds: 1, amount: 16 },
};

type Target = 'gateway' | 'direct';

/** Stands for the attachment's base64 in the JSON text until the bytes are put together. */
const CONTENT_MARK = '@@content@@';

/**
 * A sendDocument body with unique content each call: the first 6 bytes of the attachment are a
 * counter. Built as bytes around the attachment's base64, encoded once: made as one JSON string, each
 * body cost the load generator ~4 ms of CPU on the machine of 2026-11-27 (the string and its UTF-8
 * copy are objects over V8's large-object size; bench/changes.ts item 20), CPU the hub's processes
 * share the two cores with.
 */
export function sendBodies(recipients: readonly string[]) {
  const content = randomBytes(ATTACHMENT_BYTES).toString('base64');
  // The counter's 6 bytes are the first 8 base64 characters; the rest of the text never changes.
  const rest = Buffer.from(content.slice(8), 'latin1');
  let n = 0;
  return (): Buffer => {
    n++;
    const unique = Buffer.alloc(6);
    unique.writeUIntBE(n, 0, 6);
    const to = Array.from({ length: RECIPIENTS }, (_, k) => recipients[(n * 7 + k * Math.floor(recipients.length / RECIPIENTS)) % recipients.length]);
    const [before, after] = JSON.stringify({
      query: SEND_DOCUMENT,
      variables: {
        input: {
          clientRequestId: `bench-send-${process.pid}-${Date.now()}-${n}`,
          codeNumber: String(n % 100_000),
          codeNotation: 'UBND-VP',
          documentType: 'Công văn',
          subject: `Về việc triển khai kế hoạch chuyển đổi số, văn bản thử tải số ${n}`,
          promulgationPlace: 'Hà Nội',
          promulgationDate: '2026-01-15',
          signerName: 'Nguyễn Văn An',
          signerPosition: 'Chủ tịch',
          urgency: n % 10 === 0 ? 'FLASH' : 'NORMAL',
          recipients: to,
          attachments: [{ fileName: `van-ban-${n}.pdf`, contentType: 'application/pdf', contentBase64: CONTENT_MARK }],
        },
      },
    }).split(CONTENT_MARK);
    return Buffer.concat([Buffer.from(before), Buffer.from(unique.toString('base64'), 'latin1'), rest, Buffer.from(after)]);
  };
}

function sent(body: string): boolean {
  return body.includes('"sendDocument":{"id"') && !body.includes('"errors"');
}

type Store = 'SQLite' | 'PostgreSQL';

/** The loads of one store: through the gateway and direct, at each concurrency, `runs` times. */
async function measure(ctx: ScenarioContext, store: Store, dataDir: string, env: NodeJS.ProcessEnv): Promise<Figure[]> {
  const size = SIZES[ctx.profile];
  const config = benchConfig(env);
  const senders = ctx.fixture.senders;
  const tokens = [...(await agencyTokens(config, senders)).values()];
  const body = sendBodies(ctx.fixture.recipients);
  const hub = await startHub({ dataDir, env, cpuProfileDir: hubProfileDir(ctx, store) });
  try {
    let turn = 0;
    const urls: Record<Target, string> = { gateway: hub.gateway!.url, direct: hub.subgraphs.documents.url };
    const request: Record<Target, () => { headers: Record<string, string>; body: Buffer }> = {
      gateway: () => ({ headers: { authorization: `Bearer ${tokens[turn++ % tokens.length]}` }, body: body() }),
      direct: () => ({ headers: signIdentity(config.gatewaySecret, { sub: senders[turn++ % senders.length], role: 'AGENCY' }), body: body() }),
    };
    for (const target of size.warmupSeconds ? (['gateway', 'direct'] as const) : []) {
      ctx.log(`send: ${store}, warming up ${target}`);
      await load({ url: urls[target], connections: 4, durationSeconds: size.warmupSeconds, request: request[target], check: sent });
    }
    const processes = { gateway: hub.gateway!, documents: hub.subgraphs.documents };
    const results = new Map<string, (LoadResult & { cpuMsPerRequest: Record<string, number> })[]>();
    for (let run = 1; run <= ctx.runs; run++) {
      for (const connections of CONCURRENCY) {
        for (const target of ['gateway', 'direct'] as const) {
          ctx.log(`send: ${store}, run ${run}/${ctx.runs}, ${target}, concurrency ${connections}`);
          const key = `${target}/${connections}`;
          const result = await withCpuPerRequest(processes, () =>
            load({ url: urls[target], connections, durationSeconds: size.seconds, amount: size.amount, request: request[target], check: sent }),
          );
          results.set(key, [...(results.get(key) ?? []), result]);
        }
      }
    }
    const label: Record<Target, string> = { gateway: 'through our gateway', direct: 'documents subgraph, direct' };
    const figures: Figure[] = [];
    for (const target of ['gateway', 'direct'] as const) {
      for (const connections of CONCURRENCY) {
        const runs = results.get(`${target}/${connections}`)!;
        const target300 = store === 'SQLite' && connections === 16 ? ({ op: '>=', value: 300 } as const) : undefined;
        figures.push(
          figure(`${store}, ${label[target]}, concurrency ${connections}: sends/s`, 'sends/s', runs.map((r) => r.rps), target300),
          figure(`${store}, ${label[target]}, concurrency ${connections}: p50 latency`, 'ms', runs.map((r) => r.p50Ms)),
          figure(`${store}, ${label[target]}, concurrency ${connections}: p99 latency`, 'ms', runs.map((r) => r.p99Ms)),
        );
        if (connections !== 16) continue;
        for (const name of target === 'gateway' ? ['gateway', 'documents', LOAD_GENERATOR] : ['documents', LOAD_GENERATOR]) {
          figures.push(figure(`${store}, ${label[target]}, concurrency 16: CPU per send, ${name}`, 'ms', runs.map((r) => r.cpuMsPerRequest[name])));
        }
      }
    }
    return figures;
  } finally {
    await hub.stop();
  }
}

export const sendScenario: Scenario = {
  name: 'send',
  title: 'Send throughput',
  async run(ctx) {
    const size = SIZES[ctx.profile];
    const sqlite = scenarioData(ctx, 'send');
    const figures = await measure(ctx, 'SQLite', sqlite.dir, sqlite.env);
    const notes = [
      `Each send: ${RECIPIENTS} recipients, one ${ATTACHMENT_BYTES / 1024} KB attachment (about ${Math.round((ATTACHMENT_BYTES * 4) / 3 / 1024)} KB of base64 in the request), a new clientRequestId and new attachment bytes; senders are the ${ctx.fixture.senders.length} top-level units of the seed in turn.`,
      `${size.seconds} s per figure and run, after a ${size.warmupSeconds} s warm-up per target. The attachment's content, the document, its attachment row and deliveries are written in one transaction, as in production.`,
      'CPU per send: the user and system time of each process (every thread) during the run, divided by the sends it completed; the load generator is the benchmark process (autocannon, which also builds each 133 KB body).',
    ];

    const database = await createDatabase(ctx.postgresUrl);
    if ('problem' in database) {
      notes.push(`PostgreSQL: not measured — ${database.problem}.`);
      ctx.log(`send: PostgreSQL skipped: ${database.problem}`);
      return { figures, notes };
    }
    try {
      // Every subgraph on the database (LIENTHONG_DATABASE_URL), loaded as SQLite was: the same directory
      // file imported, the same synthetic population generated on first start; blobs in a fresh folder.
      const dir = path.join(ctx.workDir, 'send-postgres');
      fs.mkdirSync(dir, { recursive: true });
      const env = hubEnv(dir, ctx.fixture.populationScale, { LIENTHONG_DATABASE_URL: database.url });
      await withDocumentsDb(benchConfig(env), (orm) => loadDirectory(orm, ctx.fixture.directoryFile));
      figures.push(...(await measure(ctx, 'PostgreSQL', dir, env)));
      notes.push(`PostgreSQL ${new URL(ctx.postgresUrl).host}, a throwaway database per run (every subgraph on it, one schema each); events in-process (no Redis: one documents instance).`);
    } finally {
      await database.drop();
    }
    return { figures, notes };
  },
};
