import { formatPath, type Diagnostic } from '@zonewise/core';

/**
 * One diagnostic as a compiler-style line, `assessment.yaml:42:7 error unknown-reference conduits[3].zones[1]: …`,
 * which terminals and editors turn into a link to the place. Parts the diagnostic lacks are left out.
 */
export const formatDiagnostic = (diagnostic: Diagnostic): string => {
  const location = [
    diagnostic.file,
    diagnostic.line,
    diagnostic.line === undefined ? undefined : diagnostic.column,
  ]
    .filter((part) => part !== undefined)
    .join(':');
  const path = formatPath(diagnostic.path);
  const head = [location, diagnostic.severity, diagnostic.code, path].filter((part) => part !== '').join(' ');
  return `${head}: ${diagnostic.message}`;
};
