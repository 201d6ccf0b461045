/**
 * The population subgraph over real HTTP on an ephemeral port, with a real SQLite file in a temporary
 * folder, generated at a small scale on first start: lookups, diacritic-free search, paging, `_entities`
 * batching, authentication and input errors.
 */
import 'reflect-metadata';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningServer } from '../../src/shared/subgraph-server';
import type { Orm } from '../../src/shared/db';
import { foldForSearch } from '../../src/shared/text';
import { generateCitizens } from '../../src/subgraphs/population/generator';
import { startPopulationSubgraph } from '../../src/subgraphs/population/server';
import { codes, gql } from '../helpers/graphql';
import { signedAs, tempEnv, tokenFor, type SignedCaller, type TempEnv } from '../helpers/env';

const SCALE = 2000;
const people = [...generateCitizens(SCALE)];

let env: TempEnv;
let server: RunningServer & { orm: Orm };
let caller: SignedCaller;
const statements: string[] = [];

before(async () => {
  env = tempEnv({ LIENTHONG_POPULATION_SCALE: String(SCALE) });
  server = await startPopulationSubgraph(env.config, { port: 0, onQuery: (sql) => statements.push(sql) });
  caller = signedAs(env.config, '000.00.00.G22');
});

after(async () => {
  await server?.close();
  env?.cleanup();
});

const query = (q: string, variables: Record<string, unknown> = {}) => gql(server.url, q, variables, caller);

/** The SQL statements one request runs. */
async function statementsOf<T>(request: () => Promise<T>): Promise<{ result: T; sql: string[] }> {
  statements.length = 0;
  const result = await request();
  return { result, sql: [...statements] };
}

const CITIZENS = `query Citizens($residence: String, $name: String, $first: Int, $after: String) {
  citizens(residence: $residence, name: $name, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { personalId fullName residence } }
  }
}`;

/** Every id a filter pages through, following endCursor until hasNextPage is false. */
async function pageThrough(variables: Record<string, unknown>, first: number): Promise<{ ids: string[]; totalCount: number; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let totalCount = -1;
  let pages = 0;
  for (;;) {
    const res = await query(CITIZENS, { ...variables, first, after: cursor });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const page = res.data?.citizens;
    totalCount = page.totalCount;
    pages++;
    ids.push(...page.edges.map((e: { node: { personalId: string } }) => e.node.personalId));
    if (!page.pageInfo.hasNextPage) break;
    cursor = page.pageInfo.endCursor;
  }
  return { ids, totalCount, pages };
}

/** What a diacritic-free substring filter should find, computed from the generator itself. */
function expectedIds(match: (p: (typeof people)[number]) => boolean): string[] {
  return people.filter(match).map((p) => p.personalId).sort();
}

test('the first start generated the configured number of citizens', async () => {
  const res = await query('{ citizens(first: 0) { totalCount edges { cursor } pageInfo { hasNextPage } } }');
  assert.deepEqual(res.data?.citizens, { totalCount: SCALE, edges: [], pageInfo: { hasNextPage: true } });
});

test('a citizen by personal id, as generated', async () => {
  const person = people[7];
  const res = await query('query ($id: ID!) { citizen(personalId: $id) { personalId fullName birthDate gender residence } }', { id: person.personalId });
  assert.deepEqual(res.data?.citizen, {
    personalId: person.personalId,
    fullName: person.fullName,
    birthDate: person.birthDate,
    gender: person.gender,
    residence: person.place.residence,
  });
});

test('an unknown personal id is null; a malformed one is BAD_USER_INPUT', async () => {
  const unknown = await query('{ citizen(personalId: "999999999999") { personalId } }');
  assert.equal(unknown.errors, undefined);
  assert.equal(unknown.data?.citizen, null);
  const malformed = await query('{ citizen(personalId: "12345") { personalId } }');
  assert.deepEqual(codes(malformed), ['BAD_USER_INPUT']);
});

