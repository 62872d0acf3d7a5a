import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '@ajimi/core/logger';
import { httpLogSerializers } from '@ajimi/core/log-redaction';

const REQUEST_ID = /^[\w.-]{8,128}$/;

/** The caller's X-Request-Id when it is a sane one, else a new id; answered in the response's header. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/**
 * Every request gets an id (X-Request-Id) and a logger bound to it (req.log); one line per answered
 * request (pino-http: info when answered, error when failed), health checks left out.
 * pino-http serialises the request into a child logger on every request, before it knows whether
 * a line will be written. At a level above error it writes none: there the request's logger is made
 * only when a handler asks for it (the same child, same serialisers and redaction).
 */
export function requestLog(logger: Logger): RequestHandler {
  const httpLog = pinoHttp({
    logger,
    // Cookies, tokens and URL signatures never reach the log, whichever logger is passed in.
    serializers: httpLogSerializers,
    genReqId: requestId,
    autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false },
  });
  if (logger.isLevelEnabled('error')) return httpLog;
  return (req, res, next) => {
    req.id = requestId(req, res);
    let bound: Logger | undefined;
    const log = { get: () => (bound ??= httpLog.logger.child({ req })), configurable: true, enumerable: true };
    Object.defineProperty(req, 'log', log);
    Object.defineProperty(res, 'log', log);
    next();
  };
}
