import type { SystemFileInput } from '@zonewise/core';
import { Document } from 'yaml';
import { applyFlowStyle } from './flow-style';
import { assessmentFileSchema, orderLikeSchema } from './schema-order';

/** Options of `saveAssessmentYaml`. */
export interface SaveYamlOptions {
  /** A comment written at the top of the file, one `#` line per line of text (an empty line stays empty). */
  readonly header?: string;
}

const canonical = (file: SystemFileInput): unknown =>
  orderLikeSchema(file, assessmentFileSchema(), { omit: 'empty-default-lists' });

/**
 * Writes an assessment file as YAML, deterministically: keys in schema order (formatVersion, assessment, system,
 * riskCriteria, …, approvals), empty default lists left out, SL vectors and matrix rows on one line, long text never folded, so a change in the data is
 * the only change in the diff.
 */
export const saveAssessmentYaml = (file: SystemFileInput, options: SaveYamlOptions = {}): string => {
  const document = new Document(canonical(file), { aliasDuplicateObjects: false });
  applyFlowStyle(document);
  if (options.header !== undefined) {
    document.commentBefore = options.header
      .split('\n')
      .map((line) => (line === '' ? '' : ` ${line}`))
      .join('\n');
  }
  return document.toString({ lineWidth: 0, flowCollectionPadding: false });
};

/** Writes an assessment file as JSON with two-space indentation, in the same key order as `saveAssessmentYaml`. */
export const saveAssessmentJson = (file: SystemFileInput): string =>
  `${JSON.stringify(canonical(file), null, 2)}\n`;
