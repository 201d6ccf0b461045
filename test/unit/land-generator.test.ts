import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateParcels, parcelCount, type GeneratedParcel } from '../../src/subgraphs/land/generator';
import { generateCitizens, isAdult } from '../../src/subgraphs/population/generator';

const SCALE = 5000;
const parcels: GeneratedParcel[] = [...generateParcels(SCALE)];
const citizens = new Map([...generateCitizens(SCALE)].map((c) => [c.personalId, c]));

test('the same scale gives the same parcels', () => {
  assert.deepEqual([...generateParcels(SCALE)], parcels);
});

test('about 0.6 parcels per citizen, unique parcel ids', () => {
  assert.equal(parcels.length, parcelCount(SCALE));
  assert.equal(parcels.length, 3000);
  assert.equal(new Set(parcels.map((p) => p.parcelId)).size, parcels.length);
});

test('1 to 3 distinct owners, each an adult citizen the population generator makes for the same scale', () => {
  for (const p of parcels) {
    assert.ok(p.ownerIds.length >= 1 && p.ownerIds.length <= 3, p.parcelId);
    assert.equal(new Set(p.ownerIds).size, p.ownerIds.length, p.parcelId);
    for (const id of p.ownerIds) {
      const owner = citizens.get(id);
      assert.ok(owner, `${p.parcelId}: owner ${id} is not a generated citizen`);
      assert.ok(isAdult(owner), `${p.parcelId}: owner ${id} is a minor`);
    }
  }
  assert.ok(parcels.some((p) => p.ownerIds.length > 1), 'some parcels are co-owned');
});

test("a parcel lies in its first owner's commune and province, and is numbered once per map sheet there", () => {
  const seen = new Set<string>();
  for (const p of parcels) {
    const owner = citizens.get(p.ownerIds[0]);
    assert.ok(owner && p.address.endsWith(`, ${owner.place.residence}`), `${p.parcelId}: ${p.address}`);
    assert.ok(p.parcelId.startsWith(`${owner.place.province.code}-`), p.parcelId);
    const slot = `${owner.place.residence}|${p.mapSheet}|${p.parcelNumber}`;
    assert.ok(!seen.has(slot), `two parcels at ${slot}`);
    seen.add(slot);
  }
});

test('land uses are real categories with their codes, and areas fit them', () => {
  for (const p of parcels) {
    assert.match(p.landUse, /^Đất .+ \((ODT|ONT|LUA|HNK|CLN|NTS|RSX)\)$/);
    assert.ok(p.areaM2 >= 40 && p.areaM2 <= 50000, `${p.parcelId}: ${p.areaM2} m²`);
  }
});
