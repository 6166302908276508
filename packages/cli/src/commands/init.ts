import { join } from 'node:path';
import { scaffoldAssessment } from '@zonewise/formats';
import { CliError, EXIT } from '../exit-codes';
import type { CliIo } from '../io';

/** `zonewise init [name]`: writes `<name>/assessment.yaml`, a commented, valid file to start from. */
export const initCommand = (
  io: CliIo,
  name: string,
  options: { readonly template?: string; readonly force?: boolean },
): number => {
  const target = join(name, 'assessment.yaml');
  if (io.exists(target) && !options.force) {
    throw new CliError(`${target} already exists: choose another name or pass --force to overwrite it.`);
  }
  const patterns = (options.template ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const scaffold = scaffoldAssessment({ name, patterns });
  if (!scaffold.ok) {
    for (const diagnostic of scaffold.diagnostics)
      io.stderr(`error ${diagnostic.code} --template: ${diagnostic.message}\n`);
    return EXIT.invalidInput;
  }
  io.writeText(target, scaffold.text);
  io.stdout(`wrote ${target}\nNext: zonewise validate ${target} && zonewise assess ${target}\n`);
  return EXIT.ok;
};
