import path from 'node:path';
import type { Config } from '../../config';
import { openDatabase, type Orm } from '../../shared/db';
import { Agency } from './agency/agency.entity';
import { Attachment } from './document/attachment.entity';
import { Document, DocumentCitizen, DocumentParcel } from './document/document.entity';
import { Delivery, StatusEvent } from './delivery/delivery.entity';
import { EdxmlReceipt, EdxmlStatusReceipt } from './interop/edxml-receipt.entity';
import { Migration20261127000000Initial } from './migrations/Migration20261127000000Initial';
import { Migration20261128000000Edxml } from './migrations/Migration20261128000000Edxml';
import { Migration20261128100000AuditLog } from './migrations/Migration20261128100000AuditLog';
import { Migration20261129000000AgencySearch } from './migrations/Migration20261129000000AgencySearch';
import { Migration20261130000000Blob } from './migrations/Migration20261130000000Blob';
import { Migration20261201000000DirectoryRevision } from './migrations/Migration20261201000000DirectoryRevision';
import { Migration20261202000000DirectoryChanges } from './migrations/Migration20261202000000DirectoryChanges';
import { Migration20261203000000SearchInMemory } from './migrations/Migration20261203000000SearchInMemory';

export const DOCUMENTS_ENTITIES = [Agency, Document, DocumentCitizen, DocumentParcel, Attachment, Delivery, StatusEvent, EdxmlReceipt, EdxmlStatusReceipt];

/** Opens (creating and migrating if needed) the documents database: under the data dir, or on PostgreSQL. */
export function openDocumentsDatabase(config: Config, onQuery?: (sql: string) => void): Promise<Orm> {
  return openDatabase({
    file: path.join(config.dataDir, 'documents.sqlite'),
    url: config.databaseUrl || undefined,
    schema: 'documents',
    synchronous: config.sqliteSynchronous,
    // Every send writes its attachments into the log (~130 KB each): copying them on is the busiest part of a commit.
    backgroundCheckpoints: true,
    entities: DOCUMENTS_ENTITIES,
    migrations: [
      { name: 'Migration20261127000000Initial', class: Migration20261127000000Initial },
      { name: 'Migration20261128000000Edxml', class: Migration20261128000000Edxml },
      { name: 'Migration20261128100000AuditLog', class: Migration20261128100000AuditLog },
      { name: 'Migration20261129000000AgencySearch', class: Migration20261129000000AgencySearch },
      { name: 'Migration20261130000000Blob', class: Migration20261130000000Blob },
      { name: 'Migration20261201000000DirectoryRevision', class: Migration20261201000000DirectoryRevision },
      { name: 'Migration20261202000000DirectoryChanges', class: Migration20261202000000DirectoryChanges },
      { name: 'Migration20261203000000SearchInMemory', class: Migration20261203000000SearchInMemory },
    ],
    onQuery,
  });
}
