// Suite for a launch on a repository nobody tuned for: no runbooks/ folder, no service in any doc.
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'first-contact', mocha);
  require('./first-contact.test');
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} first-contact test(s) failed`)) : resolve()));
  });
}
