/** The live-events suite (documents-live.test.ts) again, on PostgreSQL + Redis, in a database of its own. */
import { onScaledStore } from '../helpers/scaled-store';

onScaledStore('live-events suite', () => require('./documents-live.test'));
