import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldError, platformError, problemTypeFor, toProblem } from '../errors.ts';

export function sendProblem(reply: FastifyReply, error: AppError): FastifyReply {
  const problem = toProblem(error);
  return reply.code(problem.status).type('application/problem+json').send(problem);
}

/**
 * Errors the router raises before any route or hook runs (a URL that does not decode, a path
 * parameter over the length limit): problem+json like every other error. No hook has run, so the
 * headers that matter here are set by hand.
 */
export function frameworkErrorHandler(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-content-type-options', 'nosniff').header('cache-control', 'no-store');
  const detail =
    error.code === 'FST_ERR_BAD_URL'
      ? 'The URL is not valid: a percent-encoded part does not decode.'
      : 'The URL is not valid: a part of its path is too long.';
  sendProblem(reply, platformError('malformed-url', detail));
}

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (headers or URL over the size
 * limit, a request line that does not parse): answered on the raw socket, as problem+json.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, code, detail] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'headers-too-large', 'The URL or headers are larger than this server accepts.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'request-timeout', 'The request took too long to arrive.']
        : [400, 'Bad Request', 'malformed-request', 'The request could not be parsed as HTTP.'];
  const body = JSON.stringify({ type: problemTypeFor(code), title: reason, status, detail, code });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

function fieldPath(context: string | undefined, instancePath: string, params: unknown): string {
  const segments = instancePath.split('/').filter(Boolean);
  // Unknown fields are reported at the object; name the offending key itself.
  const keys = (params as { keys?: unknown } | undefined)?.keys;
  if (Array.isArray(keys) && keys.length > 0) segments.push(String(keys[0]));
  return [context ?? 'body', ...segments].join('.');
}

/** Turns every error that leaves a route into application/problem+json (RFC 9457). */
export function installProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) return sendProblem(reply, error);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const context = (error as { validationContext?: string }).validationContext;
      const fieldErrors: FieldError[] = error.validation.map((issue) => ({
        field: fieldPath(context, issue.instancePath, issue.params),
        message: issue.message ?? 'is invalid',
      }));
      const summary = fieldErrors.map((fieldError) => `${fieldError.field}: ${fieldError.message}`).join('; ');
      return sendProblem(reply, platformError('validation-failed', `The request is not valid: ${summary}`, fieldErrors));
    }
    const code = (error as FastifyError).code;
    if (
      code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      (error instanceof SyntaxError && (error as FastifyError).statusCode === 400)
    ) {
      return sendProblem(reply, platformError('malformed-json', 'The request body is not valid JSON.'));
    }
    if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return sendProblem(reply, platformError('malformed-json', 'The request body is empty but JSON was declared.'));
    }
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendProblem(reply, platformError('body-too-large', 'The request body is larger than this server accepts.'));
    }
    if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendProblem(reply, platformError('unsupported-media-type', 'This content type is not accepted here.'));
    }
    if ((error as FastifyError).statusCode === 429) {
      return sendProblem(reply, platformError('too-many-requests', 'Too many attempts. Please wait a minute and try again.'));
    }
    const statusCode = (error as FastifyError).statusCode;
    if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) {
      return sendProblem(reply, platformError('validation-failed', error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, platformError('internal-error', 'Something went wrong on our side. It has been logged.'));
  });
}
