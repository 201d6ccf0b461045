/**
 * The agency directory seeded on first start (danh bạ cơ quan): the national top level at the
 * platform's launch on 12 March 2019 — the Party Central Office, the 31 ministries and government
 * agencies and the 63 provinces and centrally-run cities of 2018 (95 units), plus Tổng cục Thuế as one
 * real child so the tree has depth from the start. An official directory import replaces the sample
 * codes; see directory.ts.
 *
 * Where each code comes from (`source`), see domain.md §2:
 * - 'official': published in a cited source (000.00.00.G22, .G12, 000.00.18.G12, .H41, .H29).
 * - 'unofficial-seed-list': G01–G21 from an unofficial seed list, consistent with the official ones
 *   but not confirmed.
 * - 'sample': made up here so the hub runs before the official directory is imported. Sample codes
 *   follow the QCVN 102 shape and never take a code known to belong to another unit: provinces are
 *   numbered H01–H63 in Vietnamese alphabetical order, which gives exactly the two confirmed codes
 *   (H29 Hồ Chí Minh, H41 Nghệ An); the missing ministry G13 and the government agencies G23–G31
 *   continue the same series; the Party uses group letter A, the first group in QCVN 102's order
 *   (Party, President's Office, National Assembly, … Government = G, localities = H).
 *
 * Websites are the units' real public portals; e-mail is left null because no official address list
 * was at hand.
 */

export type SeedSource = 'official' | 'unofficial-seed-list' | 'sample';

export interface SeedAgency {
  code: string;
  name: string;
  parentCode: string | null;
  email: string | null;
  website: string | null;
  source: SeedSource;
}

type Row = [code: string, name: string, website: string | null, source: SeedSource];

