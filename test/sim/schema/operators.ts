/**
 * The filter operators Sugar's UI offers per field type (metadata `filters.operators.meta`, from
 * clients/base/filters/operators/operators.php), each with its label key. The filter API itself
 * accepts any known operator on any field (filter.ts); this table is what a filter builder offers.
 */
const MATCH = { $equals: 'LBL_OPERATOR_MATCHES', $starts: 'LBL_OPERATOR_STARTS_WITH' };
const NUMBER = {
  $equals: 'LBL_OPERATOR_EQUALS',
  $not_equals: 'LBL_OPERATOR_NOT_EQUALS',
  $gt: 'LBL_OPERATOR_GREATER_THAN',
  $lt: 'LBL_OPERATOR_LESS_THAN',
  $gte: 'LBL_OPERATOR_GREATER_THAN_OR_EQUALS',
  $lte: 'LBL_OPERATOR_LESS_THAN_OR_EQUALS',
  $between: 'LBL_OPERATOR_BETWEEN',
};
const DATE = {
  $equals: 'LBL_OPERATOR_EQUALS',
  $lt: 'LBL_OPERATOR_BEFORE',
  $gt: 'LBL_OPERATOR_AFTER',
  $dateBetween: 'LBL_OPERATOR_BETWEEN',
  $dateRange: 'LBL_OPERATOR_DATE_RANGE',
  $last_x_days: 'LBL_OPERATOR_LAST_X_DAYS',
  $next_x_days: 'LBL_OPERATOR_NEXT_X_DAYS',
  $more_x_days_ago: 'LBL_OPERATOR_MORE_X_DAYS_AGO',
  $more_x_days_ahead: 'LBL_OPERATOR_MORE_X_DAYS_AHEAD',
  $empty: 'LBL_OPERATOR_EMPTY',
  $not_empty: 'LBL_OPERATOR_NOT_EMPTY',
};
const ONE_OF = { $in: 'LBL_OPERATOR_CONTAINS', $not_in: 'LBL_OPERATOR_NOT_CONTAINS', $empty: 'LBL_OPERATOR_EMPTY', $not_empty: 'LBL_OPERATOR_NOT_EMPTY' };

export const OPERATORS_BY_TYPE: Record<string, Record<string, string>> = {
  multienum: { $contains: 'LBL_OPERATOR_ONE_OF', $not_contains: 'LBL_OPERATOR_NOT_ONE_OF', $empty: 'LBL_OPERATOR_EMPTY', $not_empty: 'LBL_OPERATOR_NOT_EMPTY' },
  enum: ONE_OF,
  parent_type: ONE_OF,
  varchar: MATCH,
  name: MATCH,
  fullname: MATCH,
  user_name: MATCH,
  email: MATCH,
  phone: MATCH,
  url: MATCH,
  text: MATCH,
  textarea: MATCH,
  currency: NUMBER,
  int: { ...NUMBER, $in: 'LBL_OPERATOR_CONTAINS' },
  double: NUMBER,
  float: NUMBER,
  decimal: NUMBER,
  bool: { $equals: 'LBL_OPERATOR_IS' },
  date: DATE,
  datetime: DATE,
  datetimecombo: DATE,
  relate: { $in: 'LBL_OPERATOR_CONTAINS', $not_in: 'LBL_OPERATOR_NOT_CONTAINS' },
  teamset: { $in: 'LBL_OPERATOR_CONTAINS', $not_in: 'LBL_OPERATOR_NOT_CONTAINS' },
  id: { $equals: 'LBL_OPERATOR_IS', $in: 'LBL_OPERATOR_CONTAINS' },
  file: { $empty: 'LBL_OPERATOR_EMPTY', $not_empty: 'LBL_OPERATOR_NOT_EMPTY' },
};
