/** The documents suite (documents.test.ts) again, on PostgreSQL + Redis, in a database of its own. */
import { onScaledStore } from '../helpers/scaled-store';

onScaledStore('documents suite', () => require('./documents.test'));