const TOP_LEVEL: Row[] = [
  // The Party Central Office.
  ['000.00.00.A01', 'Văn phòng Trung ương Đảng', null, 'sample'],

  // The 18 ministries of 2018.
  ['000.00.00.G11', 'Bộ Quốc phòng', 'https://mod.gov.vn', 'unofficial-seed-list'],
  ['000.00.00.G01', 'Bộ Công an', 'https://bocongan.gov.vn', 'unofficial-seed-list'],
  ['000.00.00.G08', 'Bộ Ngoại giao', 'https://mofa.gov.vn', 'unofficial-seed-list'],
  ['000.00.00.G09', 'Bộ Nội vụ', 'https://moha.gov.vn', 'unofficial-seed-list'],
  ['000.00.00.G15', 'Bộ Tư pháp', 'https://moj.gov.vn', 'unofficial-seed-list'],
  ['000.00.00.G05', 'Bộ Kế hoạch và Đầu tư', 'https://mpi.gov.vn', 'unofficial-seed-list'],
  ['000.00.00.G12', 'Bộ Tài chính', 'https://mof.gov.vn', 'official'],
  ['000.00.00.G02', 'Bộ Công Thương', 'https://moit.gov.vn', 'unofficial-seed-list'],
  ['000.00.00.G10', 'Bộ Nông nghiệp và Phát triển nông thôn', 'https://mard.gov.vn', 'unofficial-seed-list'],
  ['000.00.00.G04', 'Bộ Giao thông vận tải', 'https://mt.gov.vn', 'unofficial-seed-list'],
  ['000.00.00.G17', 'Bộ Xây dựng', 'https://moc.gov.vn', 'unofficial-seed-list'],
  ['000.00.00.G13', 'Bộ Tài nguyên và Môi trường', 'https://monre.gov.vn', 'sample'],
  ['000.00.00.G14', 'Bộ Thông tin và Truyền thông', 'https://mic.gov.vn', 'unofficial-seed-list'],
  ['000.00.00.G07', 'Bộ Lao động - Thương binh và Xã hội', 'https://molisa.gov.vn', 'unofficial-seed-list'],
  ['000.00.00.G16', 'Bộ Văn hóa, Thể thao và Du lịch', 'https://bvhttdl.gov.vn', 'unofficial-seed-list'],
  ['000.00.00.G06', 'Bộ Khoa học và Công nghệ', 'https://most.gov.vn', 'unofficial-seed-list'],
  ['000.00.00.G03', 'Bộ Giáo dục và Đào tạo', 'https://moet.gov.vn', 'unofficial-seed-list'],
  ['000.00.00.G18', 'Bộ Y tế', 'https://moh.gov.vn', 'unofficial-seed-list'],

  // The 4 ministerial-level agencies.
  ['000.00.00.G22', 'Văn phòng Chính phủ', 'https://chinhphu.vn', 'official'],
  ['000.00.00.G20', 'Thanh tra Chính phủ', 'https://thanhtra.gov.vn', 'unofficial-seed-list'],
  ['000.00.00.G19', 'Ngân hàng Nhà nước Việt Nam', 'https://sbv.gov.vn', 'unofficial-seed-list'],
  ['000.00.00.G21', 'Ủy ban Dân tộc', 'https://ubdt.gov.vn', 'unofficial-seed-list'],

  // The 9 government agencies (cơ quan thuộc Chính phủ).
  ['000.00.00.G23', 'Bảo hiểm xã hội Việt Nam', 'https://baohiemxahoi.gov.vn', 'sample'],
  ['000.00.00.G24', 'Thông tấn xã Việt Nam', 'https://vnanet.vn', 'sample'],
  ['000.00.00.G25', 'Đài Tiếng nói Việt Nam', 'https://vov.vn', 'sample'],
  ['000.00.00.G26', 'Đài Truyền hình Việt Nam', 'https://vtv.vn', 'sample'],
  ['000.00.00.G27', 'Học viện Chính trị quốc gia Hồ Chí Minh', 'https://hcma.vn', 'sample'],
  ['000.00.00.G28', 'Viện Hàn lâm Khoa học và Công nghệ Việt Nam', 'https://vast.gov.vn', 'sample'],
  ['000.00.00.G29', 'Viện Hàn lâm Khoa học xã hội Việt Nam', 'https://vass.gov.vn', 'sample'],
  ['000.00.00.G30', 'Ban Quản lý Lăng Chủ tịch Hồ Chí Minh', 'https://bqllang.gov.vn', 'sample'],
  ['000.00.00.G31', 'Ủy ban Quản lý vốn nhà nước tại doanh nghiệp', 'https://cmsc.gov.vn', 'sample'],

  // The 63 provinces and centrally-run cities, H01–H63 in Vietnamese alphabetical order.
  ['000.00.00.H01', 'Ủy ban nhân dân tỉnh An Giang', 'https://angiang.gov.vn', 'sample'],
  ['000.00.00.H02', 'Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu', 'https://baria-vungtau.gov.vn', 'sample'],
  ['000.00.00.H03', 'Ủy ban nhân dân tỉnh Bắc Giang', 'https://bacgiang.gov.vn', 'sample'],
  ['000.00.00.H04', 'Ủy ban nhân dân tỉnh Bắc Kạn', 'https://backan.gov.vn', 'sample'],
  ['000.00.00.H05', 'Ủy ban nhân dân tỉnh Bạc Liêu', 'https://baclieu.gov.vn', 'sample'],
  ['000.00.00.H06', 'Ủy ban nhân dân tỉnh Bắc Ninh', 'https://bacninh.gov.vn', 'sample'],
  ['000.00.00.H07', 'Ủy ban nhân dân tỉnh Bến Tre', 'https://bentre.gov.vn', 'sample'],
  ['000.00.00.H08', 'Ủy ban nhân dân tỉnh Bình Định', 'https://binhdinh.gov.vn', 'sample'],
  ['000.00.00.H09', 'Ủy ban nhân dân tỉnh Bình Dương', 'https://binhduong.gov.vn', 'sample'],
  ['000.00.00.H10', 'Ủy ban nhân dân tỉnh Bình Phước', 'https://binhphuoc.gov.vn', 'sample'],
  ['000.00.00.H11', 'Ủy ban nhân dân tỉnh Bình Thuận', 'https://binhthuan.gov.vn', 'sample'],
  ['000.00.00.H12', 'Ủy ban nhân dân tỉnh Cà Mau', 'https://camau.gov.vn', 'sample'],
  ['000.00.00.H13', 'Ủy ban nhân dân thành phố Cần Thơ', 'https://cantho.gov.vn', 'sample'],
  ['000.00.00.H14', 'Ủy ban nhân dân tỉnh Cao Bằng', 'https://caobang.gov.vn', 'sample'],
  ['000.00.00.H15', 'Ủy ban nhân dân thành phố Đà Nẵng', 'https://danang.gov.vn', 'sample'],
  ['000.00.00.H16', 'Ủy ban nhân dân tỉnh Đắk Lắk', 'https://daklak.gov.vn', 'sample'],
  ['000.00.00.H17', 'Ủy ban nhân dân tỉnh Đắk Nông', 'https://daknong.gov.vn', 'sample'],
  ['000.00.00.H18', 'Ủy ban nhân dân tỉnh Điện Biên', 'https://dienbien.gov.vn', 'sample'],
  ['000.00.00.H19', 'Ủy ban nhân dân tỉnh Đồng Nai', 'https://dongnai.gov.vn', 'sample'],
  ['000.00.00.H20', 'Ủy ban nhân dân tỉnh Đồng Tháp', 'https://dongthap.gov.vn', 'sample'],
  ['000.00.00.H21', 'Ủy ban nhân dân tỉnh Gia Lai', 'https://gialai.gov.vn', 'sample'],
  ['000.00.00.H22', 'Ủy ban nhân dân tỉnh Hà Giang', 'https://hagiang.gov.vn', 'sample'],
  ['000.00.00.H23', 'Ủy ban nhân dân tỉnh Hà Nam', 'https://hanam.gov.vn', 'sample'],
  ['000.00.00.H24', 'Ủy ban nhân dân thành phố Hà Nội', 'https://hanoi.gov.vn', 'sample'],
  ['000.00.00.H25', 'Ủy ban nhân dân tỉnh Hà Tĩnh', 'https://hatinh.gov.vn', 'sample'],
  ['000.00.00.H26', 'Ủy ban nhân dân tỉnh Hải Dương', 'https://haiduong.gov.vn', 'sample'],
  ['000.00.00.H27', 'Ủy ban nhân dân thành phố Hải Phòng', 'https://haiphong.gov.vn', 'sample'],
  ['000.00.00.H28', 'Ủy ban nhân dân tỉnh Hậu Giang', 'https://haugiang.gov.vn', 'sample'],
  ['000.00.00.H29', 'Ủy ban nhân dân thành phố Hồ Chí Minh', 'https://hochiminhcity.gov.vn', 'official'],
  ['000.00.00.H30', 'Ủy ban nhân dân tỉnh Hòa Bình', 'https://hoabinh.gov.vn', 'sample'],
  ['000.00.00.H31', 'Ủy ban nhân dân tỉnh Hưng Yên', 'https://hungyen.gov.vn', 'sample'],
  ['000.00.00.H32', 'Ủy ban nhân dân tỉnh Khánh Hòa', 'https://khanhhoa.gov.vn', 'sample'],
  ['000.00.00.H33', 'Ủy ban nhân dân tỉnh Kiên Giang', 'https://kiengiang.gov.vn', 'sample'],
  ['000.00.00.H34', 'Ủy ban nhân dân tỉnh Kon Tum', 'https://kontum.gov.vn', 'sample'],
  ['000.00.00.H35', 'Ủy ban nhân dân tỉnh Lai Châu', 'https://laichau.gov.vn', 'sample'],
  ['000.00.00.H36', 'Ủy ban nhân dân tỉnh Lâm Đồng', 'https://lamdong.gov.vn', 'sample'],
  ['000.00.00.H37', 'Ủy ban nhân dân tỉnh Lạng Sơn', 'https://langson.gov.vn', 'sample'],
  ['000.00.00.H38', 'Ủy ban nhân dân tỉnh Lào Cai', 'https://laocai.gov.vn', 'sample'],
  ['000.00.00.H39', 'Ủy ban nhân dân tỉnh Long An', 'https://longan.gov.vn', 'sample'],
  ['000.00.00.H40', 'Ủy ban nhân dân tỉnh Nam Định', 'https://namdinh.gov.vn', 'sample'],
  ['000.00.00.H41', 'Ủy ban nhân dân tỉnh Nghệ An', 'https://nghean.gov.vn', 'official'],
  ['000.00.00.H42', 'Ủy ban nhân dân tỉnh Ninh Bình', 'https://ninhbinh.gov.vn', 'sample'],
  ['000.00.00.H43', 'Ủy ban nhân dân tỉnh Ninh Thuận', 'https://ninhthuan.gov.vn', 'sample'],
  ['000.00.00.H44', 'Ủy ban nhân dân tỉnh Phú Thọ', 'https://phutho.gov.vn', 'sample'],
  ['000.00.00.H45', 'Ủy ban nhân dân tỉnh Phú Yên', 'https://phuyen.gov.vn', 'sample'],
  ['000.00.00.H46', 'Ủy ban nhân dân tỉnh Quảng Bình', 'https://quangbinh.gov.vn', 'sample'],
  ['000.00.00.H47', 'Ủy ban nhân dân tỉnh Quảng Nam', 'https://quangnam.gov.vn', 'sample'],
  ['000.00.00.H48', 'Ủy ban nhân dân tỉnh Quảng Ngãi', 'https://quangngai.gov.vn', 'sample'],
  ['000.00.00.H49', 'Ủy ban nhân dân tỉnh Quảng Ninh', 'https://quangninh.gov.vn', 'sample'],
  ['000.00.00.H50', 'Ủy ban nhân dân tỉnh Quảng Trị', 'https://quangtri.gov.vn', 'sample'],
  ['000.00.00.H51', 'Ủy ban nhân dân tỉnh Sóc Trăng', 'https://soctrang.gov.vn', 'sample'],
  ['000.00.00.H52', 'Ủy ban nhân dân tỉnh Sơn La', 'https://sonla.gov.vn', 'sample'],
  ['000.00.00.H53', 'Ủy ban nhân dân tỉnh Tây Ninh', 'https://tayninh.gov.vn', 'sample'],
  ['000.00.00.H54', 'Ủy ban nhân dân tỉnh Thái Bình', 'https://thaibinh.gov.vn', 'sample'],
  ['000.00.00.H55', 'Ủy ban nhân dân tỉnh Thái Nguyên', 'https://thainguyen.gov.vn', 'sample'],
  ['000.00.00.H56', 'Ủy ban nhân dân tỉnh Thanh Hóa', 'https://thanhhoa.gov.vn', 'sample'],
  ['000.00.00.H57', 'Ủy ban nhân dân tỉnh Thừa Thiên Huế', 'https://thuathienhue.gov.vn', 'sample'],
  ['000.00.00.H58', 'Ủy ban nhân dân tỉnh Tiền Giang', 'https://tiengiang.gov.vn', 'sample'],
  ['000.00.00.H59', 'Ủy ban nhân dân tỉnh Trà Vinh', 'https://travinh.gov.vn', 'sample'],
  ['000.00.00.H60', 'Ủy ban nhân dân tỉnh Tuyên Quang', 'https://tuyenquang.gov.vn', 'sample'],
  ['000.00.00.H61', 'Ủy ban nhân dân tỉnh Vĩnh Long', 'https://vinhlong.gov.vn', 'sample'],
  ['000.00.00.H62', 'Ủy ban nhân dân tỉnh Vĩnh Phúc', 'https://vinhphuc.gov.vn', 'sample'],
  ['000.00.00.H63', 'Ủy ban nhân dân tỉnh Yên Bái', 'https://yenbai.gov.vn', 'sample'],
];

/** The 95 top-level units, then Tổng cục Thuế under Bộ Tài chính. */
export const SEED_AGENCIES: readonly SeedAgency[] = Object.freeze([
  ...TOP_LEVEL.map(([code, name, website, source]) => ({ code, name, parentCode: null, email: null, website, source })),
  {
    code: '000.00.18.G12',
    name: 'Tổng cục Thuế',
    parentCode: '000.00.00.G12',
    email: null,
    website: 'https://gdt.gov.vn',
    source: 'official',
  },
]);
