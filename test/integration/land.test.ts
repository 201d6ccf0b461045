/**
 * The land subgraph over real HTTP on an ephemeral port, next to a population subgraph generated for
 * the same scale: owners are real citizens, parcels by owner and address, paging, `_entities` for
 * Citizen.landParcels and LandParcel batched into one statement, authentication and input errors.
 */
import 'reflect-metadata';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Orm } from '../../src/shared/db';
import type { RunningServer } from '../../src/shared/subgraph-server';
import { foldForSearch } from '../../src/shared/text';
import { generateParcels } from '../../src/subgraphs/land/generator';
import { startLandSubgraph } from '../../src/subgraphs/land/server';
import { startPopulationSubgraph } from '../../src/subgraphs/population/server';
import { codes, gql } from '../helpers/graphql';
import { signedAs, tempEnv, tokenFor, type SignedCaller, type TempEnv } from '../helpers/env';

const SCALE = 2000;
const parcels = [...generateParcels(SCALE)];

let env: TempEnv;
let land: RunningServer & { orm: Orm };
let population: RunningServer & { orm: Orm };
let caller: SignedCaller;
const statements: string[] = [];

before(async () => {
  env = tempEnv({ LIENTHONG_POPULATION_SCALE: String(SCALE) });
  land = await startLandSubgraph(env.config, { port: 0, onQuery: (sql) => statements.push(sql) });
  population = await startPopulationSubgraph(env.config, { port: 0 });
  caller = signedAs(env.config, '000.00.00.G22');
});

after(async () => {
  await land?.close();
  await population?.close();
  env?.cleanup();
});

const query = (q: string, variables: Record<string, unknown> = {}) => gql(land.url, q, variables, caller);

async function statementsOf<T>(request: () => Promise<T>): Promise<{ result: T; sql: string[] }> {
  statements.length = 0;
  const result = await request();
  return { result, sql: [...statements] };
}

const PARCELS = `query Parcels($ownerId: ID, $address: String, $first: Int, $after: String) {
  landParcels(ownerId: $ownerId, address: $address, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { parcelId owners { personalId } } }
  }
}`;

const sorted = (ids: string[]) => [...ids].sort();
/** A citizen who owns at least two parcels, so "by owner" has something to page. */
const busyOwner = (() => {
  const counts = new Map<string, number>();
  for (const p of parcels) for (const id of p.ownerIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts].find(([, n]) => n >= 2)?.[0] as string;
})();

test('a parcel by id, with its owners as citizen references', async () => {
  const parcel = parcels[11];
  const res = await query(
    'query ($id: ID!) { landParcel(parcelId: $id) { parcelId mapSheet parcelNumber areaM2 landUse address owners { personalId } } }',
    { id: parcel.parcelId },
  );
  assert.deepEqual(res.data?.landParcel, {
    parcelId: parcel.parcelId,
    mapSheet: parcel.mapSheet,
    parcelNumber: parcel.parcelNumber,
    areaM2: parcel.areaM2,
    landUse: parcel.landUse,
    address: parcel.address,
    owners: sorted(parcel.ownerIds).map((personalId) => ({ personalId })),
  });
  const missing = await query('{ landParcel(parcelId: "001-9999999") { parcelId } }');
  assert.equal(missing.data?.landParcel, null);
});

test('every owner is a citizen of the population subgraph generated for the same scale', async () => {
  const ownerIds = [...new Set(parcels.flatMap((p) => p.ownerIds))];
  const res = await gql(
    population.url,
    'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { personalId } } }',
    { r: ownerIds.map((personalId) => ({ __typename: 'Citizen', personalId })) },
    caller,
  );
  assert.equal(res.errors, undefined, JSON.stringify(res.errors));
  assert.deepEqual(res.data?._entities.map((c: { personalId: string } | null) => c?.personalId), ownerIds);
});

test("a citizen's parcels, paged by owner", async () => {
  const expected = sorted(parcels.filter((p) => p.ownerIds.includes(busyOwner)).map((p) => p.parcelId));
  const first = await query(PARCELS, { ownerId: busyOwner, first: 1 });
  assert.equal(first.data?.landParcels.totalCount, expected.length);
  assert.equal(first.data?.landParcels.pageInfo.hasNextPage, true);
  const rest = await query(PARCELS, { ownerId: busyOwner, first: 100, after: first.data?.landParcels.pageInfo.endCursor });
  assert.equal(rest.data?.landParcels.pageInfo.hasNextPage, false);
  const ids = [...first.data?.landParcels.edges, ...rest.data?.landParcels.edges].map((e: { node: { parcelId: string } }) => e.node.parcelId);
  assert.deepEqual(ids, expected);
  for (const edge of first.data?.landParcels.edges) assert.ok(edge.node.owners.some((o: { personalId: string }) => o.personalId === busyOwner));
});

