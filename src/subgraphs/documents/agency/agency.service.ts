import type { EntityManager } from '@mikro-orm/core';
import { requireIdentity } from '../../../shared/auth';
import { forbidden, unauthenticated } from '../../../shared/errors';
import { decodeCursor, encodeCursor, pageSize, toConnection, type Connection } from '../../../shared/pagination';
import { isPostgres } from '../../../shared/db';
import { actsAsAgency } from '../authorization';
import type { DocumentsContext } from '../context';
import { Agency } from './agency.entity';
import { whereAgencyMatches } from './agency-search';

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

/** The directory, ordered by code; `search` matches names without diacritics and code prefixes (agency-search.ts). */
export async function listAgencies(ctx: DocumentsContext, filter: AgencyFilter): Promise<Connection<Agency>> {
  const first = pageSize(filter.first, 50);
  const em = ctx.deps.orm.em;
  const knex = em.getKnex();
  const base = knex('agency');
  if (filter.parentCode != null) base.where('parent_code', filter.parentCode);
  const indexed = whereAgencyMatches(base, filter.search, isPostgres(em));
  // Ordering matches found through the index by code reads them all: the total is counted from that read.
  // Otherwise the page is read in code order, stopping at `first`, and the total only when asked for.
  const page = indexed
    ? knex.withMaterialized('matches', base.clone().select('code')).from('matches').select('code', knex.raw('(select count(*) from matches) as total'))
    : base.clone().select('code');
  if (filter.after != null) page.where('code', '>', decodeCursor('agency', filter.after));
  const found: { code: string; total?: number | string }[] = await page.orderBy('code').limit(first + 1);
  const agencies = await ctx.loaders.agency.loadMany(found.map((r) => r.code));
  const rows = agencies.filter((a): a is Agency => a instanceof Agency);
  return toConnection(rows, first, (a) => encodeCursor('agency', a.code), async () => {
    if (found[0]?.total !== undefined) return Number(found[0].total);
    const [{ n }] = await base.clone().count({ n: '*' });
    return Number(n);
  });
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
