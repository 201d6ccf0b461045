/**
 * Two throwaway subgraphs for the gateway tests, served the way the real ones are (buildSubgraph +
 * startSubgraphServer), so the gateway is tested before, and independently of, the real subgraphs:
 *  - "mail" owns Letter, has a subscription (an async generator per caller), errors on demand, a slow field;
 *  - "stamps" extends Letter with `stamp`, which says which identity the stamps subgraph saw.
 */
import 'reflect-metadata';
import { EventEmitter, on } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { Arg, Ctx, Directive, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { loadConfig } from '../../src/config';
import { requireIdentity, type BaseContext } from '../../src/shared/auth';
import { HubError, type ErrorCode } from '../../src/shared/errors';
import { ROLES } from '../../src/shared/identity';
import { createLogger } from '../../src/shared/logger';
import { buildSubgraph } from '../../src/shared/subgraph-schema';
import { startSubgraphServer, type RunningServer } from '../../src/shared/subgraph-server';

/** The config every gateway test shares: loopback, silent, fixed secrets. */
export const testConfig = loadConfig({
  HOST: '127.0.0.1',
  PORT: '0',
  LIENTHONG_JWT_SECRET: 'gateway-test-jwt-secret',
  LIENTHONG_GATEWAY_SECRET: 'gateway-test-gateway-secret',
  LIENTHONG_LOG_LEVEL: 'silent',
});

@ObjectType()
@Directive('@key(fields: "id")')
class Letter {
  @Field(() => ID)
  id!: string;

  @Field()
  subject!: string;

  /** The agency the letter is addressed to. */
  @Field()
  recipient!: string;
}

/** What one subgraph saw of the requests that reached it. */
export interface Observed {
  /** Authorization header of every HTTP request (the gateway must never forward the client's). */
  authorizations: (string | undefined)[];
  /** Subscriptions currently open at the subgraph, by caller. */
  active: Map<string, number>;
  /** The text of every subscription operation that reached the subgraph, in order. */
  subscriptions: string[];
}

function observed(): Observed {
  return { authorizations: [], active: new Map(), subscriptions: [] };
}

/** An agency every test subgraph refuses when it is admitted, as the documents subgraph refuses a deactivated one. */
export const BARRED_AGENCY = '000.00.00.Z99';

const letters = new Map<string, Letter>();
const mailbox = new EventEmitter();

/** Delivered letters for one caller: an async generator that ends (and counts itself out) when unsubscribed. */
function letterStream(sub: string, seen: Observed): AsyncIterable<Letter> {
  const stop = new AbortController();
  async function* stream(): AsyncGenerator<Letter> {
    seen.active.set(sub, (seen.active.get(sub) ?? 0) + 1);
    try {
      for await (const [letter] of on(mailbox, sub, { signal: stop.signal })) yield letter as Letter;
    } catch (e) {
      if (!stop.signal.aborted) throw e;
    } finally {
      seen.active.set(sub, (seen.active.get(sub) ?? 1) - 1);
    }
  }
  const iterator = stream();
  // An async generator waiting for the next event would only see return() after that event; aborting
  // the wait first makes an unsubscribe end it at once.
  return {
    [Symbol.asyncIterator]: () => ({
      next: () => iterator.next(),
      return: () => {
        stop.abort();
        return iterator.return(undefined);
      },
    }),
  };
}

function mailResolvers(seen: Observed) {
  @Resolver(() => Letter)
  class MailResolver {
    @Query(() => String, { nullable: true, description: 'The identity the mail subgraph saw.' })
    whoami(@Ctx() ctx: BaseContext): string {
      return requireIdentity(ctx).sub;
    }

    @Query(() => Letter, { nullable: true })
    letter(@Arg('id', () => ID) id: string, @Ctx() ctx: BaseContext): Letter | undefined {
      requireIdentity(ctx);
      return letters.get(id);
    }

    @Query(() => String, { nullable: true, description: 'Fails with the given contract code.' })
    fail(@Arg('code') code: string): string {
      throw new HubError(code as ErrorCode, `failed with ${code} on purpose`);
    }

    @Query(() => String, { nullable: true })
    async slow(@Arg('ms', () => Int) ms: number): Promise<string> {
      await sleep(ms);
      return `slept ${ms} ms`;
    }

    @Mutation(() => Letter)
    sendLetter(@Arg('to') to: string, @Arg('subject') subject: string, @Ctx() ctx: BaseContext): Letter {
      requireIdentity(ctx);
      const letter = Object.assign(new Letter(), { id: String(letters.size + 1), subject, recipient: to });
      letters.set(letter.id, letter);
      mailbox.emit(to, letter);
      return letter;
    }

    @Subscription(() => Letter, {
      description: "Letters addressed to the caller, as they are sent.",
      subscribe: ({ context, info }) => {
        seen.subscriptions.push(info.operation.loc?.source.body ?? '');
        return letterStream(requireIdentity(context as BaseContext).sub, seen);
      },
    })
    letterArrived(@Root() letter: Letter): Letter {
      return letter;
    }
  }
  return MailResolver;
}

@ObjectType('Letter')
@Directive('@key(fields: "id")')
class StampedLetter {
  @Field(() => ID)
  id!: string;
}

function stampsResolvers() {
  @Resolver(() => StampedLetter)
  class StampsResolver {
    @Query(() => Int, { nullable: true })
    stampCount(@Ctx() ctx: BaseContext): number {
      requireIdentity(ctx);
      return letters.size;
    }

    @FieldResolver(() => String, { description: 'Says which identity the stamps subgraph saw.' })
    stamp(@Root() letter: StampedLetter, @Ctx() ctx: BaseContext): string {
      return `stamp ${letter.id} for ${requireIdentity(ctx).sub}`;
    }
  }
  return StampsResolver;
}

export interface TestSubgraph {
  server: RunningServer;
  seen: Observed;
  /** Starts it again on the same port after close(), as a restarted subgraph would. */
  restart(): Promise<void>;
}

/** type-graphql insists on a PubSub once there is a subscription, though ours brings its own subscribe. */
const unusedPubSub = {
  publish: () => undefined,
  subscribe: (): AsyncIterable<unknown> => {
    throw new Error('letterArrived has its own subscribe');
  },
};

async function testSubgraph(name: 'mail' | 'stamps'): Promise<TestSubgraph> {
  const seen = observed();
  const { schema } =
    name === 'mail'
      ? await buildSubgraph(
          { resolvers: [mailResolvers(seen)], pubSub: unusedPubSub },
          { Letter: { __resolveReference: (ref: { id: string }) => letters.get(ref.id) } },
        )
      : await buildSubgraph({ resolvers: [stampsResolvers()], orphanedTypes: [StampedLetter] }, { Letter: { __resolveReference: (ref: { id: string }) => ref } });
  const start = (port: number) =>
    startSubgraphServer({
      name,
      schema,
      host: '127.0.0.1',
      port,
      gatewaySecret: testConfig.gatewaySecret,
      roles: ROLES,
      logger: createLogger('silent', name),
      introspection: false,
      maxRequestBytes: testConfig.maxRequestBytes,
      context: (auth) => ({ auth }),
      admit: async (ctx) => {
        if (ctx.auth.identity?.sub === BARRED_AGENCY) throw new HubError('FORBIDDEN', `${BARRED_AGENCY} is barred from the ${name} subgraph.`);
      },
      routes: (app) =>
        app.use((req, _res, next) => {
          seen.authorizations.push(req.headers.authorization);
          next();
        }),
    });
  const handle: TestSubgraph = {
    server: await start(0),
    seen,
    restart: async () => {
      handle.server = await start(handle.server.port);
    },
  };
  return handle;
}

export interface TestSubgraphs {
  mail: TestSubgraph;
  stamps: TestSubgraph;
  urls: Record<string, string>;
  close(): Promise<void>;
}

export async function startTestSubgraphs(): Promise<TestSubgraphs> {
  const mail = await testSubgraph('mail');
  const stamps = await testSubgraph('stamps');
  return {
    mail,
    stamps,
    urls: { mail: mail.server.url, stamps: stamps.server.url },
    close: async () => {
      await Promise.all([mail.server.close(), stamps.server.close()]);
    },
  };
}
