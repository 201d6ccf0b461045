/**
 * The directory as hub operators change it (quản trị danh bạ): create, update, deactivate, and merge an
 * agency into its successor. Each change is checked by the import's own rules (directory.ts), written in
 * one transaction with its audit log entry, and allowed to OPERATOR callers only (authorization.ts).
 *
 * A deactivated agency receives nothing new (mail to it is refused, or routed to its successor by
 * send.ts) and its tokens stop working at once: every documents operation re-reads the caller's agency,
 * and the gateway forgets what it knew of the directory when it relays one of these mutations.
 */
import type { EntityManager } from '@mikro-orm/core';
import { requireIdentity } from '../../../shared/auth';
import { inTransaction } from '../../../shared/db';
import { badInput, conflict, forbidden, notFound, type FieldProblem } from '../../../shared/errors';
import { foldForSearch } from '../../../shared/text';
import { appendAudit, type AuditAction } from '../audit/audit-log';
import { agencyState } from '../audit/records';
import { mayChangeDirectory } from '../authorization';
import { forgetLoadedData, type DocumentsContext } from '../context';
import { Agency } from './agency.entity';
import { validateDirectoryEntry } from './directory';
import type { DirectoryEntry, DirectoryFields } from './directory-file';

/** The fields an operator writes; undefined keeps the stored value, null clears an optional one. */
export interface AgencyChanges {
  name?: string | null;
  parentCode?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: string | null;
  website?: string | null;
}

const EDITABLE = ['name', 'parentCode', 'email', 'phone', 'address', 'website'] as const;

function requireOperator(ctx: DocumentsContext): string {
  const identity = requireIdentity(ctx);
  if (!mayChangeDirectory(identity)) throw forbidden(`Only hub operators change the directory; the caller's role is ${identity.role}.`);
  return identity.sub;
}

/**
 * Runs one directory change in a transaction with its audit entry; the caller's later reads see it. `work`
 * returns the unit as it is to be stored, not managed by the unit of work: it is written with one insert
 * (`agency.created`) or update, not flushed (see inTransaction, shared/db.ts).
 */
async function change(
  ctx: DocumentsContext,
  action: AuditAction,
  work: (tx: EntityManager) => Promise<Agency>,
): Promise<Agency> {
  const operator = requireOperator(ctx);
  const agency = await inTransaction(ctx.deps.orm.em.fork(), async (tx) => {
    const changed = await work(tx);
    changed.updatedAt = ctx.deps.now();
    const state = agencyState(changed);
    const { code, ...fields } = state;
    const row = { ...fields, searchName: changed.searchName, updatedAt: changed.updatedAt };
    if (action === 'agency.created') await tx.insert(Agency, { code, ...row });
    else await tx.nativeUpdate(Agency, { code }, row);
    await appendAudit(tx, [{ actor: operator, role: 'OPERATOR', action, target: `agency:${code}`, state }], changed.updatedAt);
    return changed;
  });
  forgetLoadedData(ctx);
  ctx.deps.logger.info({ operator, action, agency: agency.code }, 'directory changed');
  return agency;
}

/** The unit, outside the unit of work: change() writes it itself. */
async function existing(tx: EntityManager, code: string): Promise<Agency> {
  const agency = await tx.findOne(Agency, { code }, { disableIdentityMap: true });
  if (!agency) throw notFound(`Agency ${code} is not in the directory.`);
  return agency;
}

/** The entry validated by the import's rules, plus: the parent exists and is not a descendant of the unit. */
async function validated(ctx: DocumentsContext, tx: EntityManager, fields: DirectoryFields): Promise<DirectoryEntry> {
  const entry = validateDirectoryEntry(ctx.deps.orm, fields);
  const problems: FieldProblem[] = Array.isArray(entry) ? [...entry] : [];
  if (!Array.isArray(entry) && entry.parentCode !== null) {
    const seen = new Set([entry.code]);
    let parent = await tx.findOne(Agency, { code: entry.parentCode });
    if (!parent) problems.push({ field: 'parentCode', message: `agency ${entry.parentCode} is not in the directory` });
    while (parent && !problems.length) {
      if (seen.has(parent.code)) problems.push({ field: 'parentCode', message: `${entry.parentCode} is below ${entry.code} in the directory: that would make a loop` });
      seen.add(parent.code);
      parent = parent.parentCode ? await tx.findOne(Agency, { code: parent.parentCode }) : null;
    }
  }
  if (problems.length || Array.isArray(entry)) throw badInput(problems);
  return entry;
}

function apply(agency: Agency, entry: DirectoryEntry): void {
  for (const field of EDITABLE) agency[field] = entry[field] as never;
  agency.searchName = foldForSearch(entry.name);
}

export function createAgency(ctx: DocumentsContext, input: AgencyChanges & { code: string }): Promise<Agency> {
  return change(ctx, 'agency.created', async (tx) => {
    const entry = await validated(ctx, tx, { ...input, active: true, successorCode: null });
    if (await tx.findOne(Agency, { code: entry.code })) throw conflict(`Agency ${entry.code} is already in the directory; use updateAgency.`);
    return tx.create(Agency, { ...entry, searchName: foldForSearch(entry.name), updatedAt: ctx.deps.now() }, { persist: false });
  });
}

export function updateAgency(ctx: DocumentsContext, code: string, input: AgencyChanges): Promise<Agency> {
  return change(ctx, 'agency.updated', async (tx) => {
    const agency = await existing(tx, code);
    const merged: DirectoryFields = { ...agencyState(agency) };
    for (const field of EDITABLE) if (input[field] !== undefined) merged[field] = input[field];
    apply(agency, await validated(ctx, tx, merged));
    return agency;
  });
}

export function deactivateAgency(ctx: DocumentsContext, code: string): Promise<Agency> {
  return change(ctx, 'agency.deactivated', async (tx) => {
    const agency = await existing(tx, code);
    if (!agency.active) throw conflict(`Agency ${code} is already inactive.`);
    agency.active = false;
    return agency;
  });
}

/** The agency is deactivated (if it was not) and documents addressed to it go to its successor from now on. */
export function mergeAgency(ctx: DocumentsContext, code: string, successorCode: string): Promise<Agency> {
  return change(ctx, 'agency.merged', async (tx) => {
    const agency = await existing(tx, code);
    if (successorCode === code) throw badInput([{ field: 'successorCode', message: 'an agency cannot be its own successor' }]);
    const successor = await tx.findOne(Agency, { code: successorCode });
    if (!successor) throw badInput([{ field: 'successorCode', message: `agency ${successorCode} is not in the directory` }]);
    if (!successor.active) throw badInput([{ field: 'successorCode', message: `agency ${successorCode} is inactive: merge into the agency that took over its duties` }]);
    if (!agency.active && agency.successorCode === successorCode) throw conflict(`Agency ${code} is already merged into ${successorCode}.`);
    agency.active = false;
    agency.successorCode = successorCode;
    return agency;
  });
}