test('the address is a diacritic-free substring; a page of parcels loads all its owners in one more statement', async () => {
  const expected = parcels.filter((p) => foldForSearch(p.address).includes('thon 3, xa'));
  assert.ok(expected.length > 0);
  const { result, sql } = await statementsOf(() => query(PARCELS, { address: 'Thôn 3, Xã', first: 100 }));
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  assert.equal(result.data?.landParcels.totalCount, expected.length);
  assert.deepEqual(
    result.data?.landParcels.edges.map((e: { node: { parcelId: string } }) => e.node.parcelId),
    sorted(expected.map((p) => p.parcelId)).slice(0, 100),
  );
  // The page, its count, and one batch of owners — not one owner query per parcel.
  assert.equal(sql.length, 3, sql.join('\n'));
});

test('_entities for Citizen.landParcels resolves a batch of citizens with one SQL statement', async () => {
  const ownerIds = [...new Set(parcels.slice(0, 40).flatMap((p) => p.ownerIds))];
  const representations = [...ownerIds, '999999999999'].map((personalId) => ({ __typename: 'Citizen', personalId }));
  const { result, sql } = await statementsOf(() =>
    query('query ($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { personalId landParcels { parcelId } } } }', {
      r: representations,
    }),
  );
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  const entities = result.data?._entities as { personalId: string; landParcels: { parcelId: string }[] }[];
  for (const [i, id] of ownerIds.entries()) {
    const expected = sorted(parcels.filter((p) => p.ownerIds.includes(id)).map((p) => p.parcelId));
    assert.deepEqual(entities[i], { personalId: id, landParcels: expected.map((parcelId) => ({ parcelId })) });
  }
  assert.deepEqual(entities.at(-1), { personalId: '999999999999', landParcels: [] });
  assert.equal(sql.length, 1, sql.join('\n'));
});

test('_entities for LandParcel resolves a batch of parcels with one SQL statement', async () => {
  const wanted = parcels.slice(200, 230).map((p) => p.parcelId);
  const { result, sql } = await statementsOf(() =>
    query('query ($r: [_Any!]!) { _entities(representations: $r) { ... on LandParcel { parcelId } } }', {
      r: wanted.map((parcelId) => ({ __typename: 'LandParcel', parcelId })),
    }),
  );
  assert.deepEqual(result.data?._entities.map((p: { parcelId: string }) => p.parcelId), wanted);
  assert.equal(sql.length, 1, sql.join('\n'));
});

test('only a gateway-signed agency or analyst gets in: no credentials or a client JWT is UNAUTHENTICATED, an operator FORBIDDEN', async () => {
  const Q = '{ landParcels { totalCount } }';
  assert.deepEqual(codes(await gql(land.url, Q)), ['UNAUTHENTICATED']);
  assert.deepEqual(codes(await gql(land.url, Q, {}, await tokenFor(env.config, '000.00.00.G22'))), ['UNAUTHENTICATED']);
  assert.deepEqual(codes(await gql(land.url, Q, {}, signedAs(env.config, 'operator-1', 'OPERATOR'))), ['FORBIDDEN']);
  const entities = await gql(land.url, 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on LandParcel { parcelId } } }', {
    r: [{ __typename: 'LandParcel', parcelId: parcels[0].parcelId }],
  }, signedAs(env.config, 'operator-1', 'OPERATOR'));
  assert.deepEqual(codes(entities), ['FORBIDDEN']);
  assert.equal((await gql(land.url, Q, {}, signedAs(env.config, 'analyst-1', 'ANALYST'))).errors, undefined);
});

test('a malformed owner id, a page over 100 and a foreign or garbled cursor are BAD_USER_INPUT', async () => {
  const foreignCursor = Buffer.from('citizen:001000000000').toString('base64url');
  for (const variables of [{ ownerId: 'abc' }, { first: 1000 }, { after: '%%%' }, { after: foreignCursor }]) {
    const res = await query(PARCELS, variables);
    assert.deepEqual(codes(res), ['BAD_USER_INPUT'], JSON.stringify(variables));
  }
});
