/**
 * Large subgraph request bodies go to the runtime's HTTP client as bytes, not text. The runtime
 * serializes each subgraph request with JSON.stringify, whose result V8 keeps in pieces; the client
 * then measures its UTF-8 length, which first copies it whole, and node:http encodes it once more
 * into a buffer of its own when writing it. For a send (~137 KB of base64 beside Vietnamese text, so
 * 274 KB as a two-byte string) those copies are allocations over V8's 128 KiB large-object size, each
 * faulting in fresh pages (bench/changes.ts, item 20). Encoded once here, the client writes the bytes
 * as they are. Found in the send scenario's gateway profile (the length and the string write were
 * ~4 ms of ~12 ms of CPU per send); A/B in the commit that added this. Bodies under LARGE_BODY_CHARS
 * (every query and most mutations) are left as text: they make no large copies, and the inbox runs
 * showed no gain for them.
 */
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/** 64 Ki characters: 128 KiB as a two-byte string, V8's large-object size. */
export const LARGE_BODY_CHARS = 64 * 1024;

export function useSubgraphBodiesAsBytes(): GatewayPlugin {
  return {
    onFetch({ options, setOptions }) {
      if (typeof options.body === 'string' && options.body.length >= LARGE_BODY_CHARS) setOptions({ ...options, body: Buffer.from(options.body) });
    },
  };
}
