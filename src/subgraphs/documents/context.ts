import type { Config } from '../../config';
import type { AuthState, BaseContext } from '../../shared/auth';
import type { Orm } from '../../shared/db';
import type { Logger } from '../../shared/logger';
import type { BlobStore } from './document/blob-store';
import type { EventBus } from './events/event-bus';
import type { ConcernedLoaders, RecordKind } from './document/concerned';
import { createLoaders, type Loaders } from './loaders';

/** What the documents subgraph's services need, built once at start. */
export interface DocumentsDeps {
  config: Config;
  orm: Orm;
  blobs: BlobStore;
  bus: EventBus;
  logger: Logger;
  now: () => Date;
}

export interface DocumentsContext extends BaseContext {
  deps: DocumentsDeps;
  loaders: Loaders;
  /** Made on first use: they depend on the caller's identity. */
  concerned?: Partial<Record<RecordKind, ConcernedLoaders>>;
}

/**
 * Live (subscription) operations share one set of loaders per subgraph: uncached, so nothing they
 * return is stale, yet batching across subscriptions, so an arrival that 10,000 subscribers hear is
 * read in a few batched statements rather than once per subscriber.
 */
const liveLoaders = new WeakMap<DocumentsDeps, Loaders>();

export function createContext(deps: DocumentsDeps, auth: AuthState, live: boolean): DocumentsContext {
  if (!live) return { auth, deps, loaders: createLoaders(deps.orm, false) };
  let loaders = liveLoaders.get(deps);
  if (!loaders) liveLoaders.set(deps, (loaders = createLoaders(deps.orm, true)));
  return { auth, deps, loaders };
}

/** After a write, later reads in the same request must not be served from what the loaders cached before it. */
export function forgetLoadedData(ctx: DocumentsContext): void {
  ctx.loaders = createLoaders(ctx.deps.orm, false);
  ctx.concerned = undefined;
}
