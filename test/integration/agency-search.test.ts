/**
 * The directory search against its definition — a unit is found when its folded name contains the folded
 * text or its code starts with the text upper-cased, % and _ being plain characters — computed here from
 * every row, for queries of 1 to many characters, wildcards, quotes and diacritics: on the first import,
 * after a re-import that renames units, after operators create, rename, deactivate and merge units, and
 * after a unit is deleted. So the directory held in memory (search-cache.ts) answers as the table would and
 * stays in step with every writer. agency-search.pg.test.ts runs it on PostgreSQL.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { foldForSearch } from '../../src/shared/text';
import { importDirectory } from '../../src/subgraphs/documents/agency/directory';
import { DIRECTORY_CHANGE_TABLE, DIRECTORY_REVISION_TABLE, directoryRevision } from '../../src/subgraphs/documents/agency/search-cache';
import { startDocumentsSubgraph, type DocumentsServer } from '../../src/subgraphs/documents/server';
import { gql } from '../helpers/graphql';
import { signedAs, tempEnv, type SignedCaller, type TempEnv } from '../helpers/env';

const VPCP = '000.00.00.G22';
const NGHE_AN = '000.00.00.H41';

let env: TempEnv;
let server: DocumentsServer;
let agency: SignedCaller;
let operator: SignedCaller;

before(async () => {
  env = tempEnv();
  server = await startDocumentsSubgraph(env.config, { port: 0 });
  agency = signedAs(env.config, VPCP);
  operator = signedAs(env.config, 'operator-1', 'OPERATOR');
});

after(async () => {
  await server.close();
  env.cleanup();
});

/** Units whose names hold what a search must take literally, or must find without diacritics. */
const UNITS: [code: string, name: string][] = [
  ['000.00.01.H41', 'Phòng Tài chính 50% vốn'],
  ['000.00.02.H41', 'Ban quản lý dự án_2'],
  ['000.00.03.H41', 'Tổ 50_50'],
  ['000.00.04.H41', 'Sở Tư pháp tỉnh Nghệ An'],
  ['000.00.05.H41', 'Trung tâm "Một cửa"'],
  ['000.00.06.H41', 'Văn phòng \\ lưu trữ'],
  ['000.00.07.H41', 'Đội A'],
  ['000.00.08.H41', 'Ấp Đông Hòa'],
  ['000.00.09.H41', 'Xã   Tân   Phú'],
  ['000.00.10.H41', "Tổ 'tiếp dân'"],
  ['000.00.11.H41', 'Ab'],
  ['000.00.13.H41', 'Tổ công tác (số 1): A*B ^ NEAR OR NOT'],
];

/** Short, wildcard, quote, backslash, diacritic, code and absent searches. */
const SEARCHES = [
  '%', '_', '50%', '0_5', '_2', '%vốn', 'TÀI CHÍNH 50%', 'a', 'ab', 'AB', 'đ', 'Đô', 'ĐỘI', 'ơ', '5', '50',
  'van phong', 'VĂN PHÒNG', '"mot cua"', '"', '\\', '\\ luu', 'lưu trữ', 'tan phu', 'xã  tân  phú', "'tiep",
  '000.00.01', '000.00.0_', '000.00.0%', 'g2', 'H4', '000', 'nghe an', 'so tu phap', 'không có cơ quan này',
  'kế toán', 'hoàng sa', 'ap dong hoa', 'bo tai chinh', '(số 1):', 'a*b', '^ near', 'or not', '*', ':',
];

function csv(rows: [string, string][]): string {
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return ['code,name,parentCode', ...rows.map(([code, name]) => [code, quote(name), NGHE_AN].join(','))].join('\n');
}

async function importUnits(rows: [string, string][]): Promise<void> {
  const file = path.join(env.dir, `directory-${Date.now()}.csv`);
  fs.writeFileSync(file, csv(rows));
  const summary = await importDirectory(server.orm, file);
  assert.equal(summary.rejected, 0, JSON.stringify(summary.rejections));
}

