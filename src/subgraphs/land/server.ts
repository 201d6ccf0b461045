import 'reflect-metadata';
import type { Config } from '../../config';
import type { Orm } from '../../shared/db';
import type { RunningServer } from '../../shared/subgraph-server';
import { startSyntheticSubgraph, type SubgraphStartOptions } from '../../shared/synthetic';
import { landDataset } from './dataset';
import { landContext } from './loaders';
import { buildLandSchema } from './schema';

/**
 * The land subgraph on <dataDir>/land.sqlite; the parcels of the config.populationScale synthetic
 * citizens are generated on the first start.
 */
export function startLandSubgraph(config: Config, options: SubgraphStartOptions = {}): Promise<RunningServer & { orm: Orm }> {
  return startSyntheticSubgraph(config, options, {
    dataset: landDataset,
    buildSchema: buildLandSchema,
    context: landContext,
  });
}
