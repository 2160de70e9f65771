/**
 * LISTED ONLY: plausible routes of a real instance that the simulator does not implement. They give
 * the help page enough rows for grouping and searching; calling one answers 404 no_method.
 * One has no short help, so (like Sugar) the help page leaves it out.
 */
import type { ReqType, RouteDef } from '../router';

const rows: Array<[ReqType, string, string, string | undefined]> = [
  ['PUT', '/<module>/:record/subscribe', 'subscribeToRecord', 'Follows a record.'],
  ['GET', '/<module>/:record/audit', 'viewChangeLog', 'Returns the audit log of a record.'],
  ['POST', '/<module>/duplicateCheck', 'checkForDuplicates', 'Finds possible duplicates of a record.'],
  ['PUT', '/<module>/MassUpdate', 'massUpdate', 'Updates many records at once.'],
  ['DELETE', '/<module>/MassUpdate', 'massDelete', 'Deletes many records at once.'],
  ['GET', '/<module>/config', 'config', 'Returns the configuration of a module.'],
  ['GET', '/search', 'globalSearch', 'Searches all modules.'],
  ['GET', '/globalsearch', 'globalSearch', 'Searches all modules with Elastic.'],
  ['GET', '/recent', 'getRecentlyViewed', 'Returns recently viewed records.'],
  ['GET', '/me/preferences', 'userPreferences', 'Returns the preferences of the current user.'],
  ['PUT', '/me/preferences', 'userPreferencesSave', 'Saves preferences of the current user.'],
  ['GET', '/me/following', 'getMyFollowedRecords', 'Lists the records the current user follows.'],
  ['PUT', '/me/password', 'checkPassword', 'Changes the password of the current user.'],
  ['GET', '/Dashboards', 'getDashboards', 'Lists dashboards.'],
  ['GET', '/Administration/settings/auth', 'authSettings', 'Returns authentication settings.'],
  ['GET', '/Administration/elasticsearch/queue', 'elasticSearchQueue', 'Returns the Elastic queue status.'],
  ['POST', '/Mail', 'createMail', 'Sends or saves an email.'],
  ['GET', '/theme', 'previewCSS', 'Returns the CSS of the current theme.'],
  ['GET', '/oauth2/bwc/login', 'bwcLogin', undefined],
  ['GET', '/mostactiveusers', 'getMostActiveUsers', 'Returns the most active users.'],
  ['GET', '/Activities', 'getActivities', 'Returns the activity stream.'],
  ['POST', '/Calendar/invitee_search', 'inviteeSearch', 'Searches for invitees.'],
  ['GET', '/Forecasts/init', 'forecastsInitialization', 'Returns forecasts configuration.'],
];

export const listedOnlyRoutes: RouteDef[] = rows.map(([reqType, path, method, shortHelp]) => ({
  reqType,
  path,
  method,
  kind: 'no_method',
  shortHelp,
  exceptions: method.startsWith('get') ? [] : ['SugarApiExceptionNotAuthorized'],
}));
