import { Command, CommanderError, Option } from 'commander';
import { assessCommand } from './commands/assess';
import { demoCommand } from './commands/demo';
import { diffCommand } from './commands/diff';
import { explainCommand } from './commands/explain';
import { importCaptureCommand } from './commands/import-capture';
import { initCommand } from './commands/init';
import { reportCommand } from './commands/report';
import { rulesCommand } from './commands/rules';
import { schemaCommand } from './commands/schema';
import { validateCommand } from './commands/validate';
import { CliError, EXIT } from './exit-codes';
import { nodeIo, type CliIo } from './io';

/** Builds the command tree; each action stores its exit code in `result`. */
const buildProgram = (io: CliIo, result: { code: number }): Command => {
  const program = new Command();
  const run =
    <A extends unknown[]>(action: (...args: A) => number | Promise<number>) =>
    async (...args: A) => {
      result.code = await action(...args);
    };
  program
    .name('zonewise')
    .description('IEC 62443-3-2 risk assessment: validate, assess and report on an assessment file.')
    .option('--debug', 'print stack traces of unexpected errors')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run "zonewise --help" for usage)');

  program
    .command('init')
    .description('scaffold a commented, valid assessment file to start from')
    .argument('[name]', 'folder to create (its assessment.yaml)', 'my-plant')
    .option(
      '-t, --template <patterns>',
      'comma-separated integration patterns to add as conduits (see "zonewise explain pattern:<id>")',
    )
    .option('-f, --force', 'overwrite an existing file')
    .action(
      run((name: string, options: { template?: string; force?: boolean }) => initCommand(io, name, options)),
    );

  program
    .command('validate')
    .description('check assessment files and print every problem with file:line:column')
    .argument('<files...>', 'assessment files (.yaml, .yml, .json)')
    .action(run((files: string[]) => validateCommand(io, files)));

  program
    .command('assess')
    .description('run the assessment and print a summary, or the full results as JSON')
    .argument('<file>', 'assessment file')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option(
      '--fail-on <gates>',
      'exit 1 when any gate fails: residual-above-tolerable, unmitigated-above-tolerable, findings:<severity>, requirement-gaps, incomplete, unapproved, stale-approval (comma-separated)',
    )
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action(
      run((file: string, options: { format: 'text' | 'json'; failOn?: string; output?: string }) =>
        assessCommand(io, file, options),
      ),
    );

  program
    .command('report')
    .description('write the assessment report or the CRS')
    .argument('<file>', 'assessment file')
    .addOption(
      new Option('--format <format>', 'report format').choices(['html', 'md', 'json']).default('html'),
    )
    .addOption(
      new Option('--document <document>', 'full report or the CRS alone')
        .choices(['full', 'crs'])
        .default('full'),
    )
    .option('-o, --output <file>', 'output file (default: standard output)')
    .option('--generated-at <iso>', 'timestamp printed in the report (default: now, or SOURCE_DATE_EPOCH)')
    .action(
      run(
        (
          file: string,
          options: {
            format: 'html' | 'md' | 'json';
            document: 'full' | 'crs';
            output?: string;
            generatedAt?: string;
          },
        ) => reportCommand(io, file, options),
      ),
    );

  program
    .command('diff')
    .description('what changed between two assessment files, and what that changed in the results')
    .argument('<old>', 'the earlier file')
    .argument('<new>', 'the later file')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(
      run((before: string, after: string, options: { format: 'text' | 'json' }) =>
        diffCommand(io, before, after, options),
      ),
    );

  const importer = program
    .command('import')
    .description(
      'bring what the site already has into an assessment: captures, inventories, firewalls, advisories, PHA, ATT&CK',
    );
  const formatOption = () =>
    new Option('--format <format>', 'output format when not merging')
      .choices(['text', 'json'])
      .default('text');
  importer
    .command('capture')
    .description('passive discovery from pcap/pcapng: hosts, flows, OT protocols, device identities')
    .argument('<files...>', 'capture files (.pcap, .pcapng)')
    .option('--into <assessment>', 'merge hosts as assets and conversations as data flows into this file')
    .addOption(formatOption())
    .action(
      run((files: string[], options: { into?: string; format: 'text' | 'json' }) =>
        importCaptureCommand(io, files, options),
      ),
    );

  program
    .command('explain')
    .description('explain a rule, a finding, a threat rule, a requirement or an integration pattern')
    .argument(
      '<id>',
      'e.g. zone/safety-assets-mixed, "SR 1.1 RE 2", pattern:vendor-remote-access, or a finding id with --file',
    )
    .option('--file <file>', 'assessment file, to explain a finding id (rule@subject) in context')
    .action(run((id: string, options: { file?: string }) => explainCommand(io, id, options)));

  program
    .command('schema')
    .description('print the JSON Schema of the assessment file format')
    .action(run(() => schemaCommand(io)));

  program
    .command('rules')
    .description('list the built-in rules')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'md']).default('text'))
    .action(run((options: { format: 'text' | 'md' }) => rulesCommand(io, options)));

  program
    .command('demo')
    .description('assess the pharma demo example and write its reports into a folder')
    .option('--out <dir>', 'where to write the reports', 'data/demo')
    .action(run((options: { out: string }) => demoCommand(io, options)));

  return program;
};

/** Runs the CLI with the given arguments and returns the exit code. Never throws. */
export const runCli = async (argv: readonly string[], io: CliIo = nodeIo()): Promise<number> => {
  const result = { code: EXIT.ok as number };
  const program = buildProgram(io, result);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return result.code;
  } catch (cause) {
    if (cause instanceof CommanderError) {
      return cause.exitCode === 0 ? EXIT.ok : EXIT.invalidInput;
    }
    if (cause instanceof CliError) {
      io.stderr(`error: ${cause.message}\n`);
      return cause.exitCode;
    }
    const debug = argv.includes('--debug');
    io.stderr(
      `zonewise crashed: ${(cause as Error).message}\nThis is a bug; please report it with the command you ran${debug ? '' : ' (add --debug for the stack trace)'}.\n`,
    );
    if (debug) io.stderr(`${(cause as Error).stack ?? ''}\n`);
    return EXIT.crash;
  }
};
