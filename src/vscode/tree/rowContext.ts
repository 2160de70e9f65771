import { hasTokens, type SessionState } from '../../core/session/sessionState';

/**
 * What the row's menu may offer: logged in or out, active or not, admin (the session's /me says
 * so: only an admin may sudo), damaged. Menus in package.json match these words.
 */
export function connectionContext(state: SessionState, isActive: boolean): string {
  const words = ['connection', hasTokens(state) ? 'loggedIn' : 'loggedOut', isActive ? 'active' : 'notActive'];
  if (hasTokens(state) && state.user?.isAdmin) words.push('admin');
  if (state.status === 'damaged') words.push('damaged');
  return words.join(' ');
}
