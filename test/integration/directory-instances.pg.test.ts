/**
 * Each documents instance holds the directory in memory for the search (agency/search-cache.ts). In the
 * scaled mode an operator's edit lands on one instance: the other, which already holds the directory and
 * a kept result, must answer from the edit on, brought up to date from the change log the database's
 * triggers write whoever the writer is.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { directoryRevision } from '../../src/subgraphs/documents/agency/search-cache';
import { documentsInstancesOnOneDatabase } from '../helpers/documents-instances';
import { gql } from '../helpers/graphql';
import { signedAs } from '../helpers/env';
import { scaledServicesProblem, skipLoudly } from '../helpers/scaled-store';

const NGHE_AN = '000.00.00.H41';
const SEARCH = `query($s: String) { agencies(search: $s, first: 50) { totalCount edges { node { code } } } }`;

const problem = scaledServicesProblem();
if (problem) skipLoudly('directory search across documents instances', problem);
else suite();

function suite(): void {
  const { instances, envs } = documentsInstancesOnOneDatabase(2);

  async function codesAt(i: number, search: string): Promise<string[]> {
    const r = await gql(instances[i].url, SEARCH, { s: search }, signedAs(envs[i].config, 'operator-1', 'OPERATOR'));
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const page = r.data!.agencies as { totalCount: number; edges: { node: { code: string } }[] };
    assert.equal(page.totalCount, page.edges.length);
    return page.edges.map((e) => e.node.code);
  }

  async function operatorAt(i: number, query: string, variables: Record<string, unknown>): Promise<void> {
    const r = await gql(instances[i].url, query, variables, signedAs(envs[i].config, 'operator-1', 'OPERATOR'));
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  }

  test("an edit made through one instance is found by the other's search, which held the directory before it", async () => {
    // Instance 0 holds the directory and keeps both results before any edit.
    assert.deepEqual(await codesAt(0, 'trung tam luu tru lich su'), []);
    const before = await codesAt(0, 'nghe an');
    assert.ok(before.includes(NGHE_AN));

    const CREATE = `mutation($input: CreateAgencyInput!) { createAgency(input: $input) { code } }`;
    await operatorAt(1, CREATE, { input: { code: '000.00.31.H41', name: 'Trung tâm Lưu trữ lịch sử', parentCode: NGHE_AN } });
    assert.deepEqual(await codesAt(0, 'trung tam luu tru lich su'), ['000.00.31.H41'], 'a unit created through the other instance');

    const UPDATE = `mutation($code: ID!, $input: UpdateAgencyInput!) { updateAgency(code: $code, input: $input) { code } }`;
    await operatorAt(1, UPDATE, { code: '000.00.31.H41', input: { name: 'Trung tâm Lưu trữ tỉnh Nghệ An' } });
    assert.deepEqual(await codesAt(0, 'trung tam luu tru lich su'), [], 'renamed out of the search');
    assert.deepEqual(await codesAt(0, 'nghe an'), [...before, '000.00.31.H41'].sort(), 'renamed into the kept result');

    // A change no instance saw made, straight in the database: the revision and its log still tell it.
    const knex = instances[1].orm.em.getKnex();
    const revision = await directoryRevision(knex);
    await knex('agency').where({ code: '000.00.31.H41' }).delete();
    assert.equal(await directoryRevision(knex), revision + 1);
    assert.deepEqual(await codesAt(0, 'nghe an'), before, 'deleted');
    assert.deepEqual(await codesAt(1, 'nghe an'), before, 'the same at the instance that made the edits');
  });
}
