// The first executable file named `cmd` in a PATH directory, or undefined: setup-tools (osslsigncode), the probe
// benchmark (nmap, sslscan) and the live probe test (dotnet) all ask the same question.
import fs from 'node:fs';
import path from 'node:path';

export function whichPath(cmd) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (dir === '') continue;
    const p = path.join(dir, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      if (fs.statSync(p).isFile()) return p;
    } catch { /* next */ }
  }
  return undefined;
}
