import { formatPath, type ApiDiagnostic } from '../api/api-error';

/** A list of diagnostics with severity (as a word, not only a colour), path, line:column and code. */
export const ApiDiagnosticsList = ({ diagnostics }: { diagnostics: readonly ApiDiagnostic[] }) => (
  <ul className="diagnostics">
    {diagnostics.map((diagnostic, index) => (
      <li key={index} className={`diagnostic diagnostic-${diagnostic.severity}`}>
        <span className="severity-label">{diagnostic.severity}</span>{' '}
        {diagnostic.line === undefined ? null : (
          <span className="mono location">
            {diagnostic.line}:{diagnostic.column ?? 1}
          </span>
        )}{' '}
        <span className="mono">{formatPath(diagnostic.path)}</span> {diagnostic.message}{' '}
        <span className="code-tag">{diagnostic.code}</span>
      </li>
    ))}
  </ul>
);
