// Appends N records to one run log through FileRunLog; run by run-log-file.test.ts as a child
// process: node --import tsx run-log-append-worker.ts LOG_FILE WORKER N
import { FileRunLog } from '../../../src/node/run-log-file';
import { sampleRecord } from './run-log-sample';

async function main(): Promise<void> {
  const [file, worker, count] = process.argv.slice(2);
  const log = new FileRunLog(file!);
  for (let i = 0; i < Number(count); i++) {
    // A long command makes a torn or interleaved line visible.
    await log.append(sampleRecord({ block: `w${worker}-${i}`, command: `echo ${String(worker).repeat(5000)}` }));
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exitCode = 1;
});
