import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from '@ajimi/core/errors';
import { ZodError } from 'zod';

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
  requestId: string | undefined;
}

function body(req: Parameters<RequestHandler>[0], code: string, message: string, details?: unknown): ErrorBody {
  return { error: { code, message, ...(details === undefined ? {} : { details }) }, requestId: req.id as string | undefined };
}

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json(body(req, 'not_found', `No route for ${req.method} ${req.path}.`));
};

/** One JSON error shape for every failure; never a stack trace, and 500s are logged with the request id. */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // The client went away first (a preview the coach typed past, a closed tab): nobody reads this
  // answer, and the abort that ended the work is not a fault to wake an operator for.
  if (res.closed) {
    req.log?.debug({ err: { name: (err as Error)?.name, message: (err as Error)?.message } }, 'client went away before the answer');
    return;
  }
  if (err instanceof AppError) {
    res.status(err.status).json(body(req, err.code, err.message, err.details));
    return;
  }
  if (err instanceof ZodError) {
    res.status(400).json(body(req, 'validation_failed', 'The request is not valid.', err.issues.map(formatIssue)));
    return;
  }
  // body-parser errors carry a status and a type.
  const type = (err as { type?: string }).type;
  if (type === 'entity.parse.failed') {
    res.status(400).json(body(req, 'malformed_json', 'The request body is not valid JSON.'));
    return;
  }
  if (type === 'entity.too.large') {
    res.status(413).json(body(req, 'body_too_large', 'The request body is too large.'));
    return;
  }
  const status = (err as { status?: number }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    res.status(status).json(body(req, 'bad_request', 'The request could not be processed.'));
    return;
  }
  req.log?.error({ err }, 'unhandled error');
  res.status(500).json(body(req, 'internal_error', 'Something went wrong on our side. It has been logged.'));
};

export function formatIssue(issue: ZodError['issues'][number]): { path: string; message: string } {
  return { path: issue.path.join('.'), message: issue.message };
}
