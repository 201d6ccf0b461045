/** The blob store suite (blob-store.test.ts) again, on PostgreSQL + Redis, in a database of its own. */
import { onScaledStore } from '../helpers/scaled-store';

onScaledStore('blob store', () => require('./blob-store.test'));
