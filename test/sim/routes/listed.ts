/**
 * LISTED ONLY: plausible routes of a real instance that the simulator does not implement. They give
 * the help page enough rows for grouping and searching; calling one answers 404 no_method.
 * One has no short help, so (like Sugar) the help page leaves it out.
 */
import type { ReqType, RouteDef } from '../router';

const rows: Array<[ReqType, string, string, string | undefined]> = [
  ['GET', '/<module>/:record/link/:link_name', 'filterRelated', 'Lists related records.'],
  ['GET', '/<module>/:record/link/:link_name/count', 'filterRelatedCount', 'Counts related records.'],
  ['POST', '/<module>/:record/link/:link_name', 'createRelatedRecord', 'Creates a related record.'],
  ['POST', '/<module>/:record/link/:link_name/:remote_id', 'createRelatedLink', 'Relates two existing records.'],
  ['DELETE', '/<module>/:record/link/:link_name/:remote_id', 'deleteRelatedLink', 'Removes a relationship.'],
  ['GET', '/<module>/:record/file', 'getFileList', 'Lists the file fields of a record.'],
  ['GET', '/<module>/:record/file/:field', 'getFile', 'Downloads a file attached to a record.'],
  ['POST', '/<module>/:record/file/:field', 'saveFilePost', 'Attaches a file to a record.'],
  ['DELETE', '/<module>/:record/file/:field', 'removeFile', 'Removes a file from a record.'],
  ['PUT', '/<module>/:record/favorite', 'setFavorite', 'Marks a record as a favorite.'],
  ['DELETE', '/<module>/:record/favorite', 'unsetFavorite', 'Unmarks a favorite record.'],
  ['PUT', '/<module>/:record/subscribe', 'subscribeToRecord', 'Follows a record.'],
  ['GET', '/<module>/:record/audit', 'viewChangeLog', 'Returns the audit log of a record.'],
  ['GET', '/<module>/enum/:field', 'getEnumValues', 'Returns the options of a dropdown field.'],
  ['POST', '/<module>/duplicateCheck', 'checkForDuplicates', 'Finds possible duplicates of a record.'],
  ['PUT', '/<module>/MassUpdate', 'massUpdate', 'Updates many records at once.'],
  ['DELETE', '/<module>/MassUpdate', 'massDelete', 'Deletes many records at once.'],
  ['POST', '/<module>/filter', 'filterListPost', 'Lists filtered records (filter in the body).'],
  ['GET', '/<module>/config', 'config', 'Returns the configuration of a module.'],
  ['GET', '/search', 'globalSearch', 'Searches all modules.'],
  ['GET', '/globalsearch', 'globalSearch', 'Searches all modules with Elastic.'],
  ['GET', '/recent', 'getRecentlyViewed', 'Returns recently viewed records.'],
  ['POST', '/bulk', 'bulkCall', 'Runs several API calls in one request.'],
  ['GET', '/lang/:lang', 'getLanguage', 'Returns the language strings for a language.'],
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
