/**
 * `node dist/src/cli/print-schema.js [name ...]`: writes each subgraph's SDL, exactly as its schema
 * builder prints it, to schema/<name>.graphql (all subgraphs when no name is given). The committed
 * files are what the gateway composes and what the drift tests compare with the code.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { SCHEMA_DIR } from '../gateway/compose';
import { buildDocumentsSchema } from '../subgraphs/documents/schema';
import { buildLandSchema } from '../subgraphs/land/schema';
import { buildPopulationSchema } from '../subgraphs/population/schema';
import type { SubgraphSchema } from '../shared/subgraph-schema';

/** Every subgraph with committed SDL; a new subgraph is one more line. */
const SUBGRAPHS: Record<string, () => Promise<SubgraphSchema>> = {
  documents: buildDocumentsSchema,
  population: buildPopulationSchema,
  land: buildLandSchema,
};

async function main(names: string[]): Promise<void> {
  const unknown = names.filter((n) => !(n in SUBGRAPHS));
  if (unknown.length) throw new Error(`unknown subgraph ${unknown.join(', ')}; known: ${Object.keys(SUBGRAPHS).join(', ')}`);
  for (const name of names.length ? names : Object.keys(SUBGRAPHS)) {
    const file = path.join(SCHEMA_DIR, `${name}.graphql`);
    fs.writeFileSync(file, (await SUBGRAPHS[name as keyof typeof SUBGRAPHS]()).sdl);
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
