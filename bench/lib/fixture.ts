/**
 * The data every scenario starts from, made once per run in a template folder and copied per scenario:
 * the synthetic population and land datasets, and a documents database holding the seeded directory
 * plus a synthetic directory imported the way an operator would (`agencies:import`).
 */
import { performance } from 'node:perf_hooks';
import { writeSyntheticDirectory } from '../../src/cli/make-directory';
import type { Config } from '../../src/config';
import { createLogger } from '../../src/shared/logger';
import type { Orm } from '../../src/shared/db';
import { importDirectory, seedDirectoryIfEmpty } from '../../src/subgraphs/documents/agency/directory';
import { openDocumentsDatabase } from '../../src/subgraphs/documents/database';
import { landDataset } from '../../src/subgraphs/land/dataset';
import { generateCitizens } from '../../src/subgraphs/population/generator';
import { populationDataset } from '../../src/subgraphs/population/dataset';
import { openDataset } from '../../src/shared/synthetic';

export interface Fixture {
  dir: string;
  /** Agencies imported (the seed's units come on top). */
  directorySize: number;
  /** The synthetic directory file, to import into another store (PostgreSQL) the same way. */
  directoryFile: string;
  populationScale: number;
  /** Active agencies with a parent, ordered by code: recipients for the scenarios. */
  recipients: string[];
  /** The seed's top-level units (ministries, provinces): senders for the scenarios. */
  senders: string[];
  /** Personal ids of the synthetic population, in generation order. */
  citizenIds: string[];
  /** Milliseconds spent making each part. */
  timings: Record<string, number>;
}

async function timed<T>(timings: Record<string, number>, name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings[name] = Math.round(performance.now() - started);
  }
}

export async function withDocumentsDb<T>(config: Config, work: (orm: Orm) => Promise<T>): Promise<T> {
  const orm = await openDocumentsDatabase(config);
  try {
    return await work(orm);
  } finally {
    await orm.close();
  }
}

/** The seed, then the directory file imported as an operator would (`agencies:import`). */
export async function loadDirectory(orm: Orm, file: string): Promise<void> {
  await seedDirectoryIfEmpty(orm, createLogger('silent', 'bench'));
  const summary = await importDirectory(orm, file);
  if (summary.rejected) throw new Error(`the synthetic directory had ${summary.rejected} rejected rows`);
}

export async function makeFixture(config: Config, directorySize: number, recipientCount: number): Promise<Fixture> {
  const timings: Record<string, number> = {};
  await timed(timings, 'populationAndLandMs', async () => {
    for (const dataset of [populationDataset, landDataset]) {
      const orm = await openDataset(config, dataset);
      try {
        await dataset.generate(orm, config.populationScale, () => undefined);
      } finally {
        await orm.close();
      }
    }
  });
  // Beside the data folder, not in it: the folder is copied for every scenario.
  const directoryFile = `${config.dataDir}-directory.csv`;
  await timed(timings, 'directoryFileMs', () => writeSyntheticDirectory(directoryFile, directorySize));
  const { recipients, senders } = await withDocumentsDb(config, async (orm) => {
    await timed(timings, 'directoryImportMs', () => loadDirectory(orm, directoryFile));
    const knex = orm.em.getKnex();
    const recipientRows: { code: string }[] = await knex('agency').select('code').where('active', true).whereNotNull('parent_code').orderBy('code').limit(recipientCount);
    const senderRows: { code: string }[] = await knex('agency').select('code').where('active', true).whereNull('parent_code').orderBy('code');
    return { recipients: recipientRows.map((r) => r.code), senders: senderRows.map((r) => r.code) };
  });
  if (recipients.length < recipientCount) throw new Error(`the directory has only ${recipients.length} recipients, ${recipientCount} needed`);
  const citizenIds = Array.from(generateCitizens(config.populationScale), (c) => c.personalId);
  return { dir: config.dataDir, directorySize, directoryFile, populationScale: config.populationScale, recipients, senders, citizenIds, timings };
}
