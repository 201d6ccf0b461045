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

export function createContext(deps: DocumentsDeps, auth: AuthState, live: boolean): DocumentsContext {
  return { auth, deps, loaders: createLoaders(deps.orm, live) };
}

/** After a write, later reads in the same request must not be served from what the loaders cached before it. */
export function forgetLoadedData(ctx: DocumentsContext): void {
  ctx.loaders = createLoaders(ctx.deps.orm, false);
  ctx.concerned = undefined;
}
