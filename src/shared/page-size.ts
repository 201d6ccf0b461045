/**
 * The largest page a list gives at once (`first`), for every list of the hub: the subgraphs refuse more
 * (pagination.ts), and the gateway refuses it before anything runs (gateway/cost.ts). Alone in its
 * module so the gateway can read it without loading the subgraphs' type-graphql classes.
 */
export const MAX_PAGE_SIZE = 100;
