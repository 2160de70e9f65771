/**
 * API versions as Sugar parses them: `v11_4` is 11.4. Sugar compares numerically against its
 * minimum (10) and its maximum, so `v10_5` would pass too; the client only ever sends v10, v11, v11_N.
 */

export interface ApiVersion {
  major: number;
  minor: number;
}

const VERSION_RE = /^v(\d{1,3})(?:_(\d{1,3}))?$/;

export const MIN_VERSION: ApiVersion = { major: 10, minor: 0 };

export function parseVersion(text: string): ApiVersion | undefined {
  const m = VERSION_RE.exec(text);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: m[2] === undefined ? 0 : Number(m[2]) };
}

export function compareVersions(a: ApiVersion, b: ApiVersion): number {
  return a.major !== b.major ? a.major - b.major : a.minor - b.minor;
}

/** How Sugar writes its limits in the incorrect_version message: `11.24`, `11`, `10`. */
export function displayVersion(v: ApiVersion): string {
  return v.minor === 0 ? String(v.major) : `${v.major}.${v.minor}`;
}

export function isSupported(v: ApiVersion, max: ApiVersion): boolean {
  return compareVersions(v, MIN_VERSION) >= 0 && compareVersions(v, max) <= 0;
}

/** The Sugar release that tops out at a given API version, for server_info (only 14.0 / Fall '24 is from the brief; the other marketing names are placeholders). */
export function releaseFor(max: ApiVersion): { version: string; marketing: string; build: string } {
  const table: Array<[ApiVersion, string, string, string]> = [
    [{ major: 11, minor: 27 }, '26.1.0', "Spring '26", '112'],
    [{ major: 11, minor: 26 }, '14.2.0', "Spring '25", '245'],
    [{ major: 11, minor: 24 }, '14.0.0', "Fall '24", '277'],
    [{ major: 11, minor: 16 }, '12.0.0', "Spring '22", '231'],
    [{ major: 11, minor: 1 }, '8.1.0', "Winter '18", '301'],
  ];
  for (const [v, version, marketing, build] of table) {
    if (compareVersions(max, v) >= 0) return { version, marketing, build };
  }
  return { version: '7.9.0', marketing: "Spring '17", build: '180' };
}
