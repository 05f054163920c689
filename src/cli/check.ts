/** `report-press check [report…]`: every problem in the data, templates and chart specs, nothing rendered. */
import path from 'node:path';
import { defaultPaths } from '../paths.js';
import { checkReportId, displayPath, listReports } from '../load/report.js';
import { cliMessage, message } from '../messages.js';
import { COMMON, parse, unique } from './args.js';
import { describeError, EXIT, print, printError } from './print.js';

export async function check(argv: string[]): Promise<number> {
  const { values, positionals } = parse('check', argv, COMMON);
  if (values.help) {
    print(cliMessage.help.check);
    return EXIT.ok;
  }
  const paths = defaultPaths();
  if (values.data) paths.data = path.resolve(values.data);
  const named = unique(positionals);
  named.forEach(checkReportId);
  const ids = named.length ? named : await listReports(paths.data);
  if (ids.length === 0) {
    printError(message.noReports(displayPath(paths.data)));
    return EXIT.problems;
  }
  const { createChecker } = await import('../check.js');
  const checker = await createChecker(paths);
  let failed = 0;
  for (const id of ids) {
    try {
      const documents = await checker.check(id);
      if (!values.quiet) print(cliMessage.checked(id, documents));
    } catch (error) {
      failed++;
      printError(describeError(error, values.debug));
      printError(cliMessage.checkFailed(id));
    }
  }
  return failed ? EXIT.problems : EXIT.ok;
}
