/**
 * Deterministic synthetic people for the population database. The sequence does not depend on the
 * scale — scale N is the first N people of one fixed sequence — so the land generator, calling this
 * same function, names as owners exactly the citizens the population subgraph holds for that scale.
 */
import {
  FAMILY_NAMES,
  FEMALE_GIVEN_NAMES,
  FEMALE_MIDDLE_NAMES,
  MALE_GIVEN_NAMES,
  MALE_MIDDLE_NAMES,
  TRADITIONAL_MIDDLE,
} from './names';
import { PLACES_BY_PROVINCE, PROVINCES, type Place, type Province } from './places';
import { createRandom, weightedPicker, type Random } from './random';

export type Gender = 'Nam' | 'Nữ';

export interface GeneratedCitizen {
  /** CCCD number: province of birth registration (3) + gender/century (1) + birth year (2) + 6 random digits. */
  personalId: string;
  fullName: string;
  birthDate: string;
  gender: Gender;
  /** Permanent residence. */
  place: Place;
}

/** Ages are drawn as of this day, fixed so the data does not change with the clock. */
const REFERENCE_DATE = '2025-01-01';
const REFERENCE_YEAR = Number(REFERENCE_DATE.slice(0, 4));
const ADULT_AGE = 18;
const ADULT_BORN_ON_OR_BEFORE = `${REFERENCE_YEAR - ADULT_AGE}${REFERENCE_DATE.slice(4)}`;

const PEOPLE_SEED = 0x70656f70;
/** Share of people living in a province other than the one where their birth was registered. */
const MIGRANT_SHARE = 0.15;
/** Where internal migrants mostly live (weights). */
const MIGRATION_DESTINATIONS: readonly (readonly [string, number])[] = [
  ['079', 40], ['001', 25], ['074', 15], ['075', 10], ['048', 5], ['092', 5],
];
/** Share of people given the traditional middle name (Văn, Thị), for those born before 1980 and since. */
const TRADITIONAL_MIDDLE_SHARE = { before1980: 0.7, since1980: 0.25 };
/** Women named "Thị" who also carry a second middle name (Nguyễn Thị Thu Hà). */
const DOUBLE_MIDDLE_SHARE = 0.2;

export function isAdult(citizen: GeneratedCitizen): boolean {
  return citizen.birthDate <= ADULT_BORN_ON_OR_BEFORE;
}

/** The CCCD gender/century digit: 0/1 male/female born 1900–1999, 2/3 born 2000–2099. */
export function genderCenturyDigit(gender: Gender, birthYear: number): number {
  return (birthYear >= 2000 ? 2 : 0) + (gender === 'Nữ' ? 1 : 0);
}

/** A rough Vietnamese age pyramid: flat to 60, thinning after. */
function ageWeight(age: number): number {
  if (age < 60) return 1;
  if (age < 70) return 0.7;
  if (age < 80) return 0.4;
  return 0.15;
}

const pickBirthYear = weightedPicker(
  Array.from({ length: 95 }, (_, age) => [REFERENCE_YEAR - 1 - age, ageWeight(age)] as const),
);
const pickBirthProvince = weightedPicker(PROVINCES.map((p) => [p, p.population] as const));
const provinceByCode = new Map(PROVINCES.map((p) => [p.code, p]));
const pickDestination = weightedPicker(
  MIGRATION_DESTINATIONS.map(([code, weight]) => [provinceByCode.get(code) as Province, weight] as const),
);
const pickFamilyName = weightedPicker(FAMILY_NAMES);

function birthDate(random: Random, year: number): string {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const day = random.int(0, leap ? 365 : 364);
  return new Date(Date.UTC(year, 0, 1 + day)).toISOString().slice(0, 10);
}

function fullName(random: Random, gender: Gender, birthYear: number): string {
  const male = gender === 'Nam';
  const traditional = random.chance(
    birthYear < 1980 ? TRADITIONAL_MIDDLE_SHARE.before1980 : TRADITIONAL_MIDDLE_SHARE.since1980,
  );
  let middle = traditional
    ? (male ? TRADITIONAL_MIDDLE.male : TRADITIONAL_MIDDLE.female)
    : random.pick(male ? MALE_MIDDLE_NAMES : FEMALE_MIDDLE_NAMES);
  let given = random.pick(male ? MALE_GIVEN_NAMES : FEMALE_GIVEN_NAMES);
  while (given === middle) given = random.pick(male ? MALE_GIVEN_NAMES : FEMALE_GIVEN_NAMES);
  if (!male && traditional && random.chance(DOUBLE_MIDDLE_SHARE)) {
    const second = random.pick(FEMALE_MIDDLE_NAMES);
    if (second !== given) middle = `${middle} ${second}`;
  }
  return `${pickFamilyName(random)} ${middle} ${given}`;
}

/** The first `scale` people of the fixed sequence, in order; personal ids are unique. */
export function* generateCitizens(scale: number): Generator<GeneratedCitizen> {
  const random = createRandom(PEOPLE_SEED);
  const issued = new Set<string>();
  for (let i = 0; i < scale; i++) {
    const gender: Gender = random.chance(0.5) ? 'Nam' : 'Nữ';
    const year = pickBirthYear(random);
    const born = pickBirthProvince(random);
    const prefix = `${born.code}${genderCenturyDigit(gender, year)}${String(year % 100).padStart(2, '0')}`;
    let personalId: string;
    do personalId = prefix + String(random.int(0, 999_999)).padStart(6, '0');
    while (issued.has(personalId));
    issued.add(personalId);
    const home = random.chance(MIGRANT_SHARE) ? pickDestination(random) : born;
    yield {
      personalId,
      fullName: fullName(random, gender, year),
      birthDate: birthDate(random, year),
      gender,
      place: random.pick(PLACES_BY_PROVINCE.get(home.code) as readonly Place[]),
    };
  }
}
