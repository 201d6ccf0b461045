/**
 * Deterministic synthetic land parcels (thửa đất). Owners are adults drawn from generateCitizens(scale),
 * the very sequence the population subgraph stores for that scale, so every owner resolves to a citizen.
 * A parcel lies in its first owner's commune; co-owners (spouses, relatives) live in the same commune.
 */
import { generateCitizens, isAdult } from '../population/generator';
import type { Place } from '../population/places';
import { createRandom, weightedPicker, type Random } from '../population/random';

export interface GeneratedParcel {
  parcelId: string;
  mapSheet: number;
  parcelNumber: number;
  areaM2: number;
  landUse: string;
  address: string;
  /** Personal ids, 1 to 3, distinct; the first owner's commune is the parcel's. */
  ownerIds: string[];
}

const PARCELS_PER_CITIZEN = 0.6;
const LAND_SEED = 0x6c616e64;

export function parcelCount(scale: number): number {
  return Math.round(scale * PARCELS_PER_CITIZEN);
}

/** A land-use category (Thông tư 27/2018/TT-BTNMT) with its code and a plausible area range in m². */
interface LandUse {
  label: string;
  minM2: number;
  maxM2: number;
}

const ODT: LandUse = { label: 'Đất ở tại đô thị (ODT)', minM2: 40, maxM2: 250 };
const ONT: LandUse = { label: 'Đất ở tại nông thôn (ONT)', minM2: 100, maxM2: 500 };
const LUA: LandUse = { label: 'Đất trồng lúa (LUA)', minM2: 300, maxM2: 3000 };
const HNK: LandUse = { label: 'Đất trồng cây hằng năm khác (HNK)', minM2: 200, maxM2: 3000 };
const CLN: LandUse = { label: 'Đất trồng cây lâu năm (CLN)', minM2: 300, maxM2: 5000 };
const NTS: LandUse = { label: 'Đất nuôi trồng thủy sản (NTS)', minM2: 500, maxM2: 10000 };
const RSX: LandUse = { label: 'Đất rừng sản xuất (RSX)', minM2: 5000, maxM2: 50000 };

const pickUrbanUse = weightedPicker([[ODT, 80], [CLN, 12], [HNK, 8]] as const);
const pickRuralUse = weightedPicker([[ONT, 40], [LUA, 28], [CLN, 14], [HNK, 10], [NTS, 5], [RSX, 3]] as const);
/** How many owners a parcel has: mostly one, often a couple, sometimes three heirs. */
const pickOwnerCount = weightedPicker([[1, 55], [2, 35], [3, 10]] as const);

/** Parcels are numbered in order within a map sheet (tờ bản đồ) of a commune, with gaps where others lie. */
const LAST_PARCEL_ON_SHEET = 400;
const MAX_FIRST_SHEET = 30;
const MAX_NUMBER_GAP = 12;
const HAMLETS_PER_COMMUNE = 12;

interface Numbering {
  sheet: number;
  number: number;
}

function nextNumber(random: Random, numbering: Numbering): Numbering {
  const number = numbering.number + random.int(1, MAX_NUMBER_GAP);
  return number > LAST_PARCEL_ON_SHEET ? { sheet: numbering.sheet + 1, number: random.int(1, MAX_NUMBER_GAP) } : { sheet: numbering.sheet, number };
}

/** "Thôn 3" in the north and centre, "Ấp 3" in the south; "Tổ dân phố 3" / "Khu phố 3" in towns. */
function hamlet(random: Random, place: Place): string {
  const word = place.urban ? (place.province.south ? 'Khu phố' : 'Tổ dân phố') : place.province.south ? 'Ấp' : 'Thôn';
  return `${word} ${random.int(1, HAMLETS_PER_COMMUNE)}`;
}

export function* generateParcels(scale: number): Generator<GeneratedParcel> {
  const random = createRandom(LAND_SEED);
  const adults: { personalId: string; place: Place }[] = [];
  const adultsByPlace = new Map<Place, string[]>();
  for (const citizen of generateCitizens(scale)) {
    if (!isAdult(citizen)) continue;
    adults.push(citizen);
    const neighbours = adultsByPlace.get(citizen.place);
    if (neighbours) neighbours.push(citizen.personalId);
    else adultsByPlace.set(citizen.place, [citizen.personalId]);
  }
  if (adults.length === 0) return;

  const numbering = new Map<Place, Numbering>();
  const serialByProvince = new Map<string, number>();
  const count = parcelCount(scale);
  for (let i = 0; i < count; i++) {
    const first = random.pick(adults);
    const { place } = first;
    const owners = new Set([first.personalId]);
    const neighbours = adultsByPlace.get(place) as string[];
    const wanted = Math.min(pickOwnerCount(random), neighbours.length);
    while (owners.size < wanted) owners.add(random.pick(neighbours));

    const use = (place.urban ? pickUrbanUse : pickRuralUse)(random);
    const at = nextNumber(random, numbering.get(place) ?? { sheet: random.int(1, MAX_FIRST_SHEET), number: 0 });
    numbering.set(place, at);
    const serial = (serialByProvince.get(place.province.code) ?? 0) + 1;
    serialByProvince.set(place.province.code, serial);
    yield {
      parcelId: `${place.province.code}-${String(serial).padStart(7, '0')}`,
      mapSheet: at.sheet,
      parcelNumber: at.number,
      areaM2: Math.round((use.minM2 + random.next() * (use.maxM2 - use.minM2)) * 10) / 10,
      landUse: use.label,
      address: `${hamlet(random, place)}, ${place.residence}`,
      ownerIds: [...owners],
    };
  }
}
