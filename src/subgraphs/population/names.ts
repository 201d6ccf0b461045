/**
 * Vietnamese name parts for synthetic people (họ, tên đệm, tên), common real names only.
 * Family names carry rough frequencies (per mille of the population) so Nguyễn is as dominant as it is.
 */

export const FAMILY_NAMES: readonly (readonly [string, number])[] = [
  ['Nguyễn', 380], ['Trần', 110], ['Lê', 95], ['Phạm', 71], ['Hoàng', 31], ['Huỳnh', 20], ['Phan', 45],
  ['Vũ', 20], ['Võ', 19], ['Đặng', 21], ['Bùi', 20], ['Đỗ', 14], ['Hồ', 13], ['Ngô', 13], ['Dương', 10],
  ['Lý', 5], ['Đinh', 6], ['Trương', 5], ['Đào', 4], ['Lương', 3], ['Trịnh', 3], ['Mai', 3], ['Lâm', 3],
  ['Hà', 3], ['Cao', 2], ['Tô', 2], ['Tạ', 2], ['Chu', 2],
];

/** "Văn" and "Thị" were the usual middle names before the 1980s and are rarer since. */
export const TRADITIONAL_MIDDLE = { male: 'Văn', female: 'Thị' } as const;

export const MALE_MIDDLE_NAMES: readonly string[] = [
  'Đức', 'Minh', 'Quốc', 'Hữu', 'Công', 'Thanh', 'Xuân', 'Quang', 'Hoàng', 'Anh', 'Tuấn', 'Gia', 'Bảo',
  'Trung', 'Đình', 'Ngọc', 'Thế', 'Mạnh', 'Duy', 'Trọng',
];

export const FEMALE_MIDDLE_NAMES: readonly string[] = [
  'Ngọc', 'Thu', 'Thanh', 'Thùy', 'Phương', 'Minh', 'Kim', 'Hồng', 'Bảo', 'Khánh', 'Mai', 'Diệu', 'Hoài',
  'Mỹ', 'Hải', 'Bích', 'Tuyết', 'Quỳnh',
];

export const MALE_GIVEN_NAMES: readonly string[] = [
  'Anh', 'Bình', 'Cường', 'Dũng', 'Đức', 'Hùng', 'Huy', 'Hải', 'Hiếu', 'Hoàng', 'Khoa', 'Long', 'Minh',
  'Nam', 'Phong', 'Phúc', 'Quân', 'Quang', 'Sơn', 'Tài', 'Thắng', 'Thành', 'Trung', 'Tuấn', 'Tùng', 'Việt',
  'Vinh', 'Khánh', 'Kiên', 'Lâm', 'Lộc', 'Nghĩa', 'Nhân', 'Tâm', 'Thịnh', 'Toàn', 'Trí', 'Đạt', 'Duy',
  'Hưng', 'Bảo', 'Khang', 'Khôi', 'Phát', 'Hậu', 'Thái', 'Tiến', 'Vũ', 'Quý', 'Hòa',
];

export const FEMALE_GIVEN_NAMES: readonly string[] = [
  'Anh', 'Chi', 'Dung', 'Giang', 'Hà', 'Hằng', 'Hạnh', 'Hoa', 'Hương', 'Huyền', 'Lan', 'Linh', 'Loan',
  'Mai', 'My', 'Nga', 'Ngọc', 'Nhung', 'Oanh', 'Phương', 'Quỳnh', 'Thảo', 'Thủy', 'Trang', 'Trinh', 'Uyên',
  'Vân', 'Vy', 'Yến', 'Hiền', 'Hồng', 'Thu', 'Tâm', 'Nhi', 'Ngân', 'Thư', 'Diệp', 'Liên', 'Nhàn', 'Xuân',
  'Tuyết', 'Duyên', 'Lụa', 'Hậu',
];
