/**
 * `node dist/src/cli/make-directory.js FILE [COUNT]` (npm run agencies:make-directory -- FILE [COUNT]):
 * writes a synthetic agency directory of COUNT units (default 120,000, about the size of the real
 * hub's list) as CSV or JSON, by FILE's extension, for tests and benchmarks of `agencies:import`.
 *
 * The output is deterministic: the same COUNT gives the same file. Every unit has a valid QCVN 102
 * code under a seeded ministry, government agency or province (level 2, then 3, then 4), its parent
 * given, and a Vietnamese name ("Sở Tư pháp tỉnh Nghệ An", "Ủy ban nhân dân xã Tân Phú, huyện …").
 * Levels are filled breadth-first and round-robin over the parents, so every parent comes before its
 * children and a small COUNT still touches every top-level unit.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { DIRECTORY_FIELDS, directoryFormat, type DirectoryEntry } from '../subgraphs/documents/agency/directory-file';
import { SEED_AGENCIES } from '../subgraphs/documents/agency/seed-data';

export const DEFAULT_DIRECTORY_SIZE = 120_000;

/**
 * Children per unit at each level: 94 roots × 40 × 10 × 10, about 420,000 units at most, several times
 * the 111,339 units of the real hub's shared test instance. Each name list below is at least as long
 * as its level's fan-out, so siblings never share a name.
 */
const FAN_OUT = { level2: 40, level3: 10, level4: 10 };

const PROVINCE_DEPARTMENTS = [
  'Văn phòng Ủy ban nhân dân', 'Sở Nội vụ', 'Sở Tư pháp', 'Sở Kế hoạch và Đầu tư', 'Sở Tài chính',
  'Sở Công Thương', 'Sở Nông nghiệp và Phát triển nông thôn', 'Sở Giao thông vận tải', 'Sở Xây dựng',
  'Sở Tài nguyên và Môi trường', 'Sở Thông tin và Truyền thông', 'Sở Lao động - Thương binh và Xã hội',
  'Sở Văn hóa, Thể thao và Du lịch', 'Sở Khoa học và Công nghệ', 'Sở Giáo dục và Đào tạo', 'Sở Y tế',
  'Thanh tra', 'Ban Dân tộc', 'Ban Quản lý các khu công nghiệp', 'Đài Phát thanh và Truyền hình',
];
const MINISTRY_UNITS = [
  'Vụ Tổng hợp', 'Cục Kiểm tra', 'Vụ Tổ chức cán bộ', 'Vụ Pháp chế', 'Vụ Kế hoạch - Tài chính', 'Vụ Hợp tác quốc tế',
  'Vụ Khoa học và Công nghệ', 'Vụ Thi đua - Khen thưởng', 'Cục Công nghệ thông tin', 'Cục Quản lý chất lượng',
  'Cục Kiểm tra văn bản', 'Cục Quản lý công sản', 'Trung tâm Thông tin', 'Viện Chiến lược và Chính sách',
  'Học viện Cán bộ', 'Báo điện tử', 'Tạp chí', 'Trường Đào tạo, bồi dưỡng cán bộ',
];
const OFFICES = [
  'Văn phòng', 'Phòng Tổ chức - Hành chính', 'Phòng Kế hoạch - Tài chính', 'Phòng Pháp chế', 'Phòng Tổng hợp',
  'Phòng Thanh tra', 'Phòng Quản lý chuyên ngành', 'Phòng Công nghệ thông tin', 'Chi cục Quản lý thị trường',
  'Trung tâm Dịch vụ công', 'Phòng Hợp tác', 'Phòng Nghiệp vụ',
];
const COMMUNE_UNITS = [
  'Trường Mầm non', 'Trường Tiểu học', 'Trường Trung học cơ sở', 'Trạm Y tế', 'Công an', 'Ban Chỉ huy quân sự',
  'Bộ phận tiếp nhận và trả kết quả', 'Hội Nông dân', 'Hội Liên hiệp Phụ nữ', 'Đoàn Thanh niên',
];
const TEAMS = [
  'Bộ phận văn thư', 'Bộ phận lưu trữ', 'Bộ phận một cửa', 'Tổ công nghệ thông tin', 'Tổ kiểm tra', 'Tổ tổng hợp',
  'Tổ thẩm định', 'Tổ thống kê', 'Tổ pháp chế', 'Tổ quản trị',
];
const PLACES = [
  'An Bình', 'Tân Phú', 'Hòa Lợi', 'Phước Long', 'Thạnh Mỹ', 'Vĩnh Hưng', 'Đông Hòa', 'Tây Sơn', 'Nam Đàn',
  'Bắc Sơn', 'Quỳnh Lưu', 'Yên Thành', 'Diễn Châu', 'Hưng Nguyên', 'Thanh Chương', 'Đức Thọ', 'Cẩm Xuyên',
  'Hương Khê', 'Kim Sơn', 'Gia Viễn', 'Lộc Hà', 'Mỹ Lộc', 'Phú Xuyên', 'Quế Sơn', 'Sơn Tịnh', 'Tam Nông',
  'Thuận Thành', 'Trung Hà', 'Văn Lâm', 'Xuân Trường', 'Ý Yên', 'Cát Tiên', 'Đại Lộc', 'Long Hồ', 'Châu Thành',
  'Ngọc Lặc', 'Hải Hậu', 'Lương Sơn', 'Mường Tè', 'Krông Pắc', 'Bảo Lâm', 'Cần Giờ', 'Định Quán',
];

