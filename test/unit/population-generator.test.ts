import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCalendarDate } from '../../src/shared/scalars';
import { foldForSearch } from '../../src/shared/text';
import { generateCitizens, genderCenturyDigit, type GeneratedCitizen } from '../../src/subgraphs/population/generator';
import { FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES } from '../../src/subgraphs/population/names';
import { PLACES_BY_PROVINCE, PROVINCES, provinceNamed } from '../../src/subgraphs/population/places';

const SCALE = 5000;
const citizens: GeneratedCitizen[] = [...generateCitizens(SCALE)];
const PROVINCE_CODES = new Set(PROVINCES.map((p) => p.code));

test('the same scale gives the same people, and a smaller scale is a prefix of a larger one', () => {
  assert.deepEqual([...generateCitizens(SCALE)], citizens);
  assert.deepEqual([...generateCitizens(100)], citizens.slice(0, 100));
  assert.equal(citizens.length, SCALE);
});

test('the 63 provinces of 2018 with their CCCD codes', () => {
  assert.equal(PROVINCES.length, 63);
  assert.equal(PROVINCE_CODES.size, 63);
  const byCode = new Map(PROVINCES.map((p) => [p.code, p.label]));
  assert.equal(byCode.get('001'), 'Thành phố Hà Nội');
  assert.equal(byCode.get('079'), 'Thành phố Hồ Chí Minh');
  assert.equal(byCode.get('040'), 'Tỉnh Nghệ An');
  assert.equal(byCode.get('096'), 'Tỉnh Cà Mau');
});

test('personal ids: 12 digits, unique, a province code, then the gender/century digit and the birth year', () => {
  assert.equal(new Set(citizens.map((c) => c.personalId)).size, SCALE);
  for (const c of citizens) {
    assert.match(c.personalId, /^\d{12}$/);
    assert.ok(PROVINCE_CODES.has(c.personalId.slice(0, 3)), c.personalId);
    const year = Number(c.birthDate.slice(0, 4));
    assert.equal(c.personalId[3], String(genderCenturyDigit(c.gender, year)), c.personalId);
    assert.equal(c.personalId.slice(4, 6), c.birthDate.slice(2, 4), c.personalId);
  }
});

test('CCCD gender/century digit: 0/1 for men/women born in the 1900s, 2/3 in the 2000s', () => {
  assert.equal(genderCenturyDigit('Nam', 1985), 0);
  assert.equal(genderCenturyDigit('Nữ', 1999), 1);
  assert.equal(genderCenturyDigit('Nam', 2000), 2);
  assert.equal(genderCenturyDigit('Nữ', 2012), 3);
});

test('birth dates are real calendar days, no one is born after the reference day or before 1930', () => {
  for (const c of citizens) {
    assert.ok(isCalendarDate(c.birthDate), c.birthDate);
    assert.ok(c.birthDate >= '1930-01-01' && c.birthDate < '2025-01-01', c.birthDate);
  }
  const children = citizens.filter((c) => c.birthDate >= '2000-01-01').length;
  assert.ok(children > SCALE * 0.15 && children < SCALE * 0.45, `${children} born since 2000`);
});

test('names: family + middle + given, consistent with the gender', () => {
  const male = new Set(MALE_GIVEN_NAMES);
  const female = new Set(FEMALE_GIVEN_NAMES);
  for (const c of citizens) {
    const parts = c.fullName.split(' ');
    assert.ok(parts.length >= 3, c.fullName);
    const given = parts[parts.length - 1];
    assert.ok((c.gender === 'Nam' ? male : female).has(given), `${c.fullName} (${c.gender})`);
    if (c.gender === 'Nam') assert.ok(!parts.includes('Thị'), c.fullName);
    else assert.ok(!parts.includes('Văn'), c.fullName);
  }
  const nguyen = citizens.filter((c) => c.fullName.startsWith('Nguyễn ')).length / SCALE;
  assert.ok(nguyen > 0.3 && nguyen < 0.45, `Nguyễn share ${nguyen}`);
});

test('residences are "commune, district, province" in a real province; most people live where they were registered', () => {
  for (const c of citizens) {
    const parts = c.place.residence.split(', ');
    assert.equal(parts.length, 3, c.place.residence);
    assert.match(parts[0], /^(Xã|Phường) /);
    assert.equal(parts[2], c.place.province.label);
  }
  const stayed = citizens.filter((c) => c.place.province.code === c.personalId.slice(0, 3)).length / SCALE;
  assert.ok(stayed > 0.8 && stayed < 0.95, `share living in their registration province: ${stayed}`);
});

test('no commune or district names another province, so a province name in a residence filter means that province', () => {
  const texts = PROVINCES.flatMap((p) => [
    { code: p.code, text: foldForSearch(p.label) },
    ...(PLACES_BY_PROVINCE.get(p.code) ?? []).map((place) => ({ code: p.code, text: foldForSearch(`${place.commune}, ${place.district}`) })),
  ]);
  for (const province of PROVINCES) {
    const name = foldForSearch(province.name);
    const elsewhere = texts.filter((t) => t.code !== province.code && t.text.includes(name));
    assert.deepEqual(elsewhere, [], `${province.name} is named outside its province`);
  }
});

test('a province is found by its folded name or label, nothing else', () => {
  assert.equal(provinceNamed('ha noi')?.code, '001');
  assert.equal(provinceNamed('thanh pho ho chi minh')?.code, '079');
  assert.equal(provinceNamed('tinh nghe an')?.code, '040');
  assert.equal(provinceNamed('nghe'), undefined);
  assert.equal(provinceNamed('tinh ha noi'), undefined);
});
