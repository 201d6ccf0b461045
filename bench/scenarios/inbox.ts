/**
 * Scenario 1 — the federated inbox: a page of 20 deliveries with their document, its sender and the
 * names of the citizens it concerns (the names come from the population subgraph), asked by 100
 * agencies in turn. Three targets in the same run, taking turns: our gateway, Apollo Gateway on the
 * same supergraph and subgraphs, and the documents-only part of the query sent straight to the
 * documents subgraph with the identity headers the gateway would sign — the limit a gateway approaches.
 */
import { signIdentity } from '../../src/shared/identity';
import { bulkGenerate } from '../lib/bulk';
import { withDocumentsDb } from '../lib/fixture';
import { agencyTokens, benchConfig, startHub } from '../lib/hub';
import { LOAD_GENERATOR, withCpuPerRequest } from '../lib/cpu';
import { load, ownInbox, type LoadRequest, type LoadResult } from '../lib/load';
import { figure, scenarioData, type Figure, type Scenario, type ScenarioContext } from '../lib/scenario';

const PAGE_FIELDS = (citizenFields: string) => `
  inbox(first: 20) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        id status statusCode updatedAt
        recipient { code }
        document {
          id codeNumber codeNotation documentType subject urgency sentAt
          sender { code name }
          citizens { ${citizenFields} }
        }
      }
    }
  }`;

/** Through a gateway: citizens' names are fetched from the population subgraph. */
export const FEDERATED_INBOX = `query Inbox {${PAGE_FIELDS('personalId fullName')}\n}`;
/** The documents subgraph's part of the same query: citizens are references it holds itself. */
export const DOCUMENTS_INBOX = `query Inbox {${PAGE_FIELDS('personalId')}\n}`;

/** This scenario's bodies are small JSON texts, read back once to check each target. */
type TextRequest = LoadRequest & { body: string };

const AGENCIES = 100;

const SIZES = {
  full: { documents: 2_000, warmupSeconds: 3, throughputSeconds: 10, latencySeconds: 5, connections: 16, amount: undefined },
  smoke: { documents: 200, warmupSeconds: 0, throughputSeconds: 1, latencySeconds: 1, connections: 4, amount: 20 },
};

type Target = 'gateway' | 'apollo' | 'direct';

/** Checks one response of each target fully: 20 edges, names resolved, before any figure is taken. */
async function checkOnce(url: string, headers: Record<string, string>, query: string, wantNames: boolean): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = (await res.json()) as { data?: { inbox: { edges: { node: { document: { citizens: { fullName?: string }[] } } }[] } }; errors?: unknown };
  const edges = body.data?.inbox.edges ?? [];
  if (body.errors || edges.length !== 20) throw new Error(`${url} answered the inbox wrongly: ${JSON.stringify(body).slice(0, 500)}`);
  if (wantNames && !edges.every((e) => e.node.document.citizens.length > 0 && e.node.document.citizens.every((c) => c.fullName))) {
    throw new Error(`${url} did not resolve the citizens' names`);
  }
}

