/**
 * Scenario 4 — the store at scale: 1,000,000 documents and 10,000,000 deliveries (10,000 in each of
 * 1,000 inboxes), bulk-generated straight into SQLite; then, at the documents subgraph, the first
 * inbox page and a page 9,000 deliveries deep, each agency in turn; and directory search over the
 * imported 120,000-agency directory with a mix of common, rare and absent names and code prefixes.
 */
import { encodeCursor } from '../../src/shared/pagination';
import { signIdentity } from '../../src/shared/identity';
import { MAX_CHANGES_APPLIED } from '../../src/subgraphs/documents/agency/search-cache';
import { ARRIVAL_CURSOR } from '../../src/subgraphs/documents/delivery/delivery.service';
import { bulkGenerate } from '../lib/bulk';
import { withDocumentsDb } from '../lib/fixture';
import { benchConfig } from '../lib/hub';
import { graphqlOk, load, ownInbox, postGraphQL, type LoadResult } from '../lib/load';
import { spawnHubProcess } from '../lib/processes';
import { percentile } from '../lib/stats';
import { figure, scenarioData, type Figure, type Scenario } from '../lib/scenario';
import { DOCUMENTS_INBOX } from './inbox';

const SIZES = {
  full: { documents: 1_000_000, depth: 9_000, warmupSeconds: 3, seconds: 10, amount: undefined, coldRounds: 25 },
  smoke: { documents: 2_000, depth: 150, warmupSeconds: 0, seconds: 1, amount: 20, coldRounds: 1 },
};
const DELIVERIES_PER_DOCUMENT = 10;

/** What people type into the directory search: places, unit kinds, full names, nothing that exists, codes. */
export const SEARCHES = [
  'Sở Tư pháp',
  'nghe an',
  'Ủy ban nhân dân xã Tân Phú',
  'Trạm Y tế',
  'bo phan van thu',
  'Văn phòng',
  'Hà Nội',
  'Cục Kiểm tra',
  'Phòng Pháp chế - Sở Tài chính',
  'không có cơ quan này',
  '000.00.01',
  'Đồng Tháp',
];

const DIRECTORY_SEARCH = `query Search($search: String) {
  agencies(search: $search, first: 20) { totalCount pageInfo { hasNextPage endCursor } edges { node { code name parent { code name } } } }
}`;

/** The broadest of SEARCHES: a fifth of the synthetic directory. */
const BROADEST_SEARCH = 'bo phan van thu';

/** Milliseconds from sending one search to its whole answer. */
async function timedSearch(url: string, headers: Record<string, string>, search: string): Promise<number> {
  const started = performance.now();
  await postGraphQL(url, headers, DIRECTORY_SEARCH, { search });
  return performance.now() - started;
}

/**
 * Rounds of SEARCHES, one request at a time, each round after `change` (which may do nothing); milliseconds
 * from sending each request to its whole answer.
 */
async function searchRounds(url: string, headers: Record<string, string>, rounds: number, change: () => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  for (let round = 0; round < rounds; round++) {
    await change();
    for (const search of SEARCHES) latencies.push(await timedSearch(url, headers, search));
  }
  return latencies;
}

/** An operator renames a unit, in and out of BROADEST_SEARCH. */
const RENAME_AGENCY = `mutation Rename($code: ID!, $name: String!) { updateAgency(code: $code, input: { name: $name }) { code } }`;

const DEEP_INBOX = DOCUMENTS_INBOX.replace('inbox(first: 20)', 'inbox(first: 20, after: $after)').replace('query Inbox', 'query Inbox($after: String)');

