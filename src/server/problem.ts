// Errors as application/problem+json (RFC 9457), the one shape every API error takes. Nothing here
// ever carries a stack trace or SQL: internal errors are logged with the request id and answered plainly.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { LetterError } from '../archive/publish-list.js';
import { ReadError } from '../read/errors.js';
import { QueryError } from '../search/query.js';
import { WorkflowConflict, WorkflowNotFound } from '../store/workflow.js';
import { WorkflowForbidden, WorkflowHidden } from '../workflow/service.js';
import { TransitionError } from '../workflow/states.js';

export interface InvalidParam {
  name: string;
  reason: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  invalidParams?: InvalidParam[];
  /** A 409's current state of what was to be changed (the workflow). */
  state?: string;
  /** A 409 on a save: the version saved in between, to merge with. */
  current?: { state: string; version: number; text?: string | null; author?: string | null };
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** An error the API answers as it is: the status and the message are meant for the client. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly invalidParams?: InvalidParam[],
    readonly extra: Pick<Problem, 'state' | 'current'> = {},
  ) {
    super(message);
  }
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  detail: string,
  invalidParams?: InvalidParam[],
  extra: Pick<Problem, 'state' | 'current'> = {},
): FastifyReply {
  const problem: Problem = {
    type: 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    instance: request.url,
    ...extra,
  };
  if (invalidParams && invalidParams.length > 0) problem.invalidParams = invalidParams;
  return reply.code(status).type('application/problem+json; charset=utf-8').send(JSON.stringify(problem));
}

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** The parameter a schema validation error is about, by name. */
function paramOf(issue: ValidationIssue): string {
  const missing = issue.params?.missingProperty ?? issue.params?.additionalProperty;
  if (typeof missing === 'string') return missing;
  return (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.') || '(body)';
}

function reasonOf(issue: ValidationIssue): string {
  if (typeof issue.params?.additionalProperty === 'string') return 'is not a parameter of this resource';
  if (typeof issue.params?.missingProperty === 'string') return 'is required';
  const allowed = issue.params?.allowedValues;
  if (Array.isArray(allowed)) return `must be one of: ${allowed.join(', ')}`;
  return issue.message ?? 'is not valid';
}

/** Fastify's error handler: every error a route throws becomes a problem. */
export function errorHandler(uploadLimit: number) {
  const megabytes = Math.round((uploadLimit / 1024 / 1024) * 10) / 10;
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply =>
    handleError(error, request, reply, megabytes);
}

function handleError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
  uploadMegabytes: number,
): FastifyReply {
  if (error.validation) {
    const params = (error.validation as ValidationIssue[]).map((issue) => ({
      name: paramOf(issue),
      reason: reasonOf(issue),
    }));
    const detail = params.map((p) => `${p.name} ${p.reason}`).join('; ');
    return sendProblem(reply, request, 400, detail, params);
  }
  if (error instanceof HttpProblem) {
    return sendProblem(reply, request, error.status, error.message, error.invalidParams, error.extra);
  }
  if (error instanceof LetterError) return sendProblem(reply, request, 409, error.message);
  if (error instanceof WorkflowHidden || error instanceof WorkflowNotFound) {
    return sendProblem(reply, request, 404, error.message);
  }
  if (error instanceof WorkflowForbidden) return sendProblem(reply, request, 403, error.message);
  if (error instanceof TransitionError) {
    return sendProblem(reply, request, error.kind === 'illegal' ? 409 : 403, error.message, undefined, {
      state: error.state,
    });
  }
  if (error instanceof WorkflowConflict) {
    // The author is told by name in the route (it knows the accounts); here only what the row holds.
    return sendProblem(reply, request, 409, error.message, undefined, {
      state: error.current.state,
      current: {
        state: error.current.state,
        version: error.current.version,
        ...(error.current.text !== undefined ? { text: error.current.text } : {}),
        ...(error.current.authorName !== undefined ? { author: error.current.authorName } : {}),
      },
    });
  }
  if (error instanceof QueryError) {
    return sendProblem(reply, request, 400, error.message, [{ name: 'q', reason: error.message }]);
  }
  if (error instanceof ReadError) {
    const where = error.line !== null ? `line ${error.line}: ` : '';
    return sendProblem(reply, request, 422, `${where}${error.message}`);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return sendProblem(
        reply,
        request,
        413,
        `the upload is larger than the ${uploadMegabytes} MB this server accepts`,
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return sendProblem(
        reply,
        request,
        415,
        `content type ${JSON.stringify(request.headers['content-type'] ?? '')} is not accepted here`,
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return sendProblem(reply, request, 400, 'the request body could not be read');
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    // Fastify's own client errors (malformed URL, bad headers): their messages name no internals.
    return sendProblem(reply, request, status, error.message);
  }
  request.log.error({ err: error }, 'request failed');
  return sendProblem(reply, request, 500, `an internal error; it has been logged as ${request.id}`);
}
