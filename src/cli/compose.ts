/**
 * `node dist/src/cli/compose.js` (the last step of `npm run schema:print`): writes
 * schema/supergraph.graphql from the committed subgraph SDL files (schema/documents.graphql,
 * population.graphql, land.graphql), routed to the loopback ports `npm start` uses. Fails with the
 * list of composition errors.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config';
import { composeFromFiles, CompositionError, defaultSubgraphUrls, SUPERGRAPH_FILE } from '../gateway/compose';

try {
  const supergraph = composeFromFiles(defaultSubgraphUrls(loadConfig()));
  fs.writeFileSync(SUPERGRAPH_FILE, supergraph.endsWith('\n') ? supergraph : `${supergraph}\n`);
  console.log(`wrote ${path.relative(process.cwd(), SUPERGRAPH_FILE)}`);
} catch (e) {
  console.error(e instanceof CompositionError ? e.message : e);
  process.exitCode = 1;
}
