/**
 * The peer the gateway is measured against: Apollo Gateway (@apollo/gateway, a devDependency used only
 * here) hosted in Apollo Server's standalone HTTP server, on the same supergraph — composed by the same
 * function from the same running subgraphs — and doing the same authentication work as ours: the client
 * JWT verified once per request, the identity signed on every subgraph call.
 */
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { Config } from '../../src/config';
import { authenticate } from '../../src/gateway/auth';
import { composeFromSubgraphs } from '../../src/gateway/compose';
import { signIdentity, type Identity } from '../../src/shared/identity';

interface PeerContext {
  identity: Identity;
}

class SignedIdentityDataSource extends RemoteGraphQLDataSource<PeerContext> {
  constructor(
    url: string,
    private readonly gatewaySecret: string,
  ) {
    super({ url });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<PeerContext>): void {
    if (!('identity' in context) || !context.identity) return;
    for (const [name, value] of Object.entries(signIdentity(this.gatewaySecret, context.identity))) request.http?.headers.set(name, value);
  }
}

export async function startApolloGateway(config: Config, subgraphs: Record<string, string>): Promise<{ url: string; close(): Promise<void> }> {
  const { supergraphSdl } = await composeFromSubgraphs(subgraphs);
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ url }) => new SignedIdentityDataSource(url!, config.gatewaySecret),
  });
  const server = new ApolloServer<PeerContext>({ gateway, introspection: false, stopOnTerminationSignals: false });
  const { url } = await startStandaloneServer(server, {
    listen: { host: config.host, port: 0 },
    context: async ({ req }) => ({ identity: await authenticate(config, req.headers.authorization) }),
  });
  return { url, close: () => server.stop() };
}
