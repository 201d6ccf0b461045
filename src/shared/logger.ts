import pino from 'pino';

/** pino: structured JSON logs, cheap enough for the hot path, one logger per process part. */
export type Logger = pino.Logger;

export function createLogger(level: string, name: string): Logger {
  return pino({ level, name, base: { service: name } });
}
