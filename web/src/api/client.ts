export interface FieldError {
  field: string;
  message: string;
}

/** A failed API call, carrying the problem+json fields so forms can show them. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly type: string | undefined;
  readonly fieldErrors: FieldError[];

  constructor(status: number, title: string, detail?: string, type?: string, fieldErrors: FieldError[] = []) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.type = type;
    this.fieldErrors = fieldErrors;
  }

  /** The message for one form field; matches `email`, `body.email` or `/email`. */
  fieldError(field: string): string | undefined {
    const hit = this.fieldErrors.find((e) => normalizeField(e.field) === field);
    return hit?.message;
  }
}

function normalizeField(field: string): string {
  const parts = field.split(/[./]/).filter(Boolean);
  const last = parts.at(-1) ?? field;
  // "emails.0" should land on "emails"
  if (/^\d+$/.test(last) && parts.length > 1) return parts.at(-2) ?? last;
  return last;
}

let csrfToken: string | null = null;
let onUnauthorized: () => void = () => {};

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export interface RequestOptions {
  /** A JSON-serialisable body, or a string sent as-is with `contentType`. */
  body?: unknown;
  contentType?: string;
  /** Leave a 401 to the caller instead of sending the user to sign in. */
  allowUnauthorized?: boolean;
  signal?: AbortSignal;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  let body: string | undefined;
  if (options.body !== undefined) {
    if (options.contentType && typeof options.body === 'string') {
      headers['content-type'] = options.contentType;
      body = options.body;
    } else {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'We could not reach Defuse', 'Check your connection and try again.');
  }

  if (response.status === 401 && !options.allowUnauthorized) onUnauthorized();
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function toApiError(response: Response): Promise<ApiError> {
  const fallbackTitle =
    response.status === 429 ? 'Too many tries, please wait a moment' : response.statusText || 'Something went wrong';
  try {
    const problem = (await response.json()) as {
      title?: string;
      detail?: string;
      type?: string;
      errors?: FieldError[];
      message?: string;
    };
    return new ApiError(
      response.status,
      problem.title ?? problem.message ?? fallbackTitle,
      problem.detail,
      problem.type,
      Array.isArray(problem.errors) ? problem.errors : [],
    );
  } catch {
    return new ApiError(response.status, fallbackTitle);
  }
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PUT', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};

/** Builds `?a=1&b=2`, leaving out empty values. */
export function queryString(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
