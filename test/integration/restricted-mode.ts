// Suite for a second launch without Workspace Trust (Restricted Mode): browsing works, running does not.
import Mocha from 'mocha';
import { watchGitProcesses } from './process-watch';

export function run(): Promise<void> {
  watchGitProcesses();
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'restricted', mocha);
  require('./restricted-mode.test');
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} restricted-mode test(s) failed`)) : resolve()));
  });
}
