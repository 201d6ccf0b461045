/**
 * The hub's subgraphs: how each starts (`npm start`, `start:subgraph`) and builds its SDL (schema/).
 * A new subgraph is one more line here and in compose.ts's SUBGRAPH_NAMES.
 */
import 'reflect-metadata';
import type { Config } from '../config';
import type { SubgraphSchema } from '../shared/subgraph-schema';
import type { RunningServer } from '../shared/subgraph-server';
import { buildDocumentsSchema } from '../subgraphs/documents/schema';
import { startDocumentsSubgraph } from '../subgraphs/documents/server';
import { buildLandSchema } from '../subgraphs/land/schema';
import { startLandSubgraph } from '../subgraphs/land/server';
import { buildPopulationSchema } from '../subgraphs/population/schema';
import { startPopulationSubgraph } from '../subgraphs/population/server';
import type { SubgraphName } from './compose';

/** Starts one subgraph; without a port, on its config.subgraphPorts one. */
export type SubgraphStarter = (config: Config, options?: { port?: number }) => Promise<RunningServer>;

export const SUBGRAPH_STARTERS: Record<SubgraphName, SubgraphStarter> = {
  documents: startDocumentsSubgraph,
  population: startPopulationSubgraph,
  land: startLandSubgraph,
};

/** Each subgraph's schema builder: what schema/<name>.graphql must equal. */
export const SUBGRAPH_SCHEMAS: Record<SubgraphName, () => Promise<SubgraphSchema>> = {
  documents: buildDocumentsSchema,
  population: buildPopulationSchema,
  land: buildLandSchema,
};
