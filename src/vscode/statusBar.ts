import vscode = require('vscode');
import { nextCountdownChange } from '../core/presentation/countdown';
import { countsDown, describeUser, statusBarText } from '../core/presentation/sessionText';
import type { TimedView } from '../core/presentation/ticker';
import type { ProfileSummary } from '../core/profiles/profileStore';
import type { Services } from './services';
import { Disposable } from './lifecycle';
import { hasTokens } from '../core/session/sessionState';

/** The active connection and its token's time left; the shared ticker keeps the text current. */
export class SugarStatusBar extends Disposable implements TimedView {
  private readonly item: vscode.StatusBarItem;
  private profile: ProfileSummary | undefined;

  constructor(private readonly services: Services) {
    super();
    this.item = this._register(vscode.window.createStatusBarItem('sugar.status', vscode.StatusBarAlignment.Left, 50));
    this.item.name = 'Sugar Connection';
    this.item.command = 'sugar.showConnectionMenu';
    this._register(services.active.onDidChange(() => void this.follow()));
    this._register(services.profiles.onDidChange(() => void this.follow()));
    this._register(services.engine.onDidChange((state) => state.connectionId === this.profile?.id && this.render()));
    this._register(services.ticker.add(this));
    this._register(services.settings.onDidChange(() => this.render()));
    void this.follow();
  }

  nextChangeAt(now: number): number | undefined {
    if (!this.profile) return undefined;
    const state = this.services.engine.state(this.profile.id);
    return countsDown(state) ? nextCountdownChange(state.accessExpiresAt!, now) : undefined;
  }

  onTick(): void {
    this.render();
  }

  /** Which connection to show: the active one, else the first, else none (and the item hides). */
  private async follow(): Promise<void> {
    const profiles = await this.services.profiles.list();
    this.profile = profiles.find((p) => p.id === this.services.active.id) ?? profiles[0];
    if (this.profile) await this.services.engine.load(this.profile.id);
    this.render();
    // Another connection to count down for.
    this.services.ticker.reschedule();
  }

  private render(): void {
    const profile = this.profile;
    if (!profile) {
      this.item.hide();
      return;
    }
    const now = this.services.clock.now();
    const state = this.services.engine.state(profile.id);
    const icon = state.activity ? '$(sync~spin)' : state.accessExpiresAt && state.accessExpiresAt > now ? '$(pass-filled)' : '$(debug-disconnect)';
    this.item.text = `${icon} ${statusBarText(profile.name, state, now)}`;
    const left = (state.accessExpiresAt ?? 0) - now;
    const ended = state.status === 'endedElsewhere' || state.status === 'refreshExpired' || state.status === 'error' || (hasTokens(state) && left <= 0);
    this.item.backgroundColor = ended
      ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : hasTokens(state) && left < this.services.settings.expiringSoonMs
        ? new vscode.ThemeColor('statusBarItem.warningBackground')
        : undefined;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**Sugar: ${profile.name}** (${profile.instanceUrl})\n\n`);
    if (hasTokens(state)) tooltip.appendMarkdown(`Logged in as ${describeUser(state)} on ${state.platform}\n\n`);
    const problem = state.error?.message ?? state.endedExplanation;
    if (problem) tooltip.appendMarkdown(`$(error) ${problem}\n\n`);
    tooltip.appendMarkdown('Click for refresh, log in or out, switching connection and copying the token.');
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: `Sugar connection ${this.item.text.replace(/\$\([^)]+\)\s*/g, '')}` };
    this.item.show();
  }
}
