/**
 * The tamper-evident audit log (nhật ký kiểm toán): every send, status change, recall and directory
 * change is appended, in the transaction of the change itself, to a hash chain — each entry carries the
 * SHA-256 of the previous one, over a canonical serialization — so editing, deleting or inserting an
 * entry anywhere breaks every hash after it (`npm run audit:verify`, verify.ts).
 *
 * One chain, never forked. Appends read the head and write the next seq in the same transaction, and
 * are serialized: on SQLite by its single writer (one connection per process; the seq primary key turns
 * a second process's racing append into a failed transaction, never a fork); on PostgreSQL by a
 * transaction-scoped advisory lock taken before the head is read. That lock is always the last one a
 * transaction takes (after event-log.ts's), so the two cannot deadlock.
 */
import type { EntityManager } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';
import { inTransaction, isPostgres, statementSlices } from '../../../shared/db';
import { sha256Hex } from '../../../shared/digest';
import type { Role } from '../../../shared/identity';

export const AUDIT_TABLE = 'audit_entry';

export type AuditAction =
  | 'audit.started'
  | 'document.sent'
  | 'delivery.moved'
  | 'delivery.recalled'
  | 'delivery.recall_answered'
  | 'agency.created'
  | 'agency.updated'
  | 'agency.deactivated'
  | 'agency.merged'
  | 'directory.seeded'
  | 'directory.imported';

/** What a change appends: who did what to which record, and the record's state afterwards. */
export interface AuditInput {
  /** The agency code or user id of the caller; "hub" for the hub's own work (seeding, import). */
  actor: string;
  role: Role | 'SYSTEM';
  action: AuditAction;
  /** kind:id of the record, e.g. document:12, delivery:40, agency:000.00.00.G22. */
  target: string;
  state: Record<string, unknown>;
}

export interface AuditEntry extends AuditInput {
  seq: number;
  /** ISO 8601, UTC. */
  at: string;
  prevHash: string;
  hash: string;
}

/** The "previous hash" of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every level and no insignificant whitespace, so one value has exactly
 * one serialization whatever the order its keys were written in (a hand-written 10 lines: no canonical-
 * JSON package is a dependency, and none may be installed here).
 */
export function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const fields = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    fields.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${fields.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The hash of an entry: SHA-256 over the canonical form of everything in it, the previous hash included. */
export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const { seq, at, actor, role, action, target, state, prevHash } = entry;
  return sha256Hex(canonicalJson({ seq, at, actor, role, action, target, state, prevHash }));
}

/** Links inputs onto the chain after `head` (null for an empty log): pure. */
export function chainEntries(head: { seq: number; hash: string } | null, inputs: AuditInput[], at: string): AuditEntry[] {
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  return inputs.map((input) => {
    seq += 1;
    const hash = entryHash({ ...input, seq, at, prevHash });
    const entry = { ...input, seq, at, prevHash, hash };
    prevHash = hash;
    return entry;
  });
}

export function toRow(e: AuditEntry): Record<string, unknown> {
  return {
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    actor_role: e.role,
    action: e.action,
    target: e.target,
    state: canonicalJson(e.state),
    prev_hash: e.prevHash,
    hash: e.hash,
  };
}

/** pg_advisory_xact_lock's key: the two int4 halves spell "LT" "audt". */
const AUDIT_LOCK = [0x4c54, 0x61756474] as const;

/**
 * For writers on knex's query builder (the directory seed and import): runs `work` in one transaction
 * and appends the entry it returns (null when it changed nothing) in that same transaction.
 */
export function inAuditedTransaction<T>(
  em: EntityManager,
  work: (trx: Knex.Transaction) => Promise<{ result: T; audit: AuditInput | null }>,
): Promise<T> {
  return inTransaction(em.fork(), async (tx) => {
    const { result, audit } = await work(tx.getTransactionContext<Knex.Transaction>()!);
    if (audit) await appendAudit(tx, [audit], new Date());
    return result;
  });
}

/**
 * Appends entries inside `tx`'s transaction — the one writing the change they record, so a rolled-back
 * change leaves no entry and a committed one always has its entry.
 */
export async function appendAudit(tx: EntityManager, inputs: AuditInput[], at: Date): Promise<void> {
  if (!inputs.length) return;
  const trx = tx.getTransactionContext<Knex.Transaction>();
  if (!trx) throw new Error('audit entries are appended inside the transaction of the change they record');
  if (isPostgres(tx)) await trx.raw('select pg_advisory_xact_lock(?, ?)', [...AUDIT_LOCK]);
  const head: { seq: number; hash: string } | undefined = await trx(AUDIT_TABLE).select('seq', 'hash').orderBy('seq', 'desc').first();
  const rows = chainEntries(head ? { seq: Number(head.seq), hash: head.hash } : null, inputs, at.toISOString()).map(toRow);
  for (const slice of statementSlices(rows)) await trx(AUDIT_TABLE).insert(slice);
}
