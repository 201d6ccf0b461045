/**
 * Places for synthetic residences and parcel addresses: the 63 provinces (tỉnh, thành phố trực thuộc
 * trung ương) of 2018 with the 3-digit codes that open a CCCD personal identification number
 * (Thông tư 07/2016/TT-BCA), a few real district-level units of each, and common commune names.
 */
import { foldForSearch } from '../../shared/text';
import { createRandom } from './random';

export interface Province {
  code: string;
  /** The bare name, e.g. "Nghệ An". */
  name: string;
  /** As written in an address: "Tỉnh Nghệ An", "Thành phố Hà Nội". */
  label: string;
  /** Population in thousands (2019 census, rounded): only a sampling weight for the generator. */
  population: number;
  /** District-level units (quận, huyện, thị xã, thành phố thuộc tỉnh). */
  districts: readonly string[];
  /** In the south rural hamlets are "ấp" and urban quarters "khu phố"; in the north and centre "thôn", "tổ dân phố". */
  south: boolean;
}

/** The five cities under the central government: "Thành phố", not "Tỉnh". */
const CENTRAL_CITIES = new Set(['001', '031', '048', '079', '092']);

/** The first code of the south (Bình Phước onward), for the hamlet wording above. */
const FIRST_SOUTHERN_CODE = 70;