export const storeScenario: Scenario = {
  name: 'store',
  title: 'Scale of the store',
  async run(ctx) {
    const size = SIZES[ctx.profile];
    const { dir, env } = scenarioData(ctx, 'store');
    const config = benchConfig(env);
    const agencies = ctx.fixture.recipients;
    ctx.log(`store: generating ${size.documents} documents and ${size.documents * DELIVERIES_PER_DOCUMENT} deliveries`);
    const { bulk, deepCursors } = await withDocumentsDb(config, async (orm) => {
      const result = await bulkGenerate(orm, {
        documents: size.documents,
        deliveriesPerDocument: DELIVERIES_PER_DOCUMENT,
        recipients: agencies,
        senders: ctx.fixture.senders,
        citizenIds: ctx.fixture.citizenIds,
        citizensPerDocument: 1,
        chunk: 50_000,
        onProgress: (done) => {
          if (done % 200_000 === 0) ctx.log(`store: ${done} documents`);
        },
      });
      const knex = orm.em.getKnex();
      const cursors: string[] = [];
      for (const code of agencies) {
        const [row] = await knex('delivery').select('id').where('recipient_code', code).orderBy('id', 'desc').offset(size.depth).limit(1);
        cursors.push(encodeCursor(ARRIVAL_CURSOR, Number(row.id)));
      }
      return { bulk: result, deepCursors: cursors };
    });
    ctx.log(`store: generated in ${Math.round(bulk.ms / 1000)} s`);

    const documents = await spawnHubProcess('documents', { env, logFile: `${dir}/documents.log`, cpuProfileDir: ctx.cpuProfileDir });
    try {
      let turn = 0;
      const headers = (sub: string) => signIdentity(config.gatewaySecret, { sub, role: 'AGENCY' });
      const requests = {
        first: () => {
          const i = turn++ % agencies.length;
          return { headers: headers(agencies[i]), body: JSON.stringify({ query: DOCUMENTS_INBOX }), expect: agencies[i] };
        },
        deep: () => {
          const i = turn++ % agencies.length;
          return { headers: headers(agencies[i]), body: JSON.stringify({ query: DEEP_INBOX, variables: { after: deepCursors[i] } }), expect: agencies[i] };
        },
        search: () => ({ headers: headers(agencies[0]), body: JSON.stringify({ query: DIRECTORY_SEARCH, variables: { search: SEARCHES[turn++ % SEARCHES.length] } }) }),
      };
      type Kind = keyof typeof requests;
      const kinds: Kind[] = ['first', 'deep', 'search'];
      const check = (kind: Kind) => (kind === 'search' ? graphqlOk : ownInbox);
      for (const kind of size.warmupSeconds ? kinds : []) {
        await load({ url: documents.url, connections: 1, durationSeconds: size.warmupSeconds, request: requests[kind], check: check(kind) });
      }
      const results: Record<Kind, LoadResult[]> = { first: [], deep: [], search: [] };
      for (let run = 1; run <= ctx.runs; run++) {
        for (const kind of kinds) {
          ctx.log(`store: run ${run}/${ctx.runs}, ${kind}`);
          results[kind].push(await load({ url: documents.url, connections: 1, durationSeconds: size.seconds, amount: size.amount, request: requests[kind], check: check(kind) }));
        }
      }
      // An operator's edit, through the subgraph as the directory tools make it: a write on the subgraph's
      // own connection, which moves the directory's revision (a write from another connection would also
      // make SQLite drop that connection's page cache, which an edit through the hub does not).
      const operator = signIdentity(config.gatewaySecret, { sub: 'bench-operator', role: 'OPERATOR' });
      let edits = 0;
      const rename = async () => {
        const n = ++edits;
        await postGraphQL(documents.url, operator, RENAME_AGENCY, { code: agencies[0], name: n % 2 ? `Bộ phận văn thư ${n}` : `Tổ lưu trữ ${n}` });
      };
      const afterEdit: number[][] = [];
      for (let run = 1; run <= ctx.runs; run++) {
        ctx.log(`store: run ${run}/${ctx.runs}, search after an operator's edit`);
        afterEdit.push(await searchRounds(documents.url, headers(agencies[0]), size.coldRounds, rename));
      }
      await documents.stop();
      // The same subgraph and data with no search results kept: every search scans the directory held in
      // memory. Each run on a fresh process, whose first search reads the directory into memory as the first
      // search after an import does; a listing without a search first, so that the request's own path is warm.
      const firstSearch: number[] = [];
      const heldPerUnit: number[] = [];
      const rssPerUnit: number[] = [];
      const nothingKept: number[][] = [];
      for (let run = 1; run <= ctx.runs; run++) {
        const cold = await spawnHubProcess('documents', { env: { ...env, LIENTHONG_DIRECTORY_SEARCH_CACHE_CODES: '0' }, logFile: `${dir}/documents-cold.log` });
        try {
          ctx.log(`store: run ${run}/${ctx.runs}, search with nothing kept`);
          await postGraphQL(cold.url, headers(agencies[0]), DIRECTORY_SEARCH, { search: null });
          const before = await cold.memory();
          firstSearch.push(await timedSearch(cold.url, headers(agencies[0]), BROADEST_SEARCH));
          const after = await cold.memory();
          heldPerUnit.push((after.heapUsed - before.heapUsed) / ctx.fixture.directorySize);
          rssPerUnit.push((after.rss - before.rss) / ctx.fixture.directorySize);
          // One round first, unmeasured, as the edited subgraph had its load runs.
          if (size.warmupSeconds) await searchRounds(cold.url, headers(agencies[0]), 1, async () => {});
          nothingKept.push(await searchRounds(cold.url, headers(agencies[0]), size.coldRounds, async () => {}));
        } finally {
          await cold.stop();
        }
      }
      const label: Record<Kind, string> = {
        first: 'inbox, first page',
        deep: `inbox, page ${size.depth.toLocaleString('en')} deliveries deep`,
        search: `directory search over ${ctx.fixture.directorySize.toLocaleString('en')} agencies`,
      };
      const figures: Figure[] = [
        figure(`bulk generation of ${bulk.documents.toLocaleString('en')} documents and ${bulk.deliveries.toLocaleString('en')} deliveries`, 's', [bulk.ms / 1000]),
      ];
      for (const kind of kinds) {
        figures.push(
          figure(`${label[kind]}: p50 latency`, 'ms', results[kind].map((r) => r.p50Ms)),
          figure(`${label[kind]}: p99 latency`, 'ms', results[kind].map((r) => r.p99Ms), { op: '<', value: 20 }),
          figure(`${label[kind]}: requests/s, 1 connection`, 'req/s', results[kind].map((r) => r.rps)),
        );
      }
      const afterEditLabel = "directory search, each search the first since an operator's edit";
      const coldLabel = 'directory search with no results kept (each search scans the directory)';
      figures.push(
        figure(`${afterEditLabel}: p50 latency`, 'ms', afterEdit.map((l) => percentile(l, 50))),
        figure(`${afterEditLabel}: p99 latency`, 'ms', afterEdit.map((l) => percentile(l, 99)), { op: '<', value: 20 }),
        figure(`${coldLabel}: p50 latency`, 'ms', nothingKept.map((l) => percentile(l, 50))),
        figure(`${coldLabel}: p99 latency`, 'ms', nothingKept.map((l) => percentile(l, 99)), { op: '<', value: 20 }),
        figure(`directory search, the first after a start or an import (reads the directory into memory), "${BROADEST_SEARCH}"`, 'ms', firstSearch),
        figure('documents subgraph heap held for the directory in memory, per unit', 'bytes', heldPerUnit),
        figure('documents subgraph memory (RSS) grown by the directory in memory, per unit', 'bytes', rssPerUnit),
      );
      return {
        figures,
        notes: [
          `${bulk.documents.toLocaleString('en')} documents × ${DELIVERIES_PER_DOCUMENT} recipients over ${agencies.length} agencies (${((bulk.deliveries / agencies.length) | 0).toLocaleString('en')} deliveries each), generated by SQL in chunks of 50,000 documents (bench/lib/bulk.ts); the bulk generation is measured once.`,
          `At the documents subgraph, 1 connection, ${size.seconds} s per figure and run. The inbox query is the documents part of scenario 1 (with totalCount), each request another agency's; the deep page starts ${size.depth.toLocaleString('en')} deliveries back.`,
          `Directory search: agencies(search:, first: 20) with totalCount and each unit's parent, over: ${SEARCHES.map((s) => `"${s}"`).join(', ')}. Searched again and again, as people do, each search's results are kept by the subgraph while the directory is unchanged (agency/search-cache.ts).`,
          `Directory search after an operator's edit: ${size.coldRounds} rounds of the same searches, one request at a time (fetch), each round after an operator renames one unit (updateAgency) in or out of "${BROADEST_SEARCH}": the directory's revision moves, and the directory held in memory and each kept result are brought up to date with the unit changed, not read or scanned anew (search-cache.ts).`,
          `Directory search with no results kept: the same rounds against the same data, the subgraph restarted with LIENTHONG_DIRECTORY_SEARCH_CACHE_CODES=0 for each run, so every search scans the directory held in memory (one round first, unmeasured): what the first person to search for something waits. The first search of each such process (after a listing, so that the request's path is warm) reads the whole directory into memory first, as the first search after an import does (more than ${MAX_CHANGES_APPLIED.toLocaleString('en')} units changed): one figure per run. The memory it holds: heap and RSS after a full GC, before that search and after it, over the ${ctx.fixture.directorySize.toLocaleString('en')} units of the imported directory (no results are kept by that process).`,
        ],
      };
    } finally {
      await documents.stop();
    }
  },
};
