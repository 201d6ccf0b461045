/**
 * Prints an access token: `npm run token -- CODE [--role AGENCY|OPERATOR|ANALYST] [--ttl 8h]`.
 * For development and operations; it signs with LIENTHONG_JWT_SECRET like the hub verifies.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { isRole, ROLES, signToken } from '../shared/identity';

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

function parseTtl(text: string): number {
  const m = /^(\d+)([smhd])?$/.exec(text.trim());
  if (!m || Number(m[1]) <= 0) throw new Error(`--ttl must look like 30m, 8h or 7d, got "${text}"`);
  return Number(m[1]) * UNITS[m[2] ?? 's'];
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { role: { type: 'string', default: 'AGENCY' }, ttl: { type: 'string', default: '8h' } },
  });
  const [sub] = positionals;
  const role = values.role!.toUpperCase();
  if (!sub || !isRole(role)) {
    console.error(`usage: npm run token -- CODE [--role ${ROLES.join('|')}] [--ttl 8h]`);
    process.exit(2);
  }
  const config = loadConfig();
  if (config.jwtSecretIsDevDefault) console.error('note: signed with the development secret (LIENTHONG_JWT_SECRET is not set)');
  console.log(await signToken(config.jwtSecret, { sub, role }, parseTtl(values.ttl!)));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
