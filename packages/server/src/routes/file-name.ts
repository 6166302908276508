/**
 * A download's file name from the project name: letters, digits, dots, dashes and underscores only, so the name
 * needs no quoting rules in Content-Disposition and cannot climb out of a folder. Falls back to "assessment".
 */
export const downloadFileName = (projectName: string, suffix: string, extension: string): string => {
  const stem = projectName
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80);
  return `${stem === '' ? 'assessment' : stem}-${suffix}.${extension}`;
};

/** The Content-Disposition value of an attachment with a sanitised file name. */
export const attachment = (fileName: string): string => `attachment; filename="${fileName}"`;
