// What to do with the lines the workbench hands to codeAutomationLog: drop the known noise,
// and read mocha's summary.

/** Harmless lines of this offline set-up (no marketplace, no chat, no agent host). */
const noise: RegExp[] = [
  /ENOTFOUND open-vsx\.org/,
  /open-vsx\.org/,
  /\[AgentHost[\]:]/,
  /^\[AccountPolicyGate\]/,
  /^\s*\[?chat\b/i,
  /\bchat(Agent|Session|Participant|Entitlement|Setup)/i,
  /\bChatEntitlement/,
  /Ignoring the error while validating workspace folder/,
  /\[mcp\]|\bMcp(Server|Registry)/,
  // The workbench's own start-up chatter (same channel as the test output).
  /^Resolving connection token \(|^Resolved connection token \(/,
  /^Creating a socket \(renderer-/,
  /^\[reconnection-grace-time\]/,
  /^Updating additional builtin extensions cache$/,
  /^\[Service Worker\]/,
  // The workbench cancelling its pending work while the runner shuts it down.
  /^Canceled(: Canceled)*$/,
];

/** True for a known-harmless message; judged by its first line (the rest is its stack). */
export function isNoise(message: string): boolean {
  const first = message.split('\n', 1)[0];
  return noise.some((re) => re.test(first));
}

export interface MochaCounts {
  passed: number;
  failed: number;
  pending: number;
  /** False when no mocha summary line was seen. */
  seen: boolean;
}

/** Reads the last "N passing" / "N failing" / "N pending" lines of mocha's spec reporter. */
export function mochaCounts(lines: string[]): MochaCounts {
  const counts: MochaCounts = { passed: 0, failed: 0, pending: 0, seen: false };
  for (const line of lines) {
    for (const raw of line.split('\n')) {
      const m = /^\s*(\d+) (passing|failing|pending)\b/.exec(raw.replace(/\x1b\[[0-9;]*m/g, ''));
      if (!m) continue;
      const n = Number(m[1]);
      if (m[2] === 'passing') {
        // A new summary starts with "passing": reset what an earlier one said.
        Object.assign(counts, { passed: n, failed: 0, pending: 0, seen: true });
      } else if (m[2] === 'failing') counts.failed = n;
      else counts.pending = n;
      counts.seen = true;
    }
  }
  return counts;
}
