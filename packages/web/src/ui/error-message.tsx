import { ApiError } from '../api/api-error';
import { ApiDiagnosticsList } from './diagnostics-list';

/**
 * Shows a failed call: the server's message, its stable code, and every diagnostic with its path and, for imported
 * files, line:column, so the user can find the place to fix.
 */
export const ErrorMessage = ({ error, title }: { error: unknown; title?: string }) => {
  if (error === undefined || error === null) return null;
  const apiError = error instanceof ApiError ? error : undefined;
  const message = error instanceof Error ? error.message : JSON.stringify(error);
  return (
    <div role="alert" className="notice notice-error">
      <p>
        {title === undefined ? null : <strong>{title}: </strong>}
        <span>{message}</span>{' '}
        {apiError === undefined ? null : <span className="code-tag">{apiError.code}</span>}
      </p>
      {apiError !== undefined && apiError.diagnostics.length > 0 ? (
        <ApiDiagnosticsList diagnostics={apiError.diagnostics} />
      ) : null}
    </div>
  );
};

/** The diagnostics of an error whose path (after a leading `body`) starts with `prefix`: shown beside one field. */
export const diagnosticsAt = (error: unknown, prefix: readonly (string | number)[]) =>
  error instanceof ApiError
    ? error.diagnostics.filter((diagnostic) => {
        const path = diagnostic.path[0] === 'body' ? diagnostic.path.slice(1) : diagnostic.path;
        return prefix.every((part, index) => path[index] === part);
      })
    : [];
