/**
 * The hub's subgraphs and how each starts, for the commands that run them (`npm start`, `start:subgraph`).
 * A new subgraph is one more line here and in compose.ts's SUBGRAPH_NAMES.
 */
import type { Config } from '../config';
import type { RunningServer } from '../shared/subgraph-server';
import { startDocumentsSubgraph } from '../subgraphs/documents/server';
import { startLandSubgraph } from '../subgraphs/land/server';
import { startPopulationSubgraph } from '../subgraphs/population/server';
import type { SubgraphName } from './compose';

/** Starts one subgraph; without a port, on its config.subgraphPorts one. */
export type SubgraphStarter = (config: Config, options?: { port?: number }) => Promise<RunningServer>;

export const SUBGRAPH_STARTERS: Record<SubgraphName, SubgraphStarter> = {
  documents: startDocumentsSubgraph,
  population: startPopulationSubgraph,
  land: startLandSubgraph,
};
