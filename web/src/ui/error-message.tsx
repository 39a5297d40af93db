import { ApiError } from '../api/client';

/** A form- or page-level error; field errors are shown by the fields themselves. */
export function ErrorMessage({ error, fields = [] }: { error: unknown; fields?: string[] }) {
  if (!error) return null;
  let title = 'Something went wrong';
  let detail: string | undefined;
  let others: string[] = [];
  if (error instanceof ApiError) {
    title = error.title;
    detail = error.detail;
    others = error.fieldErrors
      .filter((fieldError) => !fields.some((field) => error.fieldError(field) === fieldError.message))
      .map((fieldError) => `${fieldError.field.replace(/^body\./, '')}: ${fieldError.message}`);
    // The fields show their own messages; the summary need not repeat them.
    if (error.fieldErrors.length > 0) {
      title = others.length === 0 ? 'Please check the fields marked below.' : 'Please check these details.';
      detail = undefined;
    }
  } else if (error instanceof Error) {
    detail = error.message;
  }
  return (
    <div className="error-message" role="alert">
      <strong>{title}</strong>
      {detail && detail !== title ? <span> {detail}</span> : null}
      {others.length > 0 ? (
        <ul>
          {others.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldError(field) : undefined;
}