const DATA: readonly (readonly [string, string, number, string])[] = [
  ['001', 'Hà Nội', 8054, 'Quận Ba Đình|Quận Hoàn Kiếm|Quận Đống Đa|Quận Cầu Giấy|Quận Hà Đông|Huyện Đông Anh|Huyện Sóc Sơn|Huyện Ba Vì'],
  ['002', 'Hà Giang', 855, 'Thành phố Hà Giang|Huyện Vị Xuyên|Huyện Bắc Quang'],
  ['004', 'Cao Bằng', 531, 'Thành phố Cao Bằng|Huyện Trùng Khánh|Huyện Hòa An'],
  ['006', 'Bắc Kạn', 314, 'Thành phố Bắc Kạn|Huyện Ba Bể|Huyện Chợ Đồn'],
  ['008', 'Tuyên Quang', 785, 'Thành phố Tuyên Quang|Huyện Sơn Dương|Huyện Yên Sơn'],
  ['010', 'Lào Cai', 731, 'Thành phố Lào Cai|Huyện Bảo Thắng|Huyện Bát Xát'],
  ['011', 'Điện Biên', 599, 'Thành phố Điện Biên Phủ|Huyện Điện Biên|Huyện Mường Chà'],
  ['012', 'Lai Châu', 461, 'Thành phố Lai Châu|Huyện Tam Đường|Huyện Phong Thổ'],
  ['014', 'Sơn La', 1249, 'Thành phố Sơn La|Huyện Mộc Châu|Huyện Mai Sơn'],
  ['015', 'Yên Bái', 822, 'Thành phố Yên Bái|Thị xã Nghĩa Lộ|Huyện Văn Yên'],
  ['017', 'Hòa Bình', 855, 'Thành phố Hòa Bình|Huyện Mai Châu|Huyện Lương Sơn'],
  ['019', 'Thái Nguyên', 1287, 'Thành phố Thái Nguyên|Thành phố Sông Công|Huyện Đại Từ'],
  ['020', 'Lạng Sơn', 782, 'Thành phố Lạng Sơn|Huyện Cao Lộc|Huyện Hữu Lũng'],
  ['022', 'Quảng Ninh', 1321, 'Thành phố Hạ Long|Thành phố Cẩm Phả|Thành phố Uông Bí|Huyện Vân Đồn'],
  ['024', 'Bắc Giang', 1804, 'Thành phố Bắc Giang|Huyện Lục Ngạn|Huyện Yên Thế'],
  ['025', 'Phú Thọ', 1464, 'Thành phố Việt Trì|Thị xã Phú Thọ|Huyện Lâm Thao'],
  ['026', 'Vĩnh Phúc', 1152, 'Thành phố Vĩnh Yên|Thành phố Phúc Yên|Huyện Tam Đảo'],
  ['027', 'Bắc Ninh', 1369, 'Thành phố Bắc Ninh|Huyện Tiên Du|Huyện Quế Võ'],
  ['030', 'Hải Dương', 1893, 'Thành phố Hải Dương|Huyện Cẩm Giàng|Huyện Gia Lộc'],
  ['031', 'Hải Phòng', 2029, 'Quận Hồng Bàng|Quận Lê Chân|Quận Ngô Quyền|Huyện Thủy Nguyên'],
  ['033', 'Hưng Yên', 1253, 'Thành phố Hưng Yên|Huyện Văn Lâm|Huyện Khoái Châu'],
  ['034', 'Thái Bình', 1861, 'Thành phố Thái Bình|Huyện Thái Thụy|Huyện Vũ Thư'],
  ['035', 'Hà Nam', 852, 'Thành phố Phủ Lý|Huyện Kim Bảng|Huyện Thanh Liêm'],
  ['036', 'Nam Định', 1781, 'Thành phố Nam Định|Huyện Hải Hậu|Huyện Giao Thủy'],
  ['037', 'Ninh Bình', 983, 'Thành phố Ninh Bình|Thành phố Tam Điệp|Huyện Hoa Lư'],
  ['038', 'Thanh Hóa', 3641, 'Thành phố Thanh Hóa|Thành phố Sầm Sơn|Huyện Thọ Xuân|Huyện Hoằng Hóa'],
  ['040', 'Nghệ An', 3328, 'Thành phố Vinh|Thị xã Cửa Lò|Huyện Diễn Châu|Huyện Nam Đàn'],
  ['042', 'Hà Tĩnh', 1289, 'Thành phố Hà Tĩnh|Thị xã Hồng Lĩnh|Huyện Cẩm Xuyên'],
  ['044', 'Quảng Bình', 896, 'Thành phố Đồng Hới|Huyện Bố Trạch|Huyện Lệ Thủy'],
  ['045', 'Quảng Trị', 633, 'Thành phố Đông Hà|Huyện Gio Linh|Huyện Hải Lăng'],
  ['046', 'Thừa Thiên Huế', 1129, 'Thành phố Huế|Thị xã Hương Thủy|Huyện Phú Vang'],
  ['048', 'Đà Nẵng', 1134, 'Quận Hải Châu|Quận Thanh Khê|Quận Sơn Trà|Huyện Hòa Vang'],
  ['049', 'Quảng Nam', 1496, 'Thành phố Tam Kỳ|Thành phố Hội An|Huyện Duy Xuyên'],
  ['051', 'Quảng Ngãi', 1232, 'Thành phố Quảng Ngãi|Huyện Bình Sơn|Huyện Sơn Tịnh'],
  ['052', 'Bình Định', 1487, 'Thành phố Quy Nhơn|Thị xã An Nhơn|Huyện Tuy Phước'],
  ['054', 'Phú Yên', 873, 'Thành phố Tuy Hòa|Thị xã Sông Cầu|Huyện Tuy An'],
  ['056', 'Khánh Hòa', 1232, 'Thành phố Nha Trang|Thành phố Cam Ranh|Huyện Diên Khánh'],
  ['058', 'Ninh Thuận', 591, 'Thành phố Phan Rang - Tháp Chàm|Huyện Ninh Hải|Huyện Ninh Phước'],
  ['060', 'Bình Thuận', 1231, 'Thành phố Phan Thiết|Thị xã La Gi|Huyện Hàm Thuận Bắc'],
  ['062', 'Kon Tum', 541, 'Thành phố Kon Tum|Huyện Đắk Hà|Huyện Ngọc Hồi'],
  ['064', 'Gia Lai', 1514, 'Thành phố Pleiku|Thị xã An Khê|Huyện Chư Păh'],
  ['066', 'Đắk Lắk', 1870, 'Thành phố Buôn Ma Thuột|Thị xã Buôn Hồ|Huyện Krông Pắc'],
  ['067', 'Đắk Nông', 623, "Huyện Đắk Mil|Huyện Cư Jút|Huyện Đắk R'Lấp"],
  ['068', 'Lâm Đồng', 1297, 'Thành phố Đà Lạt|Thành phố Bảo Lộc|Huyện Đức Trọng'],
  ['070', 'Bình Phước', 995, 'Thành phố Đồng Xoài|Thị xã Bình Long|Huyện Bù Đăng'],
  ['072', 'Tây Ninh', 1170, 'Thành phố Tây Ninh|Huyện Gò Dầu|Huyện Tân Châu'],
  ['074', 'Bình Dương', 2456, 'Thành phố Thủ Dầu Một|Huyện Bàu Bàng|Huyện Phú Giáo'],
  ['075', 'Đồng Nai', 3097, 'Thành phố Biên Hòa|Huyện Long Thành|Huyện Nhơn Trạch|Huyện Trảng Bom'],
  ['077', 'Bà Rịa - Vũng Tàu', 1149, 'Thành phố Vũng Tàu|Thành phố Bà Rịa|Huyện Châu Đức'],
  ['079', 'Hồ Chí Minh', 8993, 'Quận 1|Quận 3|Quận Bình Thạnh|Quận Tân Bình|Quận Gò Vấp|Huyện Củ Chi|Huyện Bình Chánh'],
  ['080', 'Long An', 1689, 'Thành phố Tân An|Huyện Bến Lức|Huyện Đức Hòa'],
  ['082', 'Tiền Giang', 1765, 'Thành phố Mỹ Tho|Thị xã Gò Công|Huyện Cái Bè'],
  ['083', 'Bến Tre', 1289, 'Thành phố Bến Tre|Huyện Châu Thành|Huyện Mỏ Cày Nam'],
  ['084', 'Trà Vinh', 1010, 'Thành phố Trà Vinh|Huyện Cầu Ngang|Huyện Tiểu Cần'],
  ['086', 'Vĩnh Long', 1023, 'Thành phố Vĩnh Long|Thị xã Bình Minh|Huyện Long Hồ'],
  ['087', 'Đồng Tháp', 1600, 'Thành phố Cao Lãnh|Thành phố Sa Đéc|Huyện Lấp Vò'],
  ['089', 'An Giang', 1908, 'Thành phố Long Xuyên|Thành phố Châu Đốc|Huyện Chợ Mới'],
  ['091', 'Kiên Giang', 1723, 'Thành phố Rạch Giá|Thành phố Hà Tiên|Huyện Kiên Lương'],
  ['092', 'Cần Thơ', 1236, 'Quận Ninh Kiều|Quận Cái Răng|Quận Bình Thủy|Huyện Phong Điền'],
  ['093', 'Hậu Giang', 734, 'Thành phố Vị Thanh|Thành phố Ngã Bảy|Huyện Châu Thành A'],
  ['094', 'Sóc Trăng', 1200, 'Thành phố Sóc Trăng|Thị xã Vĩnh Châu|Huyện Mỹ Xuyên'],
  ['095', 'Bạc Liêu', 907, 'Thành phố Bạc Liêu|Thị xã Giá Rai|Huyện Hồng Dân'],
  ['096', 'Cà Mau', 1194, 'Thành phố Cà Mau|Huyện Năm Căn|Huyện Trần Văn Thời'],
];