/** A generated unit and what its children's names are built from. */
interface Unit {
  code: string;
  name: string;
  kind: 'province' | 'ministry' | 'department' | 'district' | 'office' | 'commune' | 'team';
  /** "tỉnh Nghệ An", or "huyện Yên Thành, tỉnh Nghệ An" under a district; "Hà Nội" for central bodies. */
  place: string;
  domain: string;
  root: number;
}

/** The parent's code with one of its LLL, KK, JJ segments (index 0, 1, 2) set to n: its n-th child. */
function childCode(parent: string, segment: 0 | 1 | 2, n: number): string {
  const parts = parent.split('.');
  parts[segment] = String(n).padStart(parts[segment].length, '0');
  return parts.join('.');
}

/** "tỉnh Nghệ An", "thành phố Hà Nội": where ministries have regional offices. */
const PROVINCE_PLACES = SEED_AGENCIES.filter((seed) => /\.H\d{2}$/.test(seed.code)).map((seed) => seed.name.replace('Ủy ban nhân dân ', ''));

function childName(parent: Unit, n: number): Pick<Unit, 'name' | 'kind' | 'place'> {
  const nth = (list: string[]) => list[(n - 1) % list.length];
  // Varies place names between provinces while keeping siblings distinct (7 and 43 are coprime).
  const place = (salt: number) => PLACES[(n * 7 + parent.root * 13 + salt) % PLACES.length];
  switch (parent.kind) {
    case 'province':
      if (n <= PROVINCE_DEPARTMENTS.length) {
        return { name: `${nth(PROVINCE_DEPARTMENTS)} ${parent.place}`, kind: 'department', place: parent.place };
      }
      return { name: `Ủy ban nhân dân huyện ${place(0)}, ${parent.place}`, kind: 'district', place: `huyện ${place(0)}, ${parent.place}` };
    case 'ministry':
      if (n <= MINISTRY_UNITS.length) return { name: `${nth(MINISTRY_UNITS)} - ${parent.name}`, kind: 'department', place: parent.place };
      return {
        name: `Cơ quan đại diện tại ${PROVINCE_PLACES[(n + parent.root) % PROVINCE_PLACES.length]} - ${parent.name}`,
        kind: 'department',
        place: parent.place,
      };
    case 'district':
      return { name: `Ủy ban nhân dân xã ${place(5)}, ${parent.place}`, kind: 'commune', place: `xã ${place(5)}, ${parent.place}` };
    case 'department':
      return { name: `${nth(OFFICES)} - ${parent.name}`, kind: 'office', place: parent.place };
    case 'commune':
      return { name: `${nth(COMMUNE_UNITS)} ${parent.place}`, kind: 'team', place: parent.place };
    case 'office':
    case 'team':
      return { name: `${nth(TEAMS)} - ${parent.name}`, kind: 'team', place: parent.place };
  }
}

