import type { FastifyInstance } from 'fastify';
import { type FieldError, platformError } from '../errors.ts';
import { findFlawedText, textFlawMessages } from '../text-policy.ts';

/**
 * Refuses NUL characters and unpaired surrogates in every body, query string and path parameter,
 * before any route sees them: one place, so a new route cannot forget it, and the same 400 on
 * SQLite and PostgreSQL. Field names follow the validation errors (`body.from.email`,
 * `querystring.query`, `params.id`).
 */
export function installTextPolicy(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const fieldErrors: FieldError[] = [];
    for (const [context, value] of [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const) {
      for (const flawed of findFlawedText(value)) {
        const where = flawed.line ? ` (line ${flawed.line})` : '';
        fieldErrors.push({ field: [context, ...flawed.path].join('.'), message: `${textFlawMessages[flawed.flaw]}${where}` });
      }
    }
    if (fieldErrors.length === 0) return;
    const summary = fieldErrors.map((fieldError) => `${fieldError.field}: ${fieldError.message}`).join('; ');
    throw platformError('validation-failed', `The request is not valid: ${summary}`, fieldErrors);
  });
}
