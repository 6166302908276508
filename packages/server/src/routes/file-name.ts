/**
 * A download's file name from the project name: letters, digits, dots, dashes and underscores only, so the name
 * needs no quoting rules in Content-Disposition and cannot climb out of a folder; accents are dropped (é → e). Falls back to "assessment"; an
 * empty `suffix` leaves the dash out (`<name>.<extension>`). Every download route names its files with it.
 */
export const downloadFileName = (projectName: string, suffix: string, extension: string): string => {
  const stem = projectName
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80);
  return `${stem === '' ? 'assessment' : stem}${suffix === '' ? '' : `-${suffix}`}.${extension}`;
};

/** The Content-Disposition value of an attachment with a sanitised file name. */
export const attachment = (fileName: string): string => `attachment; filename="${fileName}"`;
