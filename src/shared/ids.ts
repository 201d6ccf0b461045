/**
 * Identifier formats checked in more than one place, defined once.
 */

const ROW_ID = /^[1-9]\d{0,15}$/;
const PERSONAL_ID = /^\d{12}$/;

/**
 * A row id as the API shows it (a Document or Delivery ID, "123"): a positive integer small enough to
 * be exact in a JS number. Null for anything else — such an id can only find nothing.
 */
export function parseRowId(id: string): number | null {
  return ROW_ID.test(id) ? Number(id) : null;
}

/** A personal identification number (số định danh cá nhân): 12 digits, the first 3 the province. */
export function isPersonalId(value: string): boolean {
  return PERSONAL_ID.test(value);
}
