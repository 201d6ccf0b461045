import type { Orm } from '../../shared/db';
import { badInput } from '../../shared/errors';
import { isPersonalId } from '../../shared/ids';
import type { Connection } from '../../shared/pagination';
import { foldForSearch } from '../../shared/text';
import { columnOf, readEntities } from '../../shared/read';
import { Citizen } from './citizen.entity';
import { provinceNamed } from './places';
import { containsPattern, likeCondition } from '../../shared/like';
import { keysetPage, type PageRequest } from '../../shared/search';

const CURSOR_KIND = 'citizen';

/** Throws BAD_USER_INPUT naming `field` unless `value` is a personal id. */
export function assertPersonalId(value: string, field: string): void {
  if (!isPersonalId(value)) throw badInput([{ field, message: 'must be a 12-digit personal identification number' }]);
}

/**
 * Citizens by personal id, in one statement read without the unit of work (read.ts: the gateway asks
 * for every citizen an inbox page names); unknown ids are simply absent from the map.
 */
export async function citizensByIds(orm: Orm, ids: readonly string[]): Promise<Map<string, Citizen>> {
  const rows = await readEntities(orm, Citizen, (q) => q.whereIn(columnOf(orm, Citizen, 'personalId'), [...ids]));
  return new Map(rows.map((c) => [c.personalId, c]));
}

export interface CitizenSearch extends PageRequest {
  residence?: string | null;
  name?: string | null;
}

/**
 * Citizens in personal-id order, filtered by substrings of residence and full name, diacritics ignored.
 * A residence that names a province ("ha noi", "Tỉnh Nghệ An") is read as that province and served by
 * the (province_code, personal_id) index instead of a substring scan; no commune or district names
 * another province (a unit test checks the generator's places), so both readings find the same people.
 */
export function searchCitizens(orm: Orm, search: CitizenSearch): Promise<Connection<Citizen>> {
  const column = (property: keyof Citizen & string) => columnOf(orm, Citizen, property);
  const province = search.residence == null ? undefined : provinceNamed(foldForSearch(search.residence));
  return keysetPage(orm, Citizen, 'personalId', CURSOR_KIND, search, (q) => {
    if (province) q.where(column('provinceCode'), province.code);
    else if (search.residence != null) q.whereRaw(likeCondition(column('searchResidence')), [containsPattern(search.residence)]);
    if (search.name != null) q.whereRaw(likeCondition(column('searchName')), [containsPattern(search.name)]);
    return q;
  });
}