/** The top-level ministries, government agencies (G) and provinces (H) of the seed. */
function roots(): Unit[] {
  return SEED_AGENCIES.filter((seed) => seed.parentCode === null && /\.[GH]\d{2}$/.test(seed.code)).map((seed, root) => {
    const province = /\.H\d{2}$/.test(seed.code);
    return {
      code: seed.code,
      name: seed.name,
      kind: province ? 'province' : 'ministry',
      place: province ? seed.name.replace('Ủy ban nhân dân ', '') : 'Hà Nội',
      domain: seed.website ? new URL(seed.website).hostname : 'gov.vn',
      root,
    };
  });
}

/** Yields `count` synthetic units, parents first (see the top of this file). */
export function* syntheticDirectory(count: number = DEFAULT_DIRECTORY_SIZE): Generator<DirectoryEntry> {
  // Codes the seed already gives a unit (Tổng cục Thuế is level 2 of Bộ Tài chính) are skipped.
  const taken = new Set(SEED_AGENCIES.map((seed) => seed.code));
  let produced = 0;
  let parents = roots();
  const levels = [
    { segment: 2, fanOut: FAN_OUT.level2 },
    { segment: 1, fanOut: FAN_OUT.level3 },
    { segment: 0, fanOut: FAN_OUT.level4 },
  ] as const;
  for (const { segment, fanOut } of levels) {
    const children: Unit[] = [];
    for (let n = 1; n <= fanOut; n++) {
      for (const parent of parents) {
        if (produced === count) return;
        const code = childCode(parent.code, segment, n);
        if (taken.has(code)) continue;
        const unit: Unit = { ...parent, ...childName(parent, n), code };
        children.push(unit);
        produced++;
        // One unit in 250 has been merged into its parent, to exercise active and successorCode.
        const merged = produced % 250 === 0;
        yield {
          code,
          name: unit.name,
          parentCode: parent.code,
          email: `vanthu.${code.replaceAll('.', '-').toLowerCase()}@${unit.domain}`,
          phone: `02${String(unit.root).padStart(2, '0')} ${String(produced).padStart(7, '0')}`,
          address: unit.place,
          website: null,
          active: !merged,
          successorCode: merged ? parent.code : null,
        };
      }
    }
    parents = children;
  }
  if (produced < count) throw new RangeError(`make-directory can generate at most ${produced} units`);
}

function csvValue(value: string | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Writes `count` synthetic units to `file` as CSV or JSON (by extension), streaming. */
export async function writeSyntheticDirectory(file: string, count: number = DEFAULT_DIRECTORY_SIZE): Promise<void> {
  const format = directoryFormat(file);
  if (format === null) throw new Error(`${file}: the output file must end in .csv or .json`);
  const out = fs.createWriteStream(file, { encoding: 'utf8' });
  let chunk = format === 'csv' ? `${DIRECTORY_FIELDS.join(',')}\n` : '[\n';
  let first = true;
  for (const entry of syntheticDirectory(count)) {
    if (format === 'csv') chunk += `${DIRECTORY_FIELDS.map((field) => csvValue(entry[field])).join(',')}\n`;
    else chunk += `${first ? '' : ',\n'}${JSON.stringify(entry)}`;
    first = false;
    if (chunk.length > 64 * 1024) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(format === 'csv' ? chunk : `${chunk}\n]\n`);
  await finished(out);
}

async function main(args: string[]): Promise<number> {
  const [file, countArg, ...rest] = args;
  const count = countArg === undefined ? DEFAULT_DIRECTORY_SIZE : Number(countArg);
  if (!file || rest.length > 0 || !Number.isInteger(count) || count < 0) {
    process.stderr.write('usage: make-directory FILE.csv|FILE.json [COUNT]\n');
    return 1;
  }
  await writeSyntheticDirectory(file, count);
  process.stderr.write(`make-directory: wrote ${count} units to ${file}\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`make-directory: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
