/**
 * `node dist/src/cli/compose.js` (the last step of `npm run schema:print`): writes
 * schema/supergraph.graphql (and schema/api.graphql, the API schema clients see) from the committed subgraph SDL files (schema/documents.graphql,
 * population.graphql, land.graphql), routed to the loopback ports `npm start` uses. Fails with the
 * list of composition errors.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config';
import { API_SCHEMA_FILE, composeFromFiles, CompositionError, defaultSubgraphUrls, SUPERGRAPH_FILE } from '../gateway/compose';

const withNewline = (sdl: string) => (sdl.endsWith('\n') ? sdl : `${sdl}\n`);

try {
  const { supergraphSdl, publicSdl } = composeFromFiles(defaultSubgraphUrls(loadConfig()));
  for (const [file, sdl] of [[SUPERGRAPH_FILE, supergraphSdl], [API_SCHEMA_FILE, publicSdl]]) {
    fs.writeFileSync(file, withNewline(sdl));
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
} catch (e) {
  console.error(e instanceof CompositionError ? e.message : e);
  process.exitCode = 1;
}
