import vscode = require('vscode');
import type { ProfileSummary } from '../../core/profiles/profileStore';
import { sharedPlatformWarning } from '../../core/profiles/platformWarnings';
import { formatRemaining } from '../../core/presentation/countdown';
import { describeSession, describeUser, formatClockTime } from '../../core/presentation/sessionText';
import { hasTokens, SessionState, SessionStatus } from '../../core/session/sessionState';
import { connectionContext } from './rowContext';
import { ModulesNode } from './moduleNodes';
import { ApiNode, ConnectionNode, DetailNode, HistoryNode, ProblemNode, SudoNode, TreeNode } from './nodes';

const STATUS_ICONS: Record<SessionStatus, [string, string?]> = {
  loggedOut: ['debug-disconnect'],
  active: ['pass-filled', 'testing.iconPassed'],
  expiringSoon: ['warning', 'list.warningForeground'],
  accessExpired: ['history', 'list.warningForeground'],
  refreshExpired: ['clock', 'list.errorForeground'],
  endedElsewhere: ['circle-slash', 'list.errorForeground'],
  error: ['error', 'list.errorForeground'],
  damaged: ['warning', 'list.errorForeground'],
};

export function connectionItem(node: ConnectionNode, state: SessionState, now: number, isActive: boolean, server?: string): vscode.TreeItem {
  const profile = node.profile;
  const item = new vscode.TreeItem(profile.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = profile.id;
  item.description = describeSession(state, now, { tlsUnverified: !profile.tls.verify });
  const [icon, color] = state.activity ? ['loading~spin'] : STATUS_ICONS[state.status];
  item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
  item.contextValue = connectionContext(state, isActive);
  item.tooltip = connectionTooltip(profile, state, now, isActive, server);
  return item;
}

function connectionTooltip(profile: ProfileSummary, state: SessionState, now: number, isActive: boolean, server?: string): vscode.MarkdownString {
  const rows: Array<[string, string]> = [
    ['Instance', profile.instanceUrl],
    ['API version', state.apiVersion ?? profile.apiVersion],
    ['Platform', profile.platform],
    ['Client id', profile.clientId],
    ['User', hasTokens(state) ? describeUser(state) : profile.username],
  ];
  if (state.accessExpiresAt) rows.push(['Access token', expiryText(state.accessExpiresAt, now)]);
  if (state.refreshExpiresAt) rows.push(['Refresh token', expiryText(state.refreshExpiresAt, now)]);
  if (server) rows.push(['Server', server]);
  if (!profile.tls.verify) rows.push(['TLS', '⚠ verification is off for this connection']);
  const markdown = new vscode.MarkdownString(undefined, true);
  markdown.appendMarkdown(`**${escape(profile.name)}**${isActive ? ' · active connection' : ''}\n\n`);
  markdown.appendMarkdown('| | |\n|---|---|\n');
  for (const [name, value] of rows) markdown.appendMarkdown(`| ${name} | ${escape(value)} |\n`);
  const problem = state.error?.message ?? state.endedExplanation ?? (state.damagedReason && `The stored session cannot be read (${state.damagedReason}).`);
  if (problem) markdown.appendMarkdown(`\n$(error) ${escape(problem)}`);
  return markdown;
}

function expiryText(at: number, now: number): string {
  return at > now ? `expires ${formatClockTime(at, now)} (in ${formatRemaining(at, now)})` : `expired ${formatClockTime(at, now)}`;
}

function escape(text: string): string {
  return text.replace(/[|\\`*_{}[\]<>#]/g, (c) => `\\${c}`);
}

/** The rows under a connection: what went wrong first, then the session's facts, then sudo sessions. */
export function connectionChildren(profile: ProfileSummary, state: SessionState, now: number, extras: { server?: string; historyCount: number }): TreeNode[] {
  const id = profile.id;
  const children: TreeNode[] = [];
  if (state.status === 'damaged') {
    children.push(new ProblemNode(id, `The stored session cannot be read (${state.damagedReason}); forget it locally, then log in again.`, 'error', 'damagedSession'));
  }
  const problem = state.status === 'error' ? state.error?.message : state.endedExplanation;
  if (problem) children.push(new ProblemNode(id, problem));
  const platformWarning = sharedPlatformWarning(profile.platform);
  if (hasTokens(state)) {
    children.push(new DetailNode(id, 'User', describeUser(state), 'account'));
    children.push(new DetailNode(id, 'Platform', state.platform ?? profile.platform, platformWarning ? 'warning' : 'device-desktop', platformWarning, Boolean(platformWarning)));
    children.push(new DetailNode(id, 'API version', `${state.apiVersion ?? profile.apiVersion} · ${profile.instanceUrl}`, 'globe'));
    children.push(new DetailNode(id, 'Access token', expiryText(state.accessExpiresAt!, now), 'key'));
    if (state.refreshExpiresAt) children.push(new DetailNode(id, 'Refresh token', expiryText(state.refreshExpiresAt, now), 'history'));
    if (extras.server) children.push(new DetailNode(id, 'Server', extras.server, 'server'));
  } else {
    children.push(new DetailNode(id, 'Instance', profile.instanceUrl, 'globe'));
    children.push(new DetailNode(id, 'User', profile.username, 'account'));
    children.push(new DetailNode(id, 'Platform', profile.platform, platformWarning ? 'warning' : 'device-desktop', platformWarning, Boolean(platformWarning)));
  }
  if (!profile.tls.verify) children.push(new DetailNode(id, 'TLS', 'verification off', 'unlock', 'This connection does not check the instance certificate.', true));
  for (const sudo of state.sudo) children.push(new SudoNode(id, sudo));
  if (hasTokens(state)) children.push(new ModulesNode(id, id), new ApiNode(id));
  if (hasTokens(state) || extras.historyCount > 0) children.push(new HistoryNode(id));
  return children;
}

export function detailItem(node: DetailNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.field, vscode.TreeItemCollapsibleState.None);
  item.id = `${node.connectionId}/detail/${node.field}`;
  item.description = node.value;
  item.iconPath = new vscode.ThemeIcon(node.icon, node.warning ? new vscode.ThemeColor('list.warningForeground') : undefined);
  item.tooltip = node.tooltip ?? `${node.field}: ${node.value}`;
  item.contextValue = 'detail';
  return item;
}

export function sudoItem(node: SudoNode, now: number): vscode.TreeItem {
  // Collapsed: its Modules node shows what this user may see.
  const item = new vscode.TreeItem(`Sudo: ${node.sudo.userName}`, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.sudo.id;
  item.description = node.sudo.accessExpiresAt > now ? `expires in ${formatRemaining(node.sudo.accessExpiresAt, now)}` : 'expired, re-issued on use';
  item.iconPath = new vscode.ThemeIcon('person');
  item.contextValue = 'sudoSession';
  item.tooltip = `Acting as ${node.sudo.userName}. Copy its token or end it from here; it ends with the admin session.`;
  return item;
}

export function problemItem(node: ProblemNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
  item.id = `${node.connectionId}/problem${node.context ? `/${node.context}` : ''}`;
  item.iconPath = new vscode.ThemeIcon(node.severity, new vscode.ThemeColor(node.severity === 'error' ? 'list.errorForeground' : 'list.warningForeground'));
  item.tooltip = node.message;
  item.contextValue = node.context ? `problem ${node.context}` : 'problem';
  return item;
}
