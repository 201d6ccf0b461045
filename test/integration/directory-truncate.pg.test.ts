/**
 * On PostgreSQL a TRUNCATE of agency moves the directory's revision with no list of units (its statement
 * trigger sees no rows, Migration20261202000000DirectoryChanges): kept search results must then be read
 * anew, not brought up to date from the log, which holds nothing for that revision.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIRECTORY_CHANGE_TABLE, directoryRevision } from '../../src/subgraphs/documents/agency/search-cache';
import { startDocumentsSubgraph, type DocumentsServer } from '../../src/subgraphs/documents/server';
import { gql } from '../helpers/graphql';
import { signedAs, tempEnv, type TempEnv } from '../helpers/env';
import { onScaledStore } from '../helpers/scaled-store';

const SEARCH = `query($s: String) { agencies(search: $s, first: 50) { totalCount edges { node { code } } } }`;

onScaledStore('directory search after a TRUNCATE', () => {
  let env: TempEnv;
  let server: DocumentsServer;

  before(async () => {
    env = tempEnv();
    server = await startDocumentsSubgraph(env.config, { port: 0 });
  });

  after(async () => {
    await server?.close();
    env?.cleanup();
  });

  test('a TRUNCATE of the directory empties kept search results', async () => {
    // An operator: an agency caller would be refused once its own unit is gone.
    const operator = signedAs(env.config, 'operator-1', 'OPERATOR');
    const search = async () => {
      const r = await gql(server.url, SEARCH, { s: 'van phong' }, operator);
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      return r.data!.agencies as { totalCount: number; edges: unknown[] };
    };
    const kept = await search();
    assert.ok(kept.totalCount > 0, 'the seeded directory has units named "Văn phòng …"');
    const knex = server.orm.em.getKnex();
    const revision = await directoryRevision(knex);
    await knex.raw('truncate agency cascade');
    assert.equal(await directoryRevision(knex), revision + 1);
    assert.deepEqual(await knex(DIRECTORY_CHANGE_TABLE).where('revision', '>', revision), [], 'no units listed for a TRUNCATE');
    assert.deepEqual(await search(), { totalCount: 0, edges: [] });
  });
});
