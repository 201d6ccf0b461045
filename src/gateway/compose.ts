/**
 * The supergraph: composed with @theguild/federation-composition (the MIT composition library the Hive
 * gateway itself uses) from each subgraph's SDL and URL. Two sources of SDL: the committed files under
 * schema/ (`npm run schema:print` writes schema/supergraph.graphql from them), or the running subgraphs
 * themselves through `{ _service { sdl } }` when the gateway is told where they are.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, type ConstValueNode, type DocumentNode } from 'graphql';
import { composeServices } from '@theguild/federation-composition';
import type { Config } from '../config';
import { postGraphQL } from './subgraph-fetch';

/** The repository's schema/ folder; this file runs compiled, from dist/src/gateway/. */
export const SCHEMA_DIR = path.resolve(__dirname, '../../../schema');
export const SUPERGRAPH_FILE = path.join(SCHEMA_DIR, 'supergraph.graphql');
export const API_SCHEMA_FILE = path.join(SCHEMA_DIR, 'api.graphql');

export type SubgraphName = keyof Config['subgraphPorts'];
export const SUBGRAPH_NAMES: readonly SubgraphName[] = ['documents', 'population', 'land'];

export interface SubgraphSource {
  name: string;
  url: string;
  sdl: string;
}

export class CompositionError extends Error {
  constructor(readonly problems: string[]) {
    super(`The supergraph could not be composed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export interface Composed {
  /** What the gateway runs: types, fields and the join__ routing directives. */
  supergraphSdl: string;
  /** The API schema clients see (what shared/contract.graphql is checked against, and codegen reads). */
  publicSdl: string;
}

export function composeSupergraph(subgraphs: SubgraphSource[]): Composed {
  const problems: string[] = [];
  const services = subgraphs.flatMap((s) => {
    try {
      return [{ name: s.name, url: s.url, typeDefs: parse(s.sdl) }];
    } catch (e) {
      problems.push(`${s.name}: its SDL does not parse: ${(e as Error).message}`);
      return [];
    }
  });
  if (problems.length) throw new CompositionError(problems);
  const result = composeServices(services);
  if (result.errors) {
    throw new CompositionError(
      result.errors.map((e) => (e.extensions?.code ? `[${String(e.extensions.code)}] ${e.message}` : e.message)),
    );
  }
  return { supergraphSdl: result.supergraphSdl, publicSdl: result.publicSdl };
}

/** The loopback URL a subgraph started by `npm start` listens on. */
export function loopbackUrl(port: number): string {
  return `http://127.0.0.1:${port}/graphql`;
}

export function defaultSubgraphUrls(config: Config): Record<SubgraphName, string> {
  return {
    documents: loopbackUrl(config.subgraphPorts.documents),
    population: loopbackUrl(config.subgraphPorts.population),
    land: loopbackUrl(config.subgraphPorts.land),
  };
}

/** Composes from the committed schema/<name>.graphql files, routing to the given URLs. */
export function composeFromFiles(urls: Record<string, string>, dir = SCHEMA_DIR): Composed {
  const missing = Object.keys(urls).filter((name) => !fs.existsSync(path.join(dir, `${name}.graphql`)));
  if (missing.length) {
    throw new CompositionError(missing.map((name) => `${name}: ${path.join(dir, `${name}.graphql`)} does not exist`));
  }
  return composeSupergraph(
    Object.entries(urls).map(([name, url]) => ({ name, url, sdl: fs.readFileSync(path.join(dir, `${name}.graphql`), 'utf8') })),
  );
}

/** A subgraph's own SDL; `_service` is the one field subgraphs answer without an identity. */
export async function fetchSubgraphSdl(url: string, timeoutMs = 5_000): Promise<string> {
  let body: { data?: { _service?: { sdl?: unknown } }; errors?: { message: string }[] };
  try {
    const res = await postGraphQL(url, '{ _service { sdl } }', timeoutMs);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    body = (await res.json()) as typeof body;
  } catch (e) {
    throw new Error(`Could not read the SDL of ${url}: ${(e as Error).message}`);
  }
  const sdl = body.data?._service?.sdl;
  if (typeof sdl !== 'string') {
    throw new Error(`${url} answered no _service.sdl${body.errors ? `: ${body.errors.map((e) => e.message).join('; ')}` : ''}`);
  }
  return sdl;
}

/** Composes from the running subgraphs (the LIENTHONG_SUBGRAPHS mode). */
export async function composeFromSubgraphs(urls: Record<string, string>): Promise<Composed> {
  const sources = await Promise.all(
    Object.entries(urls).map(async ([name, url]) => ({ name, url, sdl: await fetchSubgraphSdl(url) })),
  );
  return composeSupergraph(sources);
}

function stringArg(args: readonly { name: { value: string }; value: ConstValueNode }[] | undefined, name: string) {
  const arg = args?.find((a) => a.name.value === name);
  return arg?.value.kind === Kind.STRING ? arg.value.value : undefined;
}

/** Each subgraph a supergraph routes to, from its join__Graph enum: the enum value (DOCUMENTS), name and URL. */
export function joinGraphsOf(supergraph: DocumentNode): { graph: string; name: string; url: string }[] {
  const out: { graph: string; name: string; url: string }[] = [];
  for (const def of supergraph.definitions) {
    if (def.kind !== Kind.ENUM_TYPE_DEFINITION || def.name.value !== 'join__Graph') continue;
    for (const value of def.values ?? []) {
      const directive = value.directives?.find((d) => d.name.value === 'join__graph');
      const name = stringArg(directive?.arguments, 'name');
      const url = stringArg(directive?.arguments, 'url');
      if (name && url) out.push({ graph: value.name.value, name, url });
    }
  }
  return out;
}

/** name -> URL of every subgraph a supergraph routes to. */
export function subgraphsOf(supergraphSdl: string): Record<string, string> {
  return Object.fromEntries(joinGraphsOf(parse(supergraphSdl)).map(({ name, url }) => [name, url]));
}
