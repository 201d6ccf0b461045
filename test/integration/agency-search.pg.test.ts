/** The directory search suite (agency-search.test.ts) again, on PostgreSQL, in a database of its own. */
import { onScaledStore } from '../helpers/scaled-store';

onScaledStore('directory search suite', () => require('./agency-search.test'));
