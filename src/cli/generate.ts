/**
 * `node dist/src/cli/generate.js [--scale N]`: generates, or replaces, the synthetic population and land
 * datasets for N citizens (default LIENTHONG_POPULATION_SCALE) in <dataDir>/population.sqlite and
 * land.sqlite. Idempotent: a dataset that already holds the data for N is left as it is.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { landDataset } from '../subgraphs/land/dataset';
import { populationDataset } from '../subgraphs/population/dataset';
import { openDataset } from '../shared/synthetic';

/** Land after population: its owners are drawn from the same citizens. */
const DATASETS = [populationDataset, landDataset];

function scaleFrom(args: string[], fallback: number): number {
  const { values } = parseArgs({ args, options: { scale: { type: 'string' } } });
  if (values.scale === undefined) return fallback;
  const scale = Number(values.scale);
  if (!Number.isInteger(scale) || scale < 1) throw new Error(`--scale must be a positive integer, got "${values.scale}"`);
  return scale;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const scale = scaleFrom(process.argv.slice(2), config.populationScale);
  for (const dataset of DATASETS) {
    const orm = await openDataset(config, dataset);
    try {
      if (await dataset.holds(orm, scale)) {
        console.log(`${dataset.name}: already holds the data for scale ${scale}, nothing to do`);
        continue;
      }
      const started = performance.now();
      await dataset.generate(orm, scale, (done, total) => console.log(`${dataset.name}: ${done}/${total} rows`));
      console.log(`${dataset.name}: generated for scale ${scale} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    } finally {
      await orm.close();
    }
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
