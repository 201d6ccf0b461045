import type { RequiredEntityData } from '@mikro-orm/core';
import { inTransaction } from '../../shared/db';
import { foldForSearch } from '../../shared/text';
import { Citizen } from './citizen.entity';
import { generateCitizens } from './generator';
import { populationMigrations } from './migrations/create-citizen';
import { insertInBatches, progressCounter, type SyntheticDataset } from '../../shared/synthetic';

/**
 * The rows in personal-id order, the order every list pages in: SQLite then stores them in that order,
 * and a filtered page that walks the id index reads the table sequentially, not page by random page.
 */
function citizenRows(scale: number): RequiredEntityData<Citizen>[] {
  const rows = Array.from(generateCitizens(scale), (c) => ({
    personalId: c.personalId,
    fullName: c.fullName,
    searchName: foldForSearch(c.fullName),
    birthDate: c.birthDate,
    gender: c.gender,
    residence: c.place.residence,
    searchResidence: foldForSearch(c.place.residence),
    provinceCode: c.place.province.code,
  }));
  return rows.sort((a, b) => (a.personalId < b.personalId ? -1 : 1));
}

/** The synthetic population: `scale` citizens. */
export const populationDataset: SyntheticDataset = {
  name: 'population',
  entities: [Citizen],
  migrations: populationMigrations,

  async isEmpty(orm) {
    return (await orm.em.fork().count(Citizen)) === 0;
  },

  // The same count and the same last person: a table of another scale or generator differs in one or both.
  async holds(orm, scale) {
    const em = orm.em.fork();
    if ((await em.count(Citizen)) !== scale) return false;
    let lastId = '';
    for (const citizen of generateCitizens(scale)) lastId = citizen.personalId;
    return (await em.count(Citizen, { personalId: lastId })) === 1;
  },

  async generate(orm, scale, onProgress) {
    await inTransaction(orm.em.fork(), async (em) => {
      await em.nativeDelete(Citizen, {});
      await insertInBatches(em, Citizen, citizenRows(scale), progressCounter(scale, onProgress));
    });
  },
};
