/**
 * Agency codes (mã định danh cơ quan).
 *
 * Two schemes are in use at once: QĐ 20/2020/QĐ-TTg, which every connected system must accept
 * (up to 35 characters, dot-separated groups of 0-9 and A-Z, e.g. the three-group `28.22.H17` seen in
 * the platform's own sample), and the older, stricter QCVN 102:2016 layout `LLL.KK.JJ.Xnn`, which is
 * only checked where a code claims to follow it (e.g. a directory's `code102` column).
 */

const MAX_AGENCY_CODE_LENGTH = 35;
const QD20_PATTERN = /^[0-9A-Z]+(\.[0-9A-Z]+)*$/;
const QCVN102_PATTERN = /^(\d{3})\.(\d{2})\.(\d{2})\.([A-Z]\d{2})$/;

/** True when `code` is a well-formed agency code under QĐ 20/2020/QĐ-TTg. */
export function isValidAgencyCode(code: string): boolean {
  return code.length <= MAX_AGENCY_CODE_LENGTH && QD20_PATTERN.test(code);
}

/**
 * True when `code` follows QCVN 102:2016: `LLL.KK.JJ.Xnn`, read right to left as level 1 (a group
 * letter and two digits), then levels 2, 3 and 4. An all-zero segment means "not that deep", so once
 * a level is zero every level left of it must be zero too: 000.00.18.G12 is valid, 001.00.18.G12 is not.
 */
export function isQcvn102Code(code: string): boolean {
  const match = QCVN102_PATTERN.exec(code);
  if (!match) return false;
  // Levels 4, 3, 2 from left to right: a non-zero level may only sit under non-zero levels.
  const levels = [match[1], match[2], match[3]].map((segment) => Number(segment) !== 0);
  return levels.every((nonZero, i) => !nonZero || levels.slice(i + 1).every(Boolean));
}

/**
 * The code of the unit directly above `code` in the QCVN 102 tree: the deepest non-zero level is
 * zeroed (000.00.18.G12 → 000.00.00.G12). Null for a top-level code (only level 1 set), and for a
 * code that is not QCVN 102, since a QĐ 20 code carries no parent in its shape.
 */
export function parentOfQcvn102Code(code: string): string | null {
  if (!isQcvn102Code(code)) return null;
  const segments = code.split('.');
  const deepest = segments.slice(0, 3).findIndex((segment) => Number(segment) !== 0);
  if (deepest === -1) return null;
  segments[deepest] = '0'.repeat(segments[deepest].length);
  return segments.join('.');
}
