/**
 * The seeded agency directory: the 95 units connected at the platform's launch, with valid, unique
 * codes, the real codes on the right units, and Tổng cục Thuế under Bộ Tài chính.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isQcvn102Code, isValidAgencyCode, parentOfQcvn102Code } from '../../src/subgraphs/documents/agency/agency-code';
import { SEED_AGENCIES } from '../../src/subgraphs/documents/agency/seed-data';

const topLevel = SEED_AGENCIES.filter((agency) => agency.parentCode === null);
const byCode = new Map(SEED_AGENCIES.map((agency) => [agency.code, agency]));

test('95 top-level units: the Party Central Office, 31 ministries and government agencies, 63 provinces', () => {
  assert.equal(topLevel.length, 95);
  assert.equal(topLevel.filter((agency) => agency.code.includes('.A')).length, 1);
  assert.equal(topLevel.filter((agency) => agency.code.includes('.G')).length, 31);
  assert.equal(topLevel.filter((agency) => agency.code.includes('.H')).length, 63);
  assert.equal(SEED_AGENCIES.length, 96, 'plus Tổng cục Thuế');
});

test('every code is valid under QĐ 20/2020 and QCVN 102, and unique', () => {
  for (const { code } of SEED_AGENCIES) {
    assert.ok(isValidAgencyCode(code), code);
    assert.ok(isQcvn102Code(code), code);
  }
  assert.equal(byCode.size, SEED_AGENCIES.length, 'no code is used twice');
  assert.equal(new Set(SEED_AGENCIES.map((agency) => agency.name)).size, SEED_AGENCIES.length, 'no name is used twice');
});

test('the codes domain.md confirms sit on the right units and are marked official', () => {
  const official: [string, string][] = [
    ['000.00.00.G22', 'Văn phòng Chính phủ'],
    ['000.00.00.G12', 'Bộ Tài chính'],
    ['000.00.18.G12', 'Tổng cục Thuế'],
    ['000.00.00.H41', 'Ủy ban nhân dân tỉnh Nghệ An'],
    ['000.00.00.H29', 'Ủy ban nhân dân thành phố Hồ Chí Minh'],
  ];
  for (const [code, name] of official) {
    assert.equal(byCode.get(code)?.name, name, code);
    assert.equal(byCode.get(code)?.source, 'official', code);
  }
  assert.deepEqual(
    SEED_AGENCIES.filter((agency) => agency.source === 'official').map((agency) => agency.code).sort(),
    official.map(([code]) => code).sort(),
  );
  const taxDepartment = byCode.get('000.00.18.G12');
  assert.equal(taxDepartment?.parentCode, '000.00.00.G12');
  assert.equal(parentOfQcvn102Code('000.00.18.G12'), taxDepartment?.parentCode);
});

test('the unofficial seed list G01–G21 (G12 and G13 aside) is marked as such, on the right ministries', () => {
  const seedList: [string, string][] = [
    ['G01', 'Bộ Công an'], ['G02', 'Bộ Công Thương'], ['G03', 'Bộ Giáo dục và Đào tạo'], ['G04', 'Bộ Giao thông vận tải'],
    ['G05', 'Bộ Kế hoạch và Đầu tư'], ['G06', 'Bộ Khoa học và Công nghệ'], ['G07', 'Bộ Lao động - Thương binh và Xã hội'],
    ['G08', 'Bộ Ngoại giao'], ['G09', 'Bộ Nội vụ'], ['G10', 'Bộ Nông nghiệp và Phát triển nông thôn'], ['G11', 'Bộ Quốc phòng'],
    ['G14', 'Bộ Thông tin và Truyền thông'], ['G15', 'Bộ Tư pháp'], ['G16', 'Bộ Văn hóa, Thể thao và Du lịch'],
    ['G17', 'Bộ Xây dựng'], ['G18', 'Bộ Y tế'], ['G19', 'Ngân hàng Nhà nước Việt Nam'], ['G20', 'Thanh tra Chính phủ'],
    ['G21', 'Ủy ban Dân tộc'],
  ];
  for (const [group, name] of seedList) {
    const agency = byCode.get(`000.00.00.${group}`);
    assert.equal(agency?.name, name, group);
    assert.equal(agency?.source, 'unofficial-seed-list', group);
  }
  assert.equal(SEED_AGENCIES.filter((agency) => agency.source === 'unofficial-seed-list').length, seedList.length);
});

test('all 63 provinces and centrally-run cities of 2018, each once', () => {
  const provinces = topLevel.filter((agency) => agency.code.includes('.H'));
  const cities = provinces.filter((agency) => agency.name.startsWith('Ủy ban nhân dân thành phố '));
  assert.deepEqual(
    cities.map((agency) => agency.name.replace('Ủy ban nhân dân thành phố ', '')).sort(),
    ['Cần Thơ', 'Hà Nội', 'Hải Phòng', 'Hồ Chí Minh', 'Đà Nẵng'].sort(),
  );
  assert.ok(provinces.every((agency) => /^Ủy ban nhân dân (tỉnh|thành phố) \S/.test(agency.name)));
  for (const name of ['Nghệ An', 'Thừa Thiên Huế', 'Bà Rịa - Vũng Tàu', 'Đắk Nông', 'Hậu Giang', 'Yên Bái', 'Điện Biên', 'Lai Châu']) {
    assert.ok(provinces.some((agency) => agency.name.endsWith(` ${name}`)), name);
  }
  assert.deepEqual(
    provinces.map((agency) => agency.code.slice(-2)).sort(),
    Array.from({ length: 63 }, (_, i) => String(i + 1).padStart(2, '0')),
  );
});

test('websites are bare https origins, e-mail left unknown', () => {
  assert.ok(SEED_AGENCIES.every((agency) => agency.website === null || /^https:\/\/[a-z0-9.-]+\.vn$/.test(agency.website)));
  assert.ok(SEED_AGENCIES.every((agency) => agency.email === null));
});
