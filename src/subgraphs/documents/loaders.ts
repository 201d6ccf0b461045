/**
 * The per-request DataLoaders: every relation is loaded in batches, so a page of N deliveries costs a
 * fixed number of SQL statements whatever N is. Batches read without an identity map (read.ts), so a
 * long-lived (subscription) context never serves a stale entity from one.
 */
import DataLoader from 'dataloader';
import type { EntityClass } from '@mikro-orm/core';
import type { Orm } from '../../shared/db';
import { columnOf, readEntities } from '../../shared/read';
import { Agency } from './agency/agency.entity';
import { Attachment } from './document/attachment.entity';
import { Document, DocumentCitizen, DocumentParcel } from './document/document.entity';
import { Delivery, StatusEvent } from './delivery/delivery.entity';
import { EdxmlReceipt, EdxmlStatusReceipt } from './interop/edxml-receipt.entity';

export interface Loaders {
  agency: DataLoader<string, Agency | null>;
  document: DataLoader<number, Document | null>;
  delivery: DataLoader<number, Delivery | null>;
  deliveriesByDocument: DataLoader<number, Delivery[]>;
  attachmentsByDocument: DataLoader<number, Attachment[]>;
  attachment: DataLoader<number, Attachment | null>;
  historyByDelivery: DataLoader<number, StatusEvent[]>;
  statusEvent: DataLoader<number, StatusEvent | null>;
  citizensByDocument: DataLoader<number, DocumentCitizen[]>;
  parcelsByDocument: DataLoader<number, DocumentParcel[]>;
  edxmlReceipt: DataLoader<number, EdxmlReceipt | null>;
  edxmlStatusReceipt: DataLoader<number, EdxmlStatusReceipt | null>;
}

/** Uncached (live) loaders get one key many times in a batch: once per subscriber. */
function distinct<K>(keys: readonly K[]): K[] {
  return [...new Set(keys)];
}

export function createLoaders(orm: Orm, live: boolean): Loaders {
  const options = { cache: !live, maxBatchSize: 500 };

  function byKey<E extends object, K extends string | number>(entity: EntityClass<E>, key: keyof E & string) {
    return new DataLoader<K, E | null>(async (keys) => {
      const rows = await readEntities(orm, entity, (q) => q.whereIn(columnOf(orm, entity, key), distinct(keys)));
      const map = new Map(rows.map((r) => [r[key] as unknown as K, r]));
      return keys.map((k) => map.get(k) ?? null);
    }, options);
  }

  function groupedBy<E extends object>(entity: EntityClass<E>, key: keyof E & string, orderBy: keyof E & string) {
    return new DataLoader<number, E[]>(async (keys) => {
      const rows = await readEntities(orm, entity, (q) => q.whereIn(columnOf(orm, entity, key), distinct(keys)).orderBy(columnOf(orm, entity, orderBy)));
      const groups = new Map<number, E[]>(keys.map((k) => [k, []]));
      for (const r of rows) groups.get(r[key] as unknown as number)?.push(r);
      return keys.map((k) => groups.get(k) ?? []);
    }, options);
  }

  return {
    agency: byKey<Agency, string>(Agency, 'code'),
    document: byKey<Document, number>(Document, 'id'),
    delivery: byKey<Delivery, number>(Delivery, 'id'),
    attachment: byKey<Attachment, number>(Attachment, 'id'),
    deliveriesByDocument: groupedBy(Delivery, 'documentId', 'id'),
    attachmentsByDocument: groupedBy(Attachment, 'documentId', 'id'),
    historyByDelivery: groupedBy(StatusEvent, 'deliveryId', 'id'),
    statusEvent: byKey<StatusEvent, number>(StatusEvent, 'id'),
    citizensByDocument: groupedBy(DocumentCitizen, 'documentId', 'personalId'),
    parcelsByDocument: groupedBy(DocumentParcel, 'documentId', 'parcelId'),
    edxmlReceipt: byKey<EdxmlReceipt, number>(EdxmlReceipt, 'documentId'),
    edxmlStatusReceipt: byKey<EdxmlStatusReceipt, number>(EdxmlStatusReceipt, 'statusEventId'),
  };
}
