import 'reflect-metadata';
import type { Config } from '../../config';
import type { Orm } from '../../shared/db';
import type { RunningServer } from '../../shared/subgraph-server';
import { populationDataset } from './dataset';
import { populationContext } from './loaders';
import { buildPopulationSchema } from './schema';
import { startSyntheticSubgraph, type SubgraphStartOptions } from '../../shared/synthetic';

/**
 * The population subgraph on <dataDir>/population.sqlite; config.populationScale synthetic citizens
 * are generated on the first start.
 */
export function startPopulationSubgraph(config: Config, options: SubgraphStartOptions = {}): Promise<RunningServer & { orm: Orm }> {
  return startSyntheticSubgraph(config, options, {
    dataset: populationDataset,
    buildSchema: buildPopulationSchema,
    context: populationContext,
  });
}
