/**
 * Folds Vietnamese text for search: lower case, diacritics removed, đ -> d, runs of space collapsed,
 * so "Hà Nội", "HA NOI" and "ha  noi" compare equal.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
