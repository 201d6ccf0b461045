/**
 * `node dist/src/cli/agencies-import.js FILE` (npm run agencies:import -- FILE): imports an official
 * agency directory (CSV or JSON, format in src/subgraphs/documents/agency/directory-file.ts) into the
 * documents database named by the configuration (LIENTHONG_DATA_DIR).
 *
 * Progress goes to stderr about every 10,000 rows, the summary and each rejected row to stdout. Exit
 * code 0 when every row was imported; 1 when the file could not be read or any row was rejected — the
 * valid rows are committed all the same, and running the command again after fixing the file is safe.
 */
import 'reflect-metadata';
import { loadConfig } from '../config';
import { openDocumentsDatabase } from '../subgraphs/documents/database';
import { importDirectory, type ImportSummary } from '../subgraphs/documents/agency/directory';

const PROGRESS_EVERY = 10_000;

function report(file: string, summary: ImportSummary): string {
  const lines = [
    `agencies:import ${file}: ${summary.read} rows read in ${(summary.durationMs / 1000).toFixed(1)} s`,
    `  ${summary.inserted} new, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.rejected} rejected`,
    `  ${summary.parentsDerived} parents derived from QCVN 102 codes`,
  ];
  for (const { line, code, problems } of summary.rejections) {
    lines.push(`  line ${line}${code ? ` (${code})` : ''}: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
  }
  if (summary.rejected > summary.rejections.length) {
    lines.push(`  … and ${summary.rejected - summary.rejections.length} more rejected rows`);
  }
  if (summary.rejected > 0) {
    lines.push(`  The ${summary.inserted + summary.updated + summary.unchanged} valid rows were committed; fix the rejected ones and run again.`);
  }
  return `${lines.join('\n')}\n`;
}

/** Database errors quote the whole statement, 500 rows of it; the start and the end say what went wrong. */
function brief(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length <= 600 ? message : `${message.slice(0, 300)} … ${message.slice(-300)}`;
}

async function main(args: string[]): Promise<number> {
  if (args.length !== 1) {
    process.stderr.write('usage: agencies-import FILE.csv|FILE.json\n');
    return 1;
  }
  const [file] = args;
  const orm = await openDocumentsDatabase(loadConfig());
  try {
    let next = PROGRESS_EVERY;
    const summary = await importDirectory(orm, file, {
      onProgress: ({ read, inserted, updated, rejected }) => {
        if (read < next) return;
        next = (Math.floor(read / PROGRESS_EVERY) + 1) * PROGRESS_EVERY;
        process.stderr.write(`agencies:import: ${read} rows read, ${inserted} new, ${updated} updated, ${rejected} rejected\n`);
      },
    });
    process.stdout.write(report(file, summary));
    return summary.rejected > 0 ? 1 : 0;
  } catch (error) {
    process.stderr.write(`agencies:import: cannot import ${file}: ${brief(error)}\n`);
    return 1;
  } finally {
    await orm.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`agencies:import: ${brief(error)}\n`);
    process.exitCode = 1;
  },
);
