/**
 * `npm run audit:verify`: checks the documents database named by the configuration (LIENTHONG_DATA_DIR,
 * or LIENTHONG_DATABASE_URL) against its audit log — the whole hash chain, then every document, delivery
 * and status event since the log began (src/subgraphs/documents/audit/verify.ts).
 *
 * Exit code 0 and the head of the chain (note it somewhere outside the hub: a later run that shows an
 * older head means the log was cut) when all is well; 1 with the first broken entry named, then the
 * other problems, when not.
 */
import 'reflect-metadata';
import { loadConfig } from '../config';
import { verifyAuditLog } from '../subgraphs/documents/audit/verify';
import { openDocumentsDatabase } from '../subgraphs/documents/database';

async function main(): Promise<number> {
  const orm = await openDocumentsDatabase(loadConfig());
  try {
    const report = await verifyAuditLog(orm);
    const { documents, deliveries, statusEvents } = report.checked;
    const head = report.head ? `#${report.head.seq} ${report.head.hash}` : 'none';
    if (!report.problems.length) {
      process.stdout.write(
        `audit:verify: the chain is intact — ${report.entries} entries, head ${head}\n` +
          `  ${documents} documents, ${deliveries} deliveries and ${statusEvents} status events match the log\n`,
      );
      return 0;
    }
    const [first, ...others] = report.problems;
    const lines = [
      `audit:verify: BROKEN${first.seq !== null ? ` at entry #${first.seq}` : ''}: ${first.message}`,
      ...others.map((p) => `  also: ${p.message}`),
      `  ${report.entries} entries verified before the first break; last good head ${head}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return 1;
  } finally {
    await orm.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`audit:verify: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
