/**
 * The date and time formats of edXML: dates `yyyy/MM/dd`, timestamps `yyyy/MM/dd HH:mm:ss`.
 * Timestamps carry no zone; the exchange runs on Vietnam time (UTC+07:00, no daylight saving), so they
 * are read and written as such, and "today" for a promulgation date is today in Vietnam.
 */
import { isCalendarDay } from '../../../shared/scalars';

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const EDXML_DATE = /^(\d{4})\/(\d{2})\/(\d{2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const EDXML_TIMESTAMP = /^(\d{4}\/\d{2}\/\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** '2019/01/16' → '2019-01-16'; null unless it is a real calendar date in edXML form. */
export function edxmlDateToIso(value: string): string | null {
  const match = EDXML_DATE.exec(value);
  return match && isRealDate(match) ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

/** '2019-01-16' → '2019/01/16'; throws RangeError unless it is a real calendar date. */
export function isoDateToEdxml(value: string): string {
  const match = ISO_DATE.exec(value);
  if (!match || !isRealDate(match)) throw new RangeError(`not a YYYY-MM-DD date: ${value}`);
  return `${match[1]}/${match[2]}/${match[3]}`;
}

/** '2018/09/28 14:05:00' → '2018-09-28T14:05:00+07:00'; null unless a real edXML timestamp. */
export function edxmlTimestampToIso(value: string): string | null {
  const match = EDXML_TIMESTAMP.exec(value);
  const date = match && edxmlDateToIso(match[1]);
  if (!match || !date || Number(match[2]) > 23 || Number(match[3]) > 59 || Number(match[4]) > 59) return null;
  return `${date}T${match[2]}:${match[3]}:${match[4]}+07:00`;
}

/** The instant `at` as an edXML timestamp in Vietnam time. */
export function toEdxmlTimestamp(at: Date): string {
  const iso = new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '/')} ${iso.slice(11, 19)}`;
}

/** Today's date in Vietnam at the instant `now`, as YYYY-MM-DD. */
export function vietnamDate(now: Date): string {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

function isRealDate([, y, m, d]: RegExpExecArray): boolean {
  return isCalendarDay(Number(y), Number(m), Number(d));
}
