/** The language id of `.sugar` request files (`# @connection` is read by core/explore/connectionDirective.ts). */
export const SUGAR_LANGUAGE = 'sugar';
