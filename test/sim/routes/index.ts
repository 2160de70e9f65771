/** The simulator's route table: real routes, the help pages, and the listed-only extras. */
import { renderExceptionsPage, renderHelpPage } from '../helpPage';
import { compileRoute, type CompiledRoute, type RouteDef } from '../router';
import { authRoutes } from './auth';
import { largeRoutes } from './large';
import { listedOnlyRoutes } from './listed';
import { recordRoutes } from './records';
import { systemRoutes } from './system';
import { bulkRoutes } from './bulk';
import { fileRoutes } from './files';
import { linkRoutes } from './links';
import { schemaRoutes } from './schemaRoutes';

export function buildRoutes(): CompiledRoute[] {
  const table: CompiledRoute[] = [];
  let helpHtml: string | undefined;
  const helpRoutes: RouteDef[] = [
    {
      reqType: 'GET',
      path: '/help',
      method: 'getHelp',
      kind: 'help',
      shortHelp: 'Shows Help information',
      noLoginRequired: true,
      ignoreMetaHash: true,
      ignoreSystemStatusError: true,
      // The table never changes after start, so the page is rendered once.
      handler: () => ({ html: (helpHtml ??= renderHelpPage(table)) }),
    },
    {
      reqType: 'GET',
      path: '/help/exceptions',
      method: 'getExceptionsHelp',
      kind: 'help',
      shortHelp: 'Shows Help information for exceptions',
      noLoginRequired: true,
      ignoreMetaHash: true,
      ignoreSystemStatusError: true,
      handler: () => ({ html: renderExceptionsPage() }),
    },
  ];
  for (const def of [...authRoutes, ...systemRoutes, ...schemaRoutes, ...recordRoutes, ...linkRoutes, ...fileRoutes, ...bulkRoutes, ...largeRoutes, ...helpRoutes, ...listedOnlyRoutes]) {
    table.push(compileRoute(def));
  }
  return table;
}
