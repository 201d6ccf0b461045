import { inTransaction } from '../../shared/db';
import { foldForSearch } from '../../shared/text';
import { insertInBatches, progressCounter, type SyntheticDataset } from '../../shared/synthetic';
import { generateParcels } from './generator';
import { landMigrations } from './migrations/create-land-parcel';
import { LandParcel, ParcelOwner } from './parcel.entity';

/** The synthetic land register for a population of `scale` citizens: about 0.6 parcels per citizen. */
export const landDataset: SyntheticDataset = {
  name: 'land',
  entities: [LandParcel, ParcelOwner],
  migrations: landMigrations,

  async isEmpty(orm) {
    return (await orm.em.fork().count(LandParcel)) === 0;
  },

  // The same count and the same last parcel: a register of another scale or generator differs in one or both.
  async holds(orm, scale) {
    let count = 0;
    let lastId = '';
    for (const parcel of generateParcels(scale)) {
      count++;
      lastId = parcel.parcelId;
    }
    const em = orm.em.fork();
    return (await em.count(LandParcel)) === count && (await em.count(LandParcel, { parcelId: lastId })) === 1;
  },

  async generate(orm, scale, onProgress) {
    // Stored in parcel-id order, the order lists page in (see citizenRows in the population dataset).
    const parcels = [...generateParcels(scale)].sort((a, b) => (a.parcelId < b.parcelId ? -1 : 1));
    const links = parcels.flatMap((p) => p.ownerIds.map((personalId) => ({ parcel: p.parcelId, personalId })));
    const inserted = progressCounter(parcels.length + links.length, onProgress);
    await inTransaction(orm.em.fork(), async (em) => {
      await em.nativeDelete(ParcelOwner, {});
      await em.nativeDelete(LandParcel, {});
      const rows = parcels.map(({ ownerIds: _, ...p }) => ({ ...p, searchAddress: foldForSearch(p.address) }));
      await insertInBatches(em, LandParcel, rows, inserted);
      await insertInBatches(em, ParcelOwner, links, inserted);
    });
  },
};
