/**
 * What was changed in the hub because of these benchmarks, with the figure before and after: printed in
 * RESULTS.md under the targets. Kept by hand, one entry per fix, beside its commit.
 */
export const CHANGES = `
## What was changed to meet the targets

Nothing yet.
`;
