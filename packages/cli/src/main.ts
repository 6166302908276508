import { Command, CommanderError, Option } from 'commander';
import { assessCommand } from './commands/assess';
import { backupCommand } from './commands/backup';
import { demoCommand } from './commands/demo';
import { diagramCommand } from './commands/diagram';
import { diffCommand } from './commands/diff';
import { explainCommand } from './commands/explain';
import { exportRegistersCommand } from './commands/export-registers';
import { checkFlowsCommand } from './commands/check-flows';
import { importAdvisoriesCommand } from './commands/import-advisories';
import { importAttackCommand } from './commands/import-attack';
import { importCaptureCommand } from './commands/import-capture';
import { importFirewallCommand } from './commands/import-firewall';
import { importInventoryCommand } from './commands/import-inventory';
import { importPhaCommand } from './commands/import-pha';
import { importRegistersCommand } from './commands/import-registers';
import { initCommand } from './commands/init';
import { REPORT_FORMATS, reportCommand, type ReportFormat } from './commands/report';
import { restoreCommand } from './commands/restore';
import { rulesCommand } from './commands/rules';
import { schemaCommand } from './commands/schema';
import { serveCommand } from './commands/serve';
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
      new Option('--format <format>', 'report format (docx and pdf are binary: use -o)')
        .choices(REPORT_FORMATS)
        .default('html'),
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
            format: ReportFormat;
            document: 'full' | 'crs';
            output?: string;
            generatedAt?: string;
          },
        ) => reportCommand(io, file, options),
      ),
    );

  program
    .command('diagram')
    .description('the zone/conduit diagram, laid out automatically, as SVG or PNG')
    .argument('<assessment>', 'assessment file')
    .option('-o, --output <file>', 'zones.svg or zones.png (default: SVG on standard output)')
    .addOption(
      new Option(
        '--layout <layout>',
        'purdue: rows by Purdue level; layered: by conduits only; stress: for meshes',
      )
        .choices(['purdue', 'layered', 'stress'])
        .default('purdue'),
    )
    .option('--width <pixels>', 'PNG width (default: the diagram width, at most 8000)')
    .action(
      run(
        (
          assessment: string,
          options: { output?: string; layout: 'purdue' | 'layered' | 'stress'; width?: string },
        ) => diagramCommand(io, assessment, options),
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
    .option('--oui <file>', 'full MAC-prefix table for host vendors (Wireshark manuf or IEEE oui.csv)')
    .addOption(formatOption())
    .action(
      run((files: string[], options: { into?: string; oui?: string; format: 'text' | 'json' }) =>
        importCaptureCommand(io, files, options),
      ),
    );

  type Format = 'text' | 'json';
  importer
    .command('inventory')
    .description('asset inventories (CSV or XLSX) with column mapping; merges by IP, MAC or name')
    .argument('<files...>', 'inventory exports (.csv, .xlsx)')
    .option('--into <assessment>', 'merge the assets into this file')
    .option('--map <mapping>', 'column mapping (YAML or JSON)')
    .option('--sheet <sheet>', 'XLSX sheet name or number')
    .addOption(formatOption())
    .action(
      run((files: string[], options: { into?: string; map?: string; sheet?: string; format: Format }) =>
        importInventoryCommand(io, files, options),
      ),
    );
  importer
    .command('pha')
    .description('HAZOP/LOPA worksheets (CSV or XLSX) as consequence references for threat scenarios')
    .argument('<files...>', 'PHA worksheets (.csv, .xlsx)')
    .option('--into <assessment>', 'merge the study and its scenarios into this file')
    .option('--map <mapping>', 'column mapping (YAML or JSON)')
    .option('--sheet <sheet>', 'XLSX sheet name or number')
    .addOption(formatOption())
    .action(
      run((files: string[], options: { into?: string; map?: string; sheet?: string; format: Format }) =>
        importPhaCommand(io, files, options),
      ),
    );
  importer
    .command('firewall')
    .description(
      'OPNsense/pfSense config.xml: interfaces become zone candidates, rules become allowed channels',
    )
    .argument('<files...>', 'firewall configurations (config.xml)')
    .option('--into <assessment>', 'merge new zones and conduits into this file')
    .addOption(formatOption())
    .action(
      run((files: string[], options: { into?: string; format: Format }) =>
        importFirewallCommand(io, files, options),
      ),
    );
  importer
    .command('advisories')
    .description(
      'CISA CSAF 2.0 advisories: validate, match to assets by vendor/product/version, add vulnerabilities',
    )
    .argument('<inputs...>', 'CSAF JSON files or folders')
    .option('--into <assessment>', "match against this file's assets and add the vulnerabilities to it")
    .option('--kev <catalog>', 'CISA KEV catalog JSON, to set the known-exploited flag')
    .addOption(
      new Option('--min-confidence <level>', 'weakest match written into the file').choices([
        'low',
        'medium',
        'high',
      ]),
    )
    .addOption(formatOption())
    .action(
      run(
        (
          inputs: string[],
          options: { into?: string; kev?: string; minConfidence?: 'low' | 'medium' | 'high'; format: Format },
        ) => importAdvisoriesCommand(io, inputs, options),
      ),
    );
  importer
    .command('attack')
    .description('MITRE ATT&CK for ICS (STIX 2.1 bundle) as the threat catalog')
    .argument('<bundle>', 'STIX 2.1 bundle JSON')
    .option('--into <assessment>', 'fill empty scenario techniques from the catalog')
    .addOption(formatOption())
    .action(
      run((bundle: string, options: { into?: string; format: Format }) =>
        importAttackCommand(io, bundle, options),
      ),
    );

  importer
    .command('registers')
    .description(
      'edited registers (XLSX from "export registers", or its CSV folder): status, owner, due date, evidence',
    )
    .argument('<input>', 'registers.xlsx, a folder of register CSV files, or one of them')
    .option('--into <assessment>', 'the assessment file to update')
    .option('--dry-run', 'report what would change and write nothing')
    .addOption(formatOption())
    .action(
      run((input: string, options: { into?: string; dryRun?: boolean; format: Format }) =>
        importRegistersCommand(io, input, options),
      ),
    );

  const exporter = program.command('export').description('deliverables people file and edit: registers');
  exporter
    .command('registers')
    .description(
      'asset, zone/conduit, risk, compliance, countermeasure and vulnerability registers as XLSX or CSV',
    )
    .argument('<assessment>', 'assessment file')
    .option('-o, --output <path>', 'registers.xlsx, or a folder for --format csv')
    .addOption(
      new Option('--format <format>', 'xlsx or csv (default: from the output name)').choices(['xlsx', 'csv']),
    )
    .option('--bom', 'CSV: start each file with a UTF-8 byte-order mark (Excel on Windows)')
    .option('--generated-at <iso>', 'timestamp stored in the workbook (default: now, or SOURCE_DATE_EPOCH)')
    .action(
      run(
        (
          assessment: string,
          options: { output?: string; format?: 'xlsx' | 'csv'; bom?: boolean; generatedAt?: string },
        ) => exportRegistersCommand(io, assessment, options),
      ),
    );

  program
    .command('check-flows')
    .description('compare the designed conduits with what the network does (capture) or allows (firewall)')
    .argument('<assessment>', 'assessment file')
    .option('--capture <file>', 'pcap or pcapng capture of the plant network')
    .option('--firewall <config>', 'OPNsense/pfSense config.xml')
    .option('--oui <file>', 'full MAC-prefix table for host vendors (Wireshark manuf or IEEE oui.csv)')
    .option('--fail-on <gate>', 'drift or drift:<severity>: exit 1 when open drift findings exist')
    .addOption(formatOption())
    .action(
      run(
        (
          assessment: string,
          options: { capture?: string; firewall?: string; oui?: string; failOn?: string; format: Format },
        ) => checkFlowsCommand(io, assessment, options),
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

  program
    .command('serve')
    .description(
      'start the workbench server (API, API docs at /api/docs, web UI); DATABASE_URL selects PostgreSQL',
    )
    .option('--port <port>', 'TCP port (default: PORT or 3000)')
    .option('--host <host>', 'interface to bind (default: HOST or 127.0.0.1)')
    .option('--data <dir>', 'folder of the embedded database (default: ZONEWISE_DATA_DIR or ./data)')
    .option('--no-demo', 'do not load the pharma example as a demo project on first start')
    .option(
      '--workers <n>',
      'server processes sharing the port, PostgreSQL only (default: ZONEWISE_WORKERS or 1)',
    )
    .option(
      '--trust-proxy <addresses>',
      'IP addresses of reverse proxies whose X-Forwarded-For names the client, comma-separated (default: ZONEWISE_TRUST_PROXY)',
    )
    .action(
      run(
        (options: {
          port?: string;
          host?: string;
          data?: string;
          demo?: boolean;
          workers?: string;
          trustProxy?: string;
        }) => serveCommand(io, options),
      ),
    );

  program
    .command('backup')
    .description(
      'copy the embedded database consistently, also while the server runs (PostgreSQL: use pg_dump)',
    )
    .option('--data <dir>', 'folder of the embedded database (default: ZONEWISE_DATA_DIR or ./data)')
    .option('-o, --output <file>', 'the backup file to write')
    .action(run((options: { data?: string; output?: string }) => backupCommand(io, options)));

  program
    .command('restore')
    .description('replace the embedded database with a checked backup (the server must be stopped)')
    .argument('<file>', 'a file written by "zonewise backup"')
    .option('--data <dir>', 'folder of the embedded database (default: ZONEWISE_DATA_DIR or ./data)')
    .option('-f, --force', 'replace an existing database (it is kept as zonewise.sqlite.bak)')
    .action(
      run((file: string, options: { data?: string; force?: boolean }) => restoreCommand(io, file, options)),
    );

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
