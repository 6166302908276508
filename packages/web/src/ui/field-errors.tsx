import { formatPath } from '../api/api-error';
import { diagnosticsAt } from './error-message';

/**
 * The server's diagnostics for one field, shown right beside it, so a 422 points at the input to fix instead of
 * only at the top of the form. `exact` keeps only problems of the field itself, not of its parts (a list whose rows
 * show their own).
 */
export const FieldErrors = ({
  error,
  path,
  exact = false,
}: {
  error: unknown;
  path: readonly (string | number)[];
  exact?: boolean;
}) => (
  <>
    {diagnosticsAt(error, path)
      .filter(
        (problem) => !exact || problem.path.length - (problem.path[0] === 'body' ? 1 : 0) === path.length,
      )
      .map((problem, index) => (
        <span key={index} className="field-error" role="alert">
          {problem.message} <span className="mono">({formatPath(problem.path)})</span>
        </span>
      ))}
  </>
);
