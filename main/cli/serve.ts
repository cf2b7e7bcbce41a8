/** `npm run serve -- [--file data/station.sqlite] [--port 5180] [--demo]`: the web host. */
import { parseServeArgs, runWebHost, SERVE_USAGE } from '../web/run';
import { stopWhenOrphaned } from './parent-watch';

stopWhenOrphaned();

try {
  await runWebHost(parseServeArgs(process.argv.slice(2)));
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  console.error(SERVE_USAGE);
  process.exit(1);
}
