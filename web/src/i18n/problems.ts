/**
 * The server validates (BAD_USER_INPUT with extensions.problems, every field at fault) and the form
 * shows exactly those problems, so the app can never disagree with the hub about what is valid.
 * The hub words them in English; these patterns say the same in Vietnamese. A message no pattern
 * knows is shown as the hub wrote it rather than guessed at.
 */
const VIETNAMESE: [RegExp, string][] = [
  [/^is required$/, 'không được để trống'],
  [/^must be at most (\d+) characters \(got (\d+)\)$/, 'tối đa $1 ký tự (đang có $2)'],
  [/^must be at most (\d+) characters$/, 'tối đa $1 ký tự'],
  [/^must not be in the future$/, 'không được sau ngày hôm nay'],
  [/^must not be before the promulgation date$/, 'không được trước ngày ban hành'],
  [/^at least one recipient is required$/, 'cần ít nhất một nơi nhận'],
  [/^"(.*)" is listed twice$/, '"$1" bị nhập trùng'],
  [/^a document cannot be sent to its own sender$/, 'không thể gửi văn bản cho chính cơ quan gửi'],
  [/^"(.*)" is not an agency code$/, '"$1" không phải mã cơ quan'],
  [/^"(.*)" is not a 12-digit personal identification number$/, '"$1" không phải số định danh cá nhân 12 chữ số'],
  [/^"(.*)" is not a land parcel identifier$/, '"$1" không phải mã thửa đất'],
  [/^"(.*)" is not a document id$/, '"$1" không phải mã văn bản'],
  [/^agency (.*) is not in the directory$/, 'cơ quan $1 không có trong danh bạ'],
  [/^agency (.*) is no longer active and has no successor$/, 'cơ quan $1 đã ngừng hoạt động và không có đơn vị kế thừa'],
  [/^agency (.*) has been merged into the sender$/, 'cơ quan $1 đã được sáp nhập vào chính cơ quan gửi'],
  [/^document (.*) does not exist$/, 'văn bản $1 không tồn tại'],
  [/^is larger than the limit of (\d+) bytes per file$/, 'vượt quá giới hạn $1 byte cho mỗi tệp'],
  [/^is empty$/, 'tệp rỗng'],
  [/^is not valid base64$/, 'nội dung tệp không hợp lệ'],
  [/^must be at most 255 characters, without path separators or control characters$/, 'tên tệp tối đa 255 ký tự, không chứa dấu / \\ hay ký tự điều khiển'],
  [/^a reason is required to reject a document$/, 'cần ghi lý do khi từ chối văn bản'],
  [/^a reason for the recall is required$/, 'cần ghi lý do thu hồi'],
];

/** "attachments[1].contentBase64" → "attachments": the form field a problem belongs to. */
export function formField(problemField: string): string {
  return problemField.split(/[[.]/)[0];
}

export function problemMessage(message: string, lang: 'vi' | 'en'): string {
  if (lang === 'en') return message;
  for (const [pattern, replacement] of VIETNAMESE) if (pattern.test(message)) return message.replace(pattern, replacement);
  return message;
}
