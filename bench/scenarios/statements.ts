/**
 * Scenario 5 — SQL statements per inbox page: the documents subgraph's part of the federated inbox at
 * page sizes 10, 50 and 100, counted with the subgraph's statement hook. Every relation is loaded in
 * batches (DataLoader), so the count must not grow with the page.
 */
import { signIdentity } from '../../src/shared/identity';
import { startDocumentsSubgraph } from '../../src/subgraphs/documents/server';
import { bulkGenerate } from '../lib/bulk';
import { withDocumentsDb } from '../lib/fixture';
import { benchConfig } from '../lib/hub';
import { figure, scenarioData, type Scenario } from '../lib/scenario';
import { DOCUMENTS_INBOX } from './inbox';

const PAGE_SIZES = [10, 50, 100] as const;

export const statementsScenario: Scenario = {
  name: 'statements',
  title: 'SQL statements per inbox page',
  async run(ctx) {
    const { env } = scenarioData(ctx, 'statements');
    const config = benchConfig(env);
    const agency = ctx.fixture.recipients[0];
    // 200 documents to 10 of the recipients: 200 deliveries each, two pages of 100 and more.
    await withDocumentsDb(config, (orm) =>
      bulkGenerate(orm, {
        documents: 200,
        deliveriesPerDocument: 10,
        recipients: ctx.fixture.recipients.slice(0, 10),
        senders: ctx.fixture.senders,
        citizenIds: ctx.fixture.citizenIds,
        citizensPerDocument: 2,
      }),
    );
    let statements = 0;
    // In this process: counting needs the statement hook, and no figure here is a time.
    const server = await startDocumentsSubgraph(config, { port: 0, onQuery: () => statements++ });
    try {
      const counts: number[] = [];
      for (const size of PAGE_SIZES) {
        const query = DOCUMENTS_INBOX.replace('inbox(first: 20)', `inbox(first: ${size})`);
        // The first request of a size warms nothing that matters: loaders are per request.
        statements = 0;
        const res = await fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...signIdentity(config.gatewaySecret, { sub: agency, role: 'AGENCY' }) },
          body: JSON.stringify({ query }),
        });
        const body = (await res.json()) as { data?: { inbox: { edges: unknown[] } }; errors?: unknown };
        if (body.errors || body.data?.inbox.edges.length !== size) throw new Error(`inbox(first: ${size}) answered wrongly: ${JSON.stringify(body).slice(0, 300)}`);
        counts.push(statements);
      }
      const spread = Math.max(...counts) - Math.min(...counts);
      return {
        figures: [
          ...PAGE_SIZES.map((size, i) => figure(`statements for a page of ${size}`, 'statements', [counts[i]])),
          figure('difference between the largest and smallest count', 'statements', [spread], { op: '<=', value: 0 }),
        ],
        notes: [
          `The documents subgraph's part of the inbox query (${DOCUMENTS_INBOX.match(/document \{[^}]*/)?.[0].replace(/\s+/g, ' ')} …) with totalCount, sender and citizens, for one agency with 200 deliveries.`,
          'A count is exact, not sampled: it is measured once per page size whatever --runs says.',
        ],
      };
    } finally {
      await server.close();
    }
  },
};