export const inboxScenario: Scenario = {
  name: 'inbox',
  title: 'Federated inbox query',
  async run(ctx: ScenarioContext) {
    const size = SIZES[ctx.profile];
    const { dir, env } = scenarioData(ctx, 'inbox');
    const config = benchConfig(env);
    const agencies = ctx.fixture.recipients.slice(0, AGENCIES);
    const bulk = await withDocumentsDb(config, (orm) =>
      bulkGenerate(orm, {
        documents: size.documents,
        deliveriesPerDocument: 10,
        recipients: agencies,
        senders: ctx.fixture.senders,
        citizenIds: ctx.fixture.citizenIds,
        citizensPerDocument: 2,
      }),
    );
    const tokens = [...(await agencyTokens(config, agencies)).values()];
    const hub = await startHub({ dataDir: dir, env, apollo: true, cpuProfileDir: ctx.cpuProfileDir });
    try {
      const urls: Record<Target, string> = { gateway: hub.gateway!.url, apollo: hub.apollo!.url, direct: hub.subgraphs.documents.url };
      let turn = 0;
      // Each request is another agency's, and its answer must hold that agency's deliveries only; the
      // direct call carries what our gateway adds, signed per request as it does.
      const federated = JSON.stringify({ query: FEDERATED_INBOX });
      const viaGateway = (): TextRequest => {
        const i = turn++ % agencies.length;
        return { headers: { authorization: `Bearer ${tokens[i]}` }, body: federated, expect: agencies[i] };
      };
      const request: Record<Target, () => TextRequest> = {
        gateway: viaGateway,
        apollo: viaGateway,
        direct: () => {
          const i = turn++ % agencies.length;
          return { headers: signIdentity(config.gatewaySecret, { sub: agencies[i], role: 'AGENCY' }), body: JSON.stringify({ query: DOCUMENTS_INBOX }), expect: agencies[i] };
        },
      };
      for (const target of ['gateway', 'apollo', 'direct'] as const) {
        const { headers, body } = request[target]();
        await checkOnce(urls[target], headers, JSON.parse(body).query as string, target !== 'direct');
        if (!size.warmupSeconds) continue;
        ctx.log(`inbox: warming up ${target}`);
        await load({ url: urls[target], connections: size.connections, durationSeconds: size.warmupSeconds, request: request[target], check: ownInbox });
      }

      const processes = { gateway: hub.gateway!, 'apollo-gateway': hub.apollo!, documents: hub.subgraphs.documents, population: hub.subgraphs.population };
      const loaded: Record<Target, (LoadResult & { cpuMsPerRequest: Record<string, number> })[]> = { gateway: [], apollo: [], direct: [] };
      const single: Record<Target, LoadResult[]> = { gateway: [], apollo: [], direct: [] };
      for (let run = 1; run <= ctx.runs; run++) {
        // Taking turns within each run, so drift in the machine's load touches all three alike.
        for (const target of ['gateway', 'apollo', 'direct'] as const) {
          ctx.log(`inbox: run ${run}/${ctx.runs}, ${target}`);
          loaded[target].push(
            await withCpuPerRequest(processes, () =>
              load({ url: urls[target], connections: size.connections, durationSeconds: size.throughputSeconds, amount: size.amount, request: request[target], check: ownInbox }),
            ),
          );
          single[target].push(await load({ url: urls[target], connections: 1, durationSeconds: size.latencySeconds, amount: size.amount, request: request[target], check: ownInbox }));
        }
      }

      const label: Record<Target, string> = { gateway: 'our gateway (Hive runtime)', apollo: 'Apollo Gateway 2.14.4', direct: 'documents subgraph, direct' };
      const figures: Figure[] = [];
      for (const target of ['gateway', 'apollo', 'direct'] as const) {
        figures.push(figure(`${label[target]}: throughput, ${size.connections} connections`, 'req/s', loaded[target].map((r) => r.rps)));
      }
      figures.push(
        figure('throughput, our gateway ÷ Apollo Gateway', '×', loaded.gateway.map((r, i) => r.rps / loaded.apollo[i].rps), { op: '>=', value: 2 }),
        figure('throughput, our gateway ÷ direct', '×', loaded.gateway.map((r, i) => r.rps / loaded.direct[i].rps)),
      );
      for (const target of ['gateway', 'apollo', 'direct'] as const) {
        figures.push(
          figure(`${label[target]}: p50 latency, 1 connection`, 'ms', single[target].map((r) => r.p50Ms)),
          figure(`${label[target]}: p99 latency, 1 connection`, 'ms', single[target].map((r) => r.p99Ms)),
        );
      }
      figures.push(figure('p50 overhead of our gateway over the direct call, 1 connection', 'ms', single.gateway.map((r, i) => r.p50Ms - single.direct[i].p50Ms), { op: '<=', value: 2 }));
      // Where the machine's CPU goes per request under load: the processes each target keeps busy.
      const busy: Record<Target, string[]> = {
        gateway: ['gateway', 'documents', 'population', LOAD_GENERATOR],
        apollo: ['apollo-gateway', 'documents', 'population', LOAD_GENERATOR],
        direct: ['documents', LOAD_GENERATOR],
      };
      for (const target of ['gateway', 'apollo', 'direct'] as const) {
        const runs = loaded[target].map((r) => r.cpuMsPerRequest);
        for (const name of busy[target]) figures.push(figure(`${label[target]}: CPU per request, ${name}, ${size.connections} connections`, 'ms', runs.map((cpu) => cpu[name])));
        figures.push(figure(`${label[target]}: CPU per request, all processes, ${size.connections} connections`, 'ms', runs.map((cpu) => Object.values(cpu).reduce((a, b) => a + b, 0))));
      }
      for (const target of ['gateway', 'apollo', 'direct'] as const) {
        figures.push(
          figure(`${label[target]}: p50 latency, ${size.connections} connections`, 'ms', loaded[target].map((r) => r.p50Ms)),
          figure(`${label[target]}: p99 latency, ${size.connections} connections`, 'ms', loaded[target].map((r) => r.p99Ms)),
        );
      }
      return {
        figures,
        notes: [
          `${bulk.documents} documents, ${bulk.deliveries} deliveries over ${agencies.length} agencies (${bulk.deliveries / agencies.length} each), 2 citizens per document; each request is another agency's.`,
          `Throughput: ${size.throughputSeconds} s with ${size.connections} connections; latency: ${size.latencySeconds} s with 1 connection; each target warmed up ${size.warmupSeconds} s first.`,
          'The direct call is the documents subgraph\'s part of the query (citizens as ids), with the identity headers the gateway signs; the gateway also fetches the names from the population subgraph, so its overhead includes that second hop.',
          'Every answer is checked to hold the calling agency\'s deliveries and no other\'s (this check found the in-flight merging of subgraph requests that answered concurrent agencies with one agency\'s inbox).',
          `CPU per request: the user and system time of each process (every thread: garbage collection, libuv) during the ${size.connections}-connection throughput run, divided by the requests it completed; the load generator is the benchmark process itself (autocannon). All of them share the machine's cores, so their sum bounds the throughput.`,
        ],
      };
    } finally {
      await hub.stop();
    }
  },
};
