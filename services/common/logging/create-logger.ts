/** pino JSON logs; secrets are redacted wherever they would appear. */
import { pino, type Logger } from 'pino';

export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name,
    level,
    redact: ['*.password', '*.token', '*.authorization', 'req.headers.authorization'],
  });
}
