import path from 'node:path';
import type { Config } from '../../config';
import { openDatabase, type Orm } from '../../shared/db';
import { Agency } from './agency/agency.entity';
import { Attachment } from './document/attachment.entity';
import { Document, DocumentCitizen, DocumentParcel } from './document/document.entity';
import { Delivery, StatusEvent } from './delivery/delivery.entity';
import { Migration20261127000000Initial } from './migrations/Migration20261127000000Initial';

export const DOCUMENTS_ENTITIES = [Agency, Document, DocumentCitizen, DocumentParcel, Attachment, Delivery, StatusEvent];

/** Opens (creating and migrating if needed) the documents database under the data dir. */
export function openDocumentsDatabase(config: Config, onQuery?: (sql: string) => void): Promise<Orm> {
  return openDatabase({
    file: path.join(config.dataDir, 'documents.sqlite'),
    entities: DOCUMENTS_ENTITIES,
    migrations: [{ name: 'Migration20261127000000Initial', class: Migration20261127000000Initial }],
    onQuery,
  });
}