/** What the search must find, from every row: its definition, not the index. */
async function expected(search: string, parentCode?: string): Promise<string[]> {
  const rows: { code: string; name: string; parent_code: string | null }[] = await server.orm.em.getKnex()('agency').select('code', 'name', 'parent_code');
  const folded = foldForSearch(search);
  const prefix = search.trim().toUpperCase();
  return rows
    .filter((r) => parentCode === undefined || r.parent_code === parentCode)
    .filter((r) => foldForSearch(r.name).includes(folded) || r.code.startsWith(prefix))
    .map((r) => r.code)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

const SEARCH = `query($s: String, $p: ID, $after: String) {
  agencies(search: $s, parentCode: $p, first: 50, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { code } } }
}`;

/** Every page of the search, through the API, with the totalCount each page reported. */
async function found(search: string, parentCode?: string): Promise<{ codes: string[]; totals: number[] }> {
  const codes: string[] = [];
  const totals: number[] = [];
  let after: string | null = null;
  for (;;) {
    const r: { data?: any; errors?: unknown } = await gql(server.url, SEARCH, { s: search, p: parentCode ?? null, after }, agency);
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const page = r.data!.agencies;
    codes.push(...page.edges.map((e: any) => e.node.code));
    totals.push(page.totalCount);
    if (!page.pageInfo.hasNextPage) return { codes, totals };
    after = page.pageInfo.endCursor;
  }
}

async function assertSearchesAsDefined(when: string): Promise<void> {
  for (const search of SEARCHES) {
    for (const parentCode of [undefined, NGHE_AN]) {
      const want = await expected(search, parentCode);
      const got = await found(search, parentCode);
      const what = `${when}: "${search}"${parentCode ? ` under ${parentCode}` : ''}`;
      assert.deepEqual(got.codes, want, what);
      assert.ok(got.totals.every((n) => n === want.length), `${what}: totalCount ${got.totals} for ${want.length}`);
    }
  }
}

const UPDATE = `mutation($code: ID!, $input: UpdateAgencyInput!) { updateAgency(code: $code, input: $input) { code } }`;

async function operatorCall(query: string, variables: Record<string, unknown>): Promise<any> {
  const r = await gql(server.url, query, variables, operator);
  assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  return r.data;
}

test('the seeded directory and an import: found as defined, wildcards and quotes literal, short searches included', async () => {
  await importUnits(UNITS);
  const some = await found('50%');
  assert.deepEqual(some.codes, ['000.00.01.H41'], 'the % is a character');
  assert.deepEqual((await found('_2')).codes, ['000.00.02.H41'], 'the _ is a character');
  await assertSearchesAsDefined('imported');
});

test('a re-import that renames units: the new names are found, the old ones no longer', async () => {
  await importUnits(UNITS.map(([code, name]) => [code, code === '000.00.01.H41' ? 'Phòng Kế toán' : code === '000.00.08.H41' ? 'Ấp Hoàng Sa' : name]));
  assert.deepEqual((await found('tai chinh 50%')).codes, []);
  assert.deepEqual((await found('ke toan')).codes, ['000.00.01.H41']);
  assert.deepEqual((await found('hoang sa')).codes, ['000.00.08.H41']);
  await assertSearchesAsDefined('re-imported');
});

test('operators create, rename, deactivate and merge units: the search follows each change', async () => {
  const CREATE = `mutation($input: CreateAgencyInput!) { createAgency(input: $input) { code } }`;
  await operatorCall(CREATE, { input: { code: '000.00.12.H41', name: 'Bộ phận 100% trực tuyến', parentCode: NGHE_AN } });
  assert.deepEqual((await found('100%')).codes, ['000.00.12.H41']);
  await operatorCall(UPDATE, { code: '000.00.04.H41', input: { name: 'Sở Tư pháp 2' } });
  assert.deepEqual((await found('tu phap tinh')).codes, []);
  await operatorCall(UPDATE, { code: '000.00.05.H41', input: { email: 'motcua@example.gov.vn' } });
  await operatorCall(`mutation($code: ID!) { deactivateAgency(code: $code) { code } }`, { code: '000.00.07.H41' });
  await operatorCall(`mutation($code: ID!, $to: ID!) { mergeAgency(code: $code, successorCode: $to) { code } }`, { code: '000.00.03.H41', to: '000.00.02.H41' });
  await assertSearchesAsDefined('after operators');
});

test('a unit deleted from the table leaves the search', async () => {
  await server.orm.em.getKnex()('agency').where({ code: '000.00.06.H41' }).delete();
  assert.deepEqual((await found('luu tru')).codes, []);
  await assertSearchesAsDefined('after a delete');
});

/** The statements `search` sends to the database. */
async function statementsOf<T>(search: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const knex = server.orm.em.getKnex();
  const statements: string[] = [];
  const listen = (query: { sql: string }) => statements.push(query.sql);
  knex.on('query', listen);
  try {
    return { result: await search(), statements };
  } finally {
    knex.removeListener('query', listen);
  }
}

/** A read of the units as the search reads them (search-cache.ts): the whole directory, or the units changed. */
const readsWhole = (statements: string[]) => statements.filter((sql) => sql.includes('search_name') && !/ where /i.test(sql)).length;
const readsChanged = (statements: string[]) => statements.filter((sql) => sql.includes('search_name') && / in \(/i.test(sql)).length;

test('a search is answered from the directory held at its revision, and from the database once it moves', async () => {
  const knex = server.orm.em.getKnex();
  assert.deepEqual((await found('hoang sa')).codes, ['000.00.08.H41']);
  const revision = await directoryRevision(knex);
  // A rename made by hand moves the revision too; setting it back hides the rename from what is held.
  await knex('agency').where({ code: '000.00.08.H41' }).update({ name: 'Ấp Trường Sa', search_name: foldForSearch('Ấp Trường Sa') });
  assert.equal(await directoryRevision(knex), revision + 1);
  await knex(DIRECTORY_REVISION_TABLE).update({ revision });
  assert.deepEqual((await found('hoang sa')).codes, ['000.00.08.H41'], 'kept');
  assert.deepEqual((await found('truong sa')).codes, [], 'not searched before: scanned from the directory held at the revision');
  await knex(DIRECTORY_REVISION_TABLE).update({ revision: revision + 1 });
  assert.deepEqual((await found('hoang sa')).codes, []);
  assert.deepEqual((await found('truong sa')).codes, ['000.00.08.H41']);
  await assertSearchesAsDefined('after the revision moved');
});

test('the directory held is brought up to date with the units an edit changed; an edit no search reads keeps it as it is', async () => {
  const knex = server.orm.em.getKnex();
  const unit = '000.00.09.H41';
  const search = 'van phong';
  assert.ok(!(await found(search)).codes.includes(unit));
  const revision = await directoryRevision(knex);
  await operatorCall(UPDATE, { code: unit, input: { phone: '0238 3844 123' } });
  assert.equal(await directoryRevision(knex), revision, 'a phone number is not searched: the revision stays');

  await operatorCall(UPDATE, { code: unit, input: { name: 'Văn phòng xã Tân Phú' } });
  assert.equal(await directoryRevision(knex), revision + 1);
  const renamed = await statementsOf(() => found(search));
  assert.deepEqual(renamed.result.codes, await expected(search));
  assert.ok(renamed.result.codes.includes(unit));
  assert.equal(readsWhole(renamed.statements), 0, `brought up to date, not read whole:\n${renamed.statements.join('\n')}`);
  assert.equal(readsChanged(renamed.statements), 1, renamed.statements.join('\n'));
  assert.ok(renamed.statements.some((sql) => sql.includes(DIRECTORY_CHANGE_TABLE)), 'the changed units were read from the log');

  // The log no longer holds the change (pruned, or a PostgreSQL TRUNCATE): the directory is read whole.
  await operatorCall(UPDATE, { code: unit, input: { name: 'Xã Tân Phú' } });
  await knex(DIRECTORY_CHANGE_TABLE).delete();
  const afterPrune = await statementsOf(() => found(search));
  assert.deepEqual(afterPrune.result.codes, await expected(search));
  assert.ok(!afterPrune.result.codes.includes(unit));
  assert.equal(readsWhole(afterPrune.statements), 1);
  await assertSearchesAsDefined('after changes applied to the directory held');
});

test('paging on while the directory changes: after a unit that no longer matches come the units after it', async () => {
  const search = 'to';
  const want = await expected(search);
  assert.ok(want.length >= 3, `${want.length} units`);
  const PAGE = `query($s: String, $after: String) { agencies(search: $s, first: 1, after: $after) { totalCount pageInfo { endCursor } edges { node { code } } } }`;
  const page = async (after: string | null) => (await gql(server.url, PAGE, { s: search, after }, agency)).data!.agencies;
  const first = await page(null);
  const second = await page(first.pageInfo.endCursor);
  assert.deepEqual([...first.edges, ...second.edges].map((e: any) => e.node.code), want.slice(0, 2));
  await operatorCall(UPDATE, { code: want[1], input: { name: 'Đơn vị khác' } });
  const third = await page(second.pageInfo.endCursor);
  assert.deepEqual(third.edges.map((e: any) => e.node.code), [want[2]]);
  assert.equal(third.totalCount, want.length - 1);
  assert.deepEqual(await expected(search), [want[0], ...want.slice(2)]);
});

test('once the directory is held, a search new to it reads only the revision and the units of its page', async () => {
  await found('van phong');
  const { result, statements } = await statementsOf(() => found('tai chinh'));
  assert.deepEqual(result.codes, await expected('tai chinh'));
  assert.equal(readsWhole(statements) + readsChanged(statements), 0, statements.join('\n'));
  assert.ok(statements.every((sql) => sql.includes(DIRECTORY_REVISION_TABLE) || !/search_name|like|match/i.test(sql)), statements.join('\n'));
});

test('concurrent searches after a change wait for one read of the directory', async () => {
  const knex = server.orm.em.getKnex();
  await knex(DIRECTORY_CHANGE_TABLE).delete();
  await knex(DIRECTORY_REVISION_TABLE).update({ revision: (await directoryRevision(knex)) + 5 });
  const { result, statements } = await statementsOf(() => Promise.all(['ban', 'phong', 'so', 'to', 'xa'].map((s) => found(s))));
  assert.equal(result.length, 5);
  assert.equal(readsWhole(statements), 1, statements.join('\n'));
});
