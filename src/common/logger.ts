import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** JSON lines, one per event; request-scoped lines carry `requestId`. Tests pass a destination to read them. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}
