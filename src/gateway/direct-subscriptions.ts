/**
 * A subscription that one subgraph answers whole — every field it selects resolved there, as the
 * supergraph's join directives say — is sent to that subgraph as the client wrote it, over a socket of
 * its own to that subgraph (subgraphSocket), instead of being planned and executed by the runtime's
 * stitching executor, which would send that same selection and pass each event through its layers unchanged. Anything else (a field of
 * another subgraph, an interface or union, a directive other than @skip/@include, a field that needs
 * @requires, @external or @override) takes the runtime's path.
 *
 * Found by the fan-out benchmark (1,000 agencies each watching its arrivals): the runtime's execution per
 * agency held ~13 KiB of the gateway's heap and about half its CPU per fan-out. Authentication,
 * limits, rate limits and the sharing per caller (shared-subscriptions.ts) are unchanged: this replaces
 * only what starts the upstream subscription; the subgraph admits it as the caller (subgraph-sockets.ts).
 */
import {
  GraphQLError,
  GraphQLObjectType,
  Kind,
  OperationTypeNode,
  TypeInfo,
  buildASTSchema,
  getNamedType,
  parse,
  visit,
  visitWithTypeInfo,
  BREAK,
  type ConstDirectiveNode,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import type { Executor } from '@graphql-tools/utils';
import type { Identity } from '../shared/identity';
import type { Logger } from '../shared/logger';
import { identityExtension } from './auth';
import { joinGraphsOf } from './compose';
import { relayEvents, subscriptionFailure } from './errors';
import { subgraphSocket } from './subgraph-sockets';

const BUILT_IN_SCALARS = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);
const EXECUTION_DIRECTIVES = new Set(['skip', 'include']);

function enumArg(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.ENUM ? value.value : undefined;
}

/** Which subgraphs resolve which fields, read from a supergraph's join directives. */
export class SubgraphOwnership {
  private readonly schema: GraphQLSchema;
  /** join__Graph value (DOCUMENTS) -> subgraph name (documents). */
  private readonly names = new Map<string, string>();
  private readonly answers = new WeakMap<DocumentNode, string | null>();

  constructor(supergraphSdl: string) {
    const ast = parse(supergraphSdl);
    this.schema = buildASTSchema(ast, { assumeValidSDL: true });
    for (const { graph, name } of joinGraphsOf(ast)) this.names.set(graph, name);
  }

  /** The one subgraph that resolves every field of every operation in `document`, or undefined. */
  soleSubgraph(document: DocumentNode): string | undefined {
    let answer = this.answers.get(document);
    if (answer === undefined) this.answers.set(document, (answer = this.find(document) ?? null));
    return answer ?? undefined;
  }

  private find(document: DocumentNode): string | undefined {
    let candidates: Set<string> | undefined;
    // Narrows the candidates to `graphs`; false once none is left.
    const within = (graphs: string[]): boolean => {
      candidates = new Set(candidates ? graphs.filter((g) => candidates!.has(g)) : graphs);
      return candidates.size > 0;
    };
    const typeInfo = new TypeInfo(this.schema);
    let served = true;
    const refuse = () => {
      served = false;
      return BREAK;
    };
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field: (node) => {
          if (node.name.value === '__typename') return undefined;
          const parent = typeInfo.getParentType();
          const field = typeInfo.getFieldDef();
          if (!(parent instanceof GraphQLObjectType) || !field) return refuse();
          const joins = field.astNode?.directives?.filter((d) => d.name.value === 'join__field') ?? [];
          // A join__field with anything but a graph (and its type there) is not a plain owner: left to the planner.
          const owners = joins.length
            ? joins.filter((d) => (d.arguments ?? []).every((a) => a.name.value === 'graph' || a.name.value === 'type')).map((d) => enumArg(d, 'graph'))
            : this.graphsOf(parent.astNode?.directives);
          return within(owners.filter((g): g is string => g !== undefined)) ? undefined : refuse();
        },
        VariableDefinition: () => {
          const type = getNamedType(typeInfo.getInputType());
          if (!type) return refuse();
          if (BUILT_IN_SCALARS.has(type.name)) return undefined;
          return within(this.graphsOf(type.astNode?.directives)) ? undefined : refuse();
        },
        Directive: (node) => (EXECUTION_DIRECTIVES.has(node.name.value) ? undefined : refuse()),
      }),
    );
    if (!served || !candidates || candidates.size === 0) return undefined;
    return this.names.get([...candidates].sort()[0]);
  }

  /** The graphs a type is joined to (join__type). */
  private graphsOf(directives: readonly ConstDirectiveNode[] | undefined): string[] {
    return (directives ?? []).filter((d) => d.name.value === 'join__type').map((d) => enumArg(d, 'graph')).filter((g): g is string => g !== undefined);
  }
}

/** A subgraph's error, as sent over the wire, as a GraphQLError the gateway's masking passes through. */
function asGraphQLError(error: GraphQLFormattedError | GraphQLError): GraphQLError {
  if (error instanceof GraphQLError) return error;
  const relayed = new GraphQLError(error.message, { path: error.path, extensions: error.extensions });
  // The same document went to the subgraph, so its locations are the client's.
  if (error.locations) Object.assign(relayed, { locations: error.locations });
  return relayed;
}

/** An event's errors as GraphQL errors, so the runtime's masking passes them through as it would the planner's. */
function withGraphQLErrors(event: ExecutionResult): ExecutionResult {
  return event.errors ? { ...event, errors: event.errors.map(asGraphQLError) } : event;
}

/** What the gateway needs to know of a client subscription to send it on. */
export interface SubscriptionArgs {
  document: DocumentNode;
  variableValues?: Record<string, unknown> | null;
  operationName?: string | null;
}

/** Starts subscriptions one subgraph answers whole at that subgraph (see above). */
export class DirectSubscriptions {
  private readonly ownership: SubgraphOwnership;
  private readonly executors = new Map<string, Executor>();

  constructor(
    supergraphSdl: string,
    private readonly urls: Record<string, string>,
    private readonly gatewaySecret: string,
    private readonly logger: Logger,
  ) {
    this.ownership = new SubgraphOwnership(supergraphSdl);
  }

  /** How to start `args` at its subgraph as `caller`, or undefined when the runtime must plan it. */
  starter(args: SubscriptionArgs, caller: Identity): (() => AsyncIterableIterator<ExecutionResult>) | undefined {
    const subgraph = this.ownership.soleSubgraph(args.document);
    const url = subgraph && this.urls[subgraph];
    if (!subgraph || !url) return undefined;
    return () => {
      let executor = this.executors.get(subgraph);
      if (!executor) this.executors.set(subgraph, (executor = subgraphSocket(this.gatewaySecret, url)));
      const events = executor({
        document: args.document,
        variables: args.variableValues ?? undefined,
        operationName: args.operationName ?? undefined,
        operationType: OperationTypeNode.SUBSCRIPTION,
        extensions: identityExtension(this.gatewaySecret, caller),
      }) as AsyncIterable<ExecutionResult>;
      // A refusal or a lost socket is one last event: the pump gives it to each subscriber, then ends.
      return relayEvents(events, withGraphQLErrors, (e) => {
        const failure = subscriptionFailure(e, subgraph, (error) => this.logger.warn({ error, subgraph }, 'subgraph subscription socket failed'));
        return { errors: Array.isArray(failure) ? failure.map((f) => asGraphQLError(f as GraphQLFormattedError)) : [failure] };
      });
    };
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.executors.values()].map((executor) => (executor as { [Symbol.asyncDispose]?: () => Promise<void> })[Symbol.asyncDispose]?.()));
    this.executors.clear();
  }
}
