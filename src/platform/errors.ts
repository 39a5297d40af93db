/** Categories decide the HTTP status; codes are public API and become the problem `type`. */
export type ErrorCategory =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'rate-limited'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'internal';

export const statusByCategory: Record<ErrorCategory, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'rate-limited': 429,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  internal: 500,
};

export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly category: ErrorCategory,
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/**
 * Each capability declares its codes with a category; the compiler checks that every code has one.
 * Returns a factory so call sites read `customerError('customer-not-found', 'No customer ...')`.
 */
export function defineErrors<Code extends string>(categories: Record<Code, ErrorCategory>) {
  return (code: Code, message: string, fieldErrors: FieldError[] = []): AppError =>
    new AppError(code, categories[code], message, fieldErrors);
}

const platformErrorCategories = {
  'validation-failed': 'validation',
  'malformed-json': 'validation',
  'malformed-url': 'validation',
  'not-signed-in': 'unauthenticated',
  'role-not-allowed': 'forbidden',
  'csrf-token-invalid': 'forbidden',
  'route-not-found': 'not-found',
  'too-many-requests': 'rate-limited',
  'body-too-large': 'payload-too-large',
  'unsupported-media-type': 'unsupported-media-type',
  'internal-error': 'internal',
} as const satisfies Record<string, ErrorCategory>;

export type PlatformErrorCode = keyof typeof platformErrorCategories;
export const platformError = defineErrors<PlatformErrorCode>(platformErrorCategories);

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
}

export function problemTypeFor(code: string): string {
  return `/problems/${code}`;
}

export function toProblem(error: AppError): Problem {
  const status = statusByCategory[error.category];
  const title = error.code
    .split('-')
    .map((word, index) => (index === 0 ? word[0]?.toUpperCase() + word.slice(1) : word))
    .join(' ');
  const problem: Problem = { type: problemTypeFor(error.code), title, status, detail: error.message, code: error.code };
  if (error.fieldErrors.length > 0) problem.errors = error.fieldErrors;
  return problem;
}
