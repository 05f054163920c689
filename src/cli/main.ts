/**
 * The command line: picks the command and runs it. `report-press` alone builds every report (as
 * `npm start` always has), and `report-press <report-id>` builds that one, so a first word that is a
 * report folder rather than a command still means build. Each command loads the engine parts it
 * needs when it runs, so `--help` and `check` do not wait for the PDF and chart libraries.
 */
import { VERSION } from '../version.js';
import { cliMessage } from '../messages.js';
import { UsageError } from './args.js';
import { describeError, EXIT, isUsageProblem, print, printError } from './print.js';

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  build: async () => (await import('./build.js')).build,
  check: async () => (await import('./check.js')).check,
  diff: async () => (await import('./diff.js')).diff,
  watch: async () => (await import('./watch.js')).watch,
};

const NAMES = Object.keys(COMMANDS);

async function run(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--version') {
    print(VERSION);
    return EXIT.ok;
  }
  if (first === '-h' || first === '--help' || first === 'help') {
    print(cliMessage.help.main);
    return EXIT.ok;
  }
  if (first !== undefined && Object.hasOwn(COMMANDS, first)) return (await COMMANDS[first]!())(rest);
  const { build } = await import('./build.js');
  return build(argv, true, NAMES);
}

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  // Stack traces point into src/ rather than the compiled bundle (whose launcher turns this on before
  // the engine is compiled, as Node reads a source map only then).
  if (debug) process.setSourceMapsEnabled(true);
  try {
    return await run(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      printError(`${error.message}\n${cliMessage.seeHelp(error.command)}`);
      return EXIT.usage;
    }
    printError(describeError(error, debug));
    return isUsageProblem(error) ? EXIT.usage : EXIT.problems;
  }
}
