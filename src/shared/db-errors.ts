/**
 * Telling "the database cannot be reached" (down, restarting, refusing connections) from every other
 * failure, so a request that meets it is answered SERVICE_UNAVAILABLE — try again — rather than as an
 * internal error, and the process keeps running until the database is back.
 */

/** Socket errors of a database that is down or unreachable. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);
/** PostgreSQL SQLSTATEs: shutting down, crashed, starting up, too many connections (class 08 too). */
const SERVER_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** What pg and knex say when a connection dies or none can be had, without a code. */
const MESSAGES = /Connection terminated|connection error|Timeout acquiring a connection|terminating connection/i;

export function isDatabaseUnavailable(err: unknown): boolean {
  // Drivers and the ORM wrap errors: look through `cause` and MikroORM's `previous` a few levels down.
  let e: unknown = err;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, message, cause, previous } = e as { code?: unknown; message?: unknown; cause?: unknown; previous?: unknown };
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || SERVER_STATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
    if (typeof message === 'string' && MESSAGES.test(message)) return true;
    e = cause ?? previous;
  }
  return false;
}

export const DATABASE_UNAVAILABLE_MESSAGE =
  'The hub cannot reach its database just now; try again shortly. Repeating a sendDocument with the same clientRequestId is safe.';
