import type { EntityManager } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';
import { requireIdentity } from '../../../shared/auth';
import { forbidden, unauthenticated } from '../../../shared/errors';
import { decodeCursor, encodeCursor, pageSize, toConnection, type Connection } from '../../../shared/pagination';
import { actsAsAgency } from '../authorization';
import type { DocumentsContext, DocumentsDeps } from '../context';
import { Agency } from './agency.entity';
import { indexAfter, matchingCodes, matchingOf, searchTerms, type SearchTerms } from './agency-search';
import { applyChanges, directoryChanges, directoryRevision, SearchableDirectory, SearchResults } from './search-cache';

/**
 * The calling agency, for operations only an agency may perform. A token whose agency has left the
 * directory or been deactivated stops working at once, whatever its expiry.
 */
export async function requireCallerAgency(ctx: DocumentsContext): Promise<Agency> {
  const identity = requireIdentity(ctx);
  if (!actsAsAgency(identity)) throw forbidden(`Only an agency can do this; the caller's role is ${identity.role}.`);
  const agency = await ctx.loaders.agency.load(identity.sub);
  if (!agency) throw unauthenticated(`The token's agency ${identity.sub} is not in the directory.`);
  if (!agency.active) throw unauthenticated(`Agency ${identity.sub} has been deactivated; its tokens no longer work.`);
  return agency;
}

/** Before any operation: an AGENCY caller's agency must still be in the directory and active. */
export async function admitCaller(ctx: DocumentsContext): Promise<void> {
  if (actsAsAgency(requireIdentity(ctx))) await requireCallerAgency(ctx);
}

export interface AgencyFilter {
  search?: string | null;
  parentCode?: string | null;
  first: number;
  after?: string | null;
}

/** What the search keeps, per documents instance (its database). */
interface DirectorySearch {
  directory: SearchableDirectory;
  results: SearchResults;
}

const directorySearches = new WeakMap<DocumentsDeps, DirectorySearch>();

function directorySearchOf(deps: DocumentsDeps): DirectorySearch {
  let search = directorySearches.get(deps);
  if (!search) {
    search = { directory: new SearchableDirectory(), results: new SearchResults(deps.config.directorySearchCacheCodes) };
    directorySearches.set(deps, search);
  }
  return search;
}

/**
 * The directory, ordered by code (a search's results as JavaScript compares codes, agency-search.ts); `search`
 * matches names without diacritics and code prefixes.
 */
export async function listAgencies(ctx: DocumentsContext, filter: AgencyFilter): Promise<Connection<Agency>> {
  const first = pageSize(filter.first, 50);
  const em = ctx.deps.orm.em;
  const knex = em.getKnex();
  const after = filter.after != null ? decodeCursor('agency', filter.after) : null;
  let page: string[];
  let totalCount: () => Promise<number>;
  const terms = searchTerms(filter.search);
  if (terms) {
    const matches = await searchMatches(ctx, terms, filter);
    // Past the cursor's unit, or where it was if it no longer matches (the directory changed while paging).
    const start = after === null ? 0 : indexAfter(matches, after);
    page = matches.slice(start, start + first + 1);
    totalCount = async () => matches.length;
  } else {
    const base = agenciesUnder(knex, filter.parentCode);
    const q = base.clone().select('code');
    if (after !== null) q.where('code', '>', after);
    page = await codesOf(q.orderBy('code').limit(first + 1));
    totalCount = async () => {
      const [{ n }] = await base.clone().count({ n: '*' });
      return Number(n);
    };
  }
  const agencies = await ctx.loaders.agency.loadMany(page);
  const rows = agencies.filter((a): a is Agency => a instanceof Agency);
  return toConnection(rows, first, (a) => encodeCursor('agency', a.code), totalCount);
}

/** The directory's units under `parentCode`, or all of them. */
function agenciesUnder(knex: Knex, parentCode: string | null | undefined): Knex.QueryBuilder {
  const q = knex('agency');
  if (parentCode != null) q.where('parent_code', parentCode);
  return q;
}

async function codesOf(q: Knex.QueryBuilder): Promise<string[]> {
  const rows: { code: string }[] = await q;
  return rows.map((r) => r.code);
}

/**
 * Every code the search of `filter` matches, ordered by code (as JavaScript compares): kept from an earlier
 * search at the directory's revision, brought up to date with the units changed since when there are few,
 * or scanned from the directory held in memory (search-cache.ts).
 */
async function searchMatches(ctx: DocumentsContext, terms: SearchTerms, filter: AgencyFilter): Promise<string[]> {
  const { directory, results } = directorySearchOf(ctx.deps);
  const knex = ctx.deps.orm.em.getKnex();
  const key = JSON.stringify([filter.search, filter.parentCode ?? null]);
  // The revision before the units: see search-cache.ts.
  const revision = await directoryRevision(knex);
  const kept = results.get(key);
  if (kept?.revision === revision) return kept.codes;
  const snapshot = await directory.at(knex, revision);
  const changed = kept && kept.revision < revision ? await directoryChanges(knex, kept.revision, revision) : null;
  const codes =
    kept && changed
      ? applyChanges(kept.codes, changed, matchingOf(snapshot.directory, changed, terms, filter.parentCode))
      : matchingCodes(snapshot.directory, terms, filter.parentCode);
  results.set(revision, key, codes);
  return codes;
}

/**
 * The agency that now receives mail addressed to `agency`: itself if active, else the end of its
 * successor chain. Null when the chain ends at an inactive agency with no successor.
 */
export async function currentAddressee(em: EntityManager, agency: Agency): Promise<Agency | null> {
  let current: Agency | null = agency;
  const seen = new Set<string>();
  while (current && !current.active) {
    if (!current.successorCode || seen.has(current.code)) return null;
    seen.add(current.code);
    current = await em.findOne(Agency, { code: current.successorCode });
  }
  return current;
}