export const PROVINCES: readonly Province[] = DATA.map(([code, name, population, districts]) => ({
  code,
  name,
  label: `${CENTRAL_CITIES.has(code) ? 'Thành phố' : 'Tỉnh'} ${name}`,
  population,
  districts: districts.split('|'),
  south: Number(code) >= FIRST_SOUTHERN_CODE,
}));

/**
 * Folded search text -> province, by bare name ("nghe an") and by label ("tinh nghe an"), so a residence
 * filter that names a province can use the province index instead of a substring scan.
 */
const BY_FOLDED_NAME = new Map<string, Province>(
  PROVINCES.flatMap((p) => [[foldForSearch(p.name), p] as const, [foldForSearch(p.label), p] as const]),
);

export function provinceNamed(folded: string): Province | undefined {
  return BY_FOLDED_NAME.get(folded);
}

/** Common commune names (xã) found in many provinces; none names a province (a unit test checks). */
export const RURAL_COMMUNE_NAMES: readonly string[] = [
  'Tân Lập', 'Tân Tiến', 'Quang Trung', 'Đồng Tâm', 'Thanh Sơn', 'Hợp Thành', 'Tân Thịnh', 'Phú Thịnh',
  'Đại Đồng', 'Hưng Đạo', 'Trung Hòa', 'Hồng Phong', 'Tân Hiệp', 'An Phú', 'Long Hưng', 'Phước Thạnh',
  'Xuân Phú', 'Minh Tân', 'Vĩnh Hưng', 'Tân Phú', 'Thạnh Phú', 'Phong Phú', 'Tam Hiệp', 'Đông Hòa',
];

/** Common ward names (phường), mostly after national figures as in most cities. */
export const URBAN_WARD_NAMES: readonly string[] = [
  'Trần Phú', 'Lê Lợi', 'Quang Trung', 'Hoàng Văn Thụ', 'Nguyễn Trãi', 'Lê Hồng Phong', 'Tân An',
  'Hòa Thuận', 'Phú Hòa', 'An Lạc', 'Minh Khai', 'Tân Thành', 'Trần Hưng Đạo', 'Lý Thường Kiệt',
  'Hai Bà Trưng', 'Tân Lợi',
];

/** One commune-level unit: where a citizen lives and a parcel lies. */
export interface Place {
  province: Province;
  district: string;
  commune: string;
  /** A ward (phường) of a city or town, rather than a rural commune (xã). */
  urban: boolean;
  /** "commune, district, province", e.g. "Xã Tân Lập, Huyện Đông Anh, Thành phố Hà Nội". */
  residence: string;
}

const COMMUNES_PER_DISTRICT = 6;
/** Its own seed, so the places stay the same whatever the people generator draws. */
const PLACES_SEED = 0x706c6163;

function buildPlaces(): Map<string, Place[]> {
  const random = createRandom(PLACES_SEED);
  const byProvince = new Map<string, Place[]>();
  for (const province of PROVINCES) {
    const places: Place[] = [];
    for (const district of province.districts) {
      const urban = !district.startsWith('Huyện');
      const pool = [...(urban ? URBAN_WARD_NAMES : RURAL_COMMUNE_NAMES)];
      for (let i = 0; i < COMMUNES_PER_DISTRICT; i++) {
        const [name] = pool.splice(random.int(0, pool.length - 1), 1);
        const commune = `${urban ? 'Phường' : 'Xã'} ${name}`;
        places.push({ province, district, commune, urban, residence: `${commune}, ${district}, ${province.label}` });
      }
    }
    byProvince.set(province.code, places);
  }
  return byProvince;
}

/** Province code -> its communes, in a fixed order. */
export const PLACES_BY_PROVINCE: ReadonlyMap<string, readonly Place[]> = buildPlaces();
