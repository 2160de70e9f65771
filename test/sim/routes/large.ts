/**
 * Answers that stress a client rather than model Sugar: a list of about `mb` megabytes (for
 * response viewers, size limits and streaming) and a file download that is not JSON. Both are
 * deterministic, so a test can compare sizes and content run to run. The literal `Notes/large` path
 * beats the `<module>/:record` route.
 */
import { SugarError } from '../errors';
import { stableGuid } from '../ids';
import type { Reply, RequestContext, RouteDef } from '../router';
import { str } from './args';

const MEGABYTE = 1024 * 1024;
const MAX_MB = 200;
const FILLER = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore. '.repeat(3);

/** Fixed-width fields, so every record serialises to the same length and the count is exact. */
function note(i: number): Record<string, unknown> {
  const n = String(i).padStart(7, '0');
  return {
    id: stableGuid(`Notes:large:${i}`),
    name: `Large note ${n}`,
    date_modified: '2024-06-01T12:00:00+00:00',
    description: FILLER,
    portal_flag: false,
    _module: 'Notes',
  };
}

function megabytes(ctx: RequestContext): number {
  const raw = str(ctx.args.mb) ?? '10';
  const mb = Number(raw);
  if (!Number.isFinite(mb) || mb <= 0 || mb > MAX_MB) {
    throw new SugarError(422, 'invalid_parameter', `mb must be a number above 0 and at most ${MAX_MB}.`);
  }
  return mb;
}

function largeList(ctx: RequestContext): Reply {
  const target = megabytes(ctx) * MEGABYTE;
  const envelope = JSON.stringify({ next_offset: -1, records: [] }).length;
  const perRecord = JSON.stringify(note(0)).length + 1; // the comma
  const count = Math.max(1, Math.floor((target - envelope + 1) / perRecord));
  return { json: { next_offset: -1, records: Array.from({ length: count }, (_, i) => note(i)) } };
}


export const largeRoutes: RouteDef[] = [
  {
    reqType: 'GET',
    path: '/Notes/large',
    method: 'largeList',
    kind: 'large',
    shortHelp: 'A large list, for testing big answers.',
    handler: largeList,
  },

];
