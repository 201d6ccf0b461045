/**
 * Data-team example: how many of the caller's sent documents concern citizens of each province.
 * Pages through the outbox with the typed DocumentsWithCitizens operation; the residences come from
 * the population subgraph through the gateway.
 *
 *   node dist/examples/documents-per-province.js [GATEWAY_URL]   (token in LIENTHONG_TOKEN)
 */
import { print } from 'graphql';
import { DocumentsWithCitizensDocument, type DocumentsWithCitizensQuery } from './generated/graphql';

/** "Xã …, Huyện …, Tỉnh Nghệ An" -> "Tỉnh Nghệ An": residences end with the province. */
export function provinceOf(residence: string): string {
  return residence.split(',').at(-1)!.trim();
}

export async function documentsPerProvince(url: string, token: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let after: string | null = null;
  for (;;) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: print(DocumentsWithCitizensDocument), variables: { first: 100, after } }),
    });
    const body = (await res.json()) as { data?: DocumentsWithCitizensQuery; errors?: { message: string }[] };
    if (!body.data) throw new Error(body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${res.status}`);
    for (const { node } of body.data.outbox.edges) {
      // A document counts once per province, however many of its citizens live there.
      for (const province of new Set(node.citizens.map((c) => provinceOf(c.residence)))) {
        counts.set(province, (counts.get(province) ?? 0) + 1);
      }
    }
    if (!body.data.outbox.pageInfo.hasNextPage) return counts;
    after = body.data.outbox.pageInfo.endCursor ?? null;
  }
}

if (require.main === module) {
  const url = process.argv[2] ?? 'http://127.0.0.1:4000/graphql';
  const token = process.env.LIENTHONG_TOKEN;
  if (!token) {
    console.error('set LIENTHONG_TOKEN (npm run -s token -- <agency code>)');
    process.exit(2);
  }
  documentsPerProvince(url, token).then(
    (counts) => {
      for (const [province, n] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`${String(n).padStart(6)}  ${province}`);
    },
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
