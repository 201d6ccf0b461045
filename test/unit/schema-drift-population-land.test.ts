import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SCHEMA_DIR } from '../../src/gateway/compose';
import { buildLandSchema } from '../../src/subgraphs/land/schema';
import { buildPopulationSchema } from '../../src/subgraphs/population/schema';

const FIX = 'run `npm run build && node dist/src/cli/print-schema.js population land` and commit schema/';

for (const [name, build] of [['population', buildPopulationSchema], ['land', buildLandSchema]] as const) {
  test(`schema/${name}.graphql is what the code builds`, async () => {
    const committed = fs.readFileSync(path.join(SCHEMA_DIR, `${name}.graphql`), 'utf8');
    assert.equal(committed, (await build()).sdl, `schema/${name}.graphql is out of date: ${FIX}`);
  });
}