test('a province name without diacritics finds the residents of that province, paged without gaps or repeats', async () => {
  const expected = expectedIds((p) => foldForSearch(p.place.residence).includes('ha noi'));
  assert.ok(expected.length > 100, 'enough Hà Nội residents to need several pages');
  const { ids, totalCount, pages } = await pageThrough({ residence: 'ha noi' }, 40);
  assert.equal(totalCount, expected.length);
  assert.deepEqual(ids, expected);
  assert.equal(pages, Math.ceil(expected.length / 40));
});

test('any other residence text and the name are diacritic-free substrings, combinable', async () => {
  const commune = await pageThrough({ residence: 'TAN LAP' }, 100);
  assert.deepEqual(commune.ids, expectedIds((p) => foldForSearch(p.place.residence).includes('tan lap')));
  assert.ok(commune.ids.length > 0);

  const both = await pageThrough({ residence: 'Hồ Chí Minh', name: 'nguyen thi' }, 100);
  const expected = expectedIds((p) => p.place.province.code === '079' && foldForSearch(p.fullName).includes('nguyen thi'));
  assert.ok(expected.length > 0);
  assert.deepEqual(both.ids, expected);
  assert.equal(both.totalCount, expected.length);
});

test("a search's own % and _ are literal characters, not wildcards", async () => {
  const res = await query(CITIZENS, { name: '%', first: 5 });
  assert.equal(res.data?.citizens.totalCount, 0);
  const underscore = await query(CITIZENS, { name: 'nguy_n', first: 5 });
  assert.equal(underscore.data?.citizens.totalCount, 0);
});

test('_entities resolves a batch of citizens with one SQL statement, in order, unknown ones null', async () => {
  const wanted = people.slice(100, 130).map((p) => p.personalId);
  const representations = [...wanted, '999999999999'].map((personalId) => ({ __typename: 'Citizen', personalId }));
  const { result, sql } = await statementsOf(() =>
    query('query ($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { personalId fullName } } }', { r: representations }),
  );
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  const entities = result.data?._entities as ({ personalId: string } | null)[];
  assert.deepEqual(entities.slice(0, -1).map((e) => e?.personalId), wanted);
  assert.equal(entities.at(-1), null);
  assert.equal(sql.length, 1, sql.join('\n'));
});

test('only a gateway-signed agency or analyst gets in: no credentials or a client JWT is UNAUTHENTICATED, an operator FORBIDDEN', async () => {
  const Q = '{ citizen(personalId: "001000000000") { personalId } }';
  const res = await gql(server.url, Q);
  assert.deepEqual(codes(res), ['UNAUTHENTICATED']);
  assert.equal(res.data ?? null, null);
  assert.deepEqual(codes(await gql(server.url, Q, {}, await tokenFor(env.config, '000.00.00.G22'))), ['UNAUTHENTICATED']);
  const operator = signedAs(env.config, 'operator-1', 'OPERATOR');
  assert.deepEqual(codes(await gql(server.url, Q, {}, operator)), ['FORBIDDEN']);
  const entities = await gql(server.url, 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { fullName } } }', {
    r: [{ __typename: 'Citizen', personalId: people[0].personalId }],
  }, operator);
  assert.deepEqual(codes(entities), ['FORBIDDEN']);
  assert.equal((await gql(server.url, Q, {}, signedAs(env.config, 'analyst-1', 'ANALYST'))).errors, undefined);
});

test('a page larger than 100, a negative page and a cursor this list did not give out are BAD_USER_INPUT', async () => {
  for (const variables of [{ first: 1000 }, { first: -1 }, { after: 'not-a-cursor' }, { after: Buffer.from('parcel:001').toString('base64url') }]) {
    const res = await query(CITIZENS, variables);
    assert.deepEqual(codes(res), ['BAD_USER_INPUT'], JSON.stringify(variables));
  }
});
