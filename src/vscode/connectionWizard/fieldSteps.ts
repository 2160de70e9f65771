/**
 * The screens that ask for one field each (some fields take two: the password and whether to
 * remember it, a platform and a warning about it). Both wizards use them; `next` is where to go
 * afterwards: the following field, the summary or the edit menu.
 */
import { DEFAULT_CLIENT_ID } from '../../core/profiles/profile';
import {
  apiVersionChoices,
  defaultConnectionName,
  FIELD_LABELS,
  isSharedPlatform,
  judgeApiVersion,
  judgeClientId,
  judgeClientSecret,
  judgeInstanceUrl,
  judgeName,
  judgePlatformName,
  judgeUsername,
  platformChoices,
  PlatformChoice,
  readApiVersion,
  sharedPlatformQuestion,
  VersionChoice,
  WizardField,
} from '../../core/profiles/wizardModel';
import { normalizeInstanceUrl } from '../../core/sugar/instanceUrl';
import { needsClientSecret, WizardScreen } from '../../core/profiles/wizardSteps';
import { FlowContext, takeNotice, titleFor } from './flowContext';
import type { PickEntry } from './prompter';
import type { Step } from './runSteps';

export function fieldStep(ctx: FlowContext, field: WizardField, next: Step): Step {
  switch (field) {
    case 'instanceUrl':
      return instanceUrlStep(ctx, next);
    case 'username':
      return usernameStep(ctx, next);
    case 'password':
      return passwordStep(ctx, next);
    case 'platform':
      return platformStep(ctx, next);
    case 'clientId':
      return clientIdStep(ctx, next);
    case 'clientSecret':
      return clientSecretStep(ctx, next);
    case 'apiVersion':
      return apiVersionStep(ctx, next);
    case 'name':
      return nameStep(ctx, next);
  }
}

/** A follow-up screen (`screen`) carries the label of the field it asks about. */
const header = (ctx: FlowContext, field: WizardField, screen: WizardScreen = field): { title: string } => ({ title: titleFor(ctx, screen, FIELD_LABELS[field]) });

function instanceUrlStep(ctx: FlowContext, next: Step): Step {
  return async (ui) => {
    const value = await ui.input({
      ...header(ctx, 'instanceUrl'),
      value: ctx.answers.instanceUrl,
      prompt: 'The address of the Sugar instance, as you open it in the browser; any /rest/… part is removed.',
      placeholder: 'https://mycompany.sugarondemand.com',
      notice: takeNotice(ctx),
      judge: judgeInstanceUrl,
    });
    const result = normalizeInstanceUrl(value);
    if (result.ok) {
      ctx.answers.instanceUrl = result.url;
      ctx.answers.apiVersionInUrl = result.apiVersionInUrl;
    }
    return next;
  };
}

function usernameStep(ctx: FlowContext, next: Step): Step {
  return async (ui) => {
    const value = await ui.input({
      ...header(ctx, 'username'),
      value: ctx.answers.username,
      prompt: 'The Sugar user name to log in as.',
      notice: takeNotice(ctx),
      judge: judgeUsername,
    });
    ctx.answers.username = value.trim();
    return next;
  };
}

/** The box starts empty even when a password is known: a password is never put back on screen. */
function passwordStep(ctx: FlowContext, next: Step): Step {
  return async (ui) => {
    const known = Boolean(ctx.answers.password);
    const who = ctx.answers.username || 'the user';
    const value = await ui.input({
      ...header(ctx, 'password'),
      value: '',
      password: true,
      prompt: known ? `The password of ${who}; leave empty to keep the current one.` : `The password of ${who}; leave empty to be asked at each login.`,
      notice: takeNotice(ctx),
    });
    if (value !== '') ctx.answers.password = value;
    return ctx.answers.password ? rememberPasswordStep(ctx, next) : next;
  };
}

function rememberPasswordStep(ctx: FlowContext, next: Step): Step {
  return async (ui) => {
    ctx.answers.rememberPassword = await ui.pick<boolean>({
      ...header(ctx, 'password', 'rememberPassword'),
      placeholder: 'Keep the password, or ask for it at each login?',
      items: [
        { label: "Remember the password (stored in VS Code's secret storage)", detail: 'Logins and expired sessions need no typing', value: true },
        { label: 'Ask at each login', detail: 'The password is not stored', value: false },
      ],
      active: ctx.answers.rememberPassword,
    });
    return next;
  };
}

function platformStep(ctx: FlowContext, next: Step): Step {
  return async (ui) => {
    const choices = platformChoices(ctx.deps.defaultPlatform, ctx.answers.platform);
    const listed = choices.filter((c): c is Extract<PlatformChoice, { kind: 'platform' }> => c.kind === 'platform');
    const current = listed.find((c) => c.platform === ctx.answers.platform) ?? choices.find((c) => c.kind === 'other');
    ctx.followUps.platform = false;
    const picked = await ui.pick<PlatformChoice>({
      ...header(ctx, 'platform'),
      placeholder: takeNotice(ctx) ?? 'The platform to log in on: Sugar keeps one session per user and platform.',
      items: choices.map((choice): PickEntry<PlatformChoice> =>
        choice.kind === 'separator' ? { separator: choice.label } : { label: choice.label, description: 'description' in choice ? choice.description : undefined, detail: choice.detail, value: choice },
      ),
      active: current,
    });
    ctx.followUps.platform = picked.kind === 'other' || (picked.kind === 'platform' && isSharedPlatform(picked.platform));
    if (picked.kind === 'other') return platformNameStep(ctx, next, listed.some((c) => c.platform === ctx.answers.platform));
    if (picked.kind === 'platform' && isSharedPlatform(picked.platform)) return sharedPlatformStep(ctx, picked.platform, next);
    if (picked.kind === 'platform') ctx.answers.platform = picked.platform;
    return next;
  };
}

function sharedPlatformStep(ctx: FlowContext, platform: 'base' | 'mobile' | 'portal', next: Step): Step {
  return async (ui) => {
    const question = sharedPlatformQuestion(platform, ctx.answers.username, ctx.deps.defaultPlatform);
    ctx.answers.platform = await ui.pick<string>({
      ...header(ctx, 'platform', 'platformFollowUp'),
      placeholder: question.question,
      items: [
        { label: question.instead.label, description: 'recommended', detail: question.instead.detail, value: question.instead.platform },
        { label: question.anyway.label, detail: question.anyway.detail, value: question.anyway.platform },
      ],
    });
    return next;
  };
}

function platformNameStep(ctx: FlowContext, next: Step, currentIsListed: boolean): Step {
  return async (ui) => {
    const value = await ui.input({
      ...header(ctx, 'platform', 'platformFollowUp'),
      value: currentIsListed ? '' : ctx.answers.platform,
      prompt: 'A platform name an admin registered in Admin > Configure API Platforms (a-z, 0-9, _ and -).',
      placeholder: 'my_tool',
      judge: judgePlatformName,
    });
    ctx.answers.platform = value.trim();
    return next;
  };
}

/** The secret belongs to a client: a different client id starts from an empty secret, and `sugar`'s is empty. */
function clientIdStep(ctx: FlowContext, next: Step): Step {
  return async (ui) => {
    const value = await ui.input({
      ...header(ctx, 'clientId'),
      value: ctx.answers.clientId,
      prompt: `The OAuth client (Admin > OAuth Keys); ${DEFAULT_CLIENT_ID} is Sugar's own, with an empty secret.`,
      notice: takeNotice(ctx),
      judge: judgeClientId,
    });
    const clientId = value.trim();
    if (clientId !== ctx.answers.clientId || !needsClientSecret(clientId)) ctx.answers.clientSecret = '';
    ctx.answers.clientId = clientId;
    return needsClientSecret(clientId) ? clientSecretStep(ctx, next) : next;
  };
}

/** Empty keeps a known secret (which is never put back on screen); client sugar has none. */
function clientSecretStep(ctx: FlowContext, next: Step): Step {
  return async (ui) => {
    const { clientId } = ctx.answers;
    const builtIn = clientId === DEFAULT_CLIENT_ID;
    const known = Boolean(ctx.answers.clientSecret) && !builtIn;
    const prompt = builtIn
      ? `Client ${DEFAULT_CLIENT_ID} has an empty secret: press Enter.`
      : known
        ? `The secret of OAuth key ${clientId}; leave empty to keep the current one.`
        : `The secret of OAuth key ${clientId} from Admin > OAuth Keys; leave empty if it has none.`;
    const value = await ui.input({
      ...header(ctx, 'clientSecret'),
      value: '',
      password: true,
      prompt,
      notice: takeNotice(ctx),
      judge: (secret) => (secret === '' ? {} : judgeClientSecret(clientId, secret)),
    });
    if (builtIn) ctx.answers.clientSecret = '';
    else if (value !== '') ctx.answers.clientSecret = value;
    return next;
  };
}

function apiVersionStep(ctx: FlowContext, next: Step): Step {
  return async (ui) => {
    const choices = apiVersionChoices(ctx.answers.apiVersion, ctx.answers.apiVersionInUrl);
    ctx.followUps.apiVersion = false;
    const picked = await ui.pick<VersionChoice>({
      ...header(ctx, 'apiVersion'),
      placeholder: takeNotice(ctx) ?? 'The REST API version to use; auto asks the instance for its highest.',
      items: choices.map((choice) => ({ label: choice.label, description: choice.description, detail: choice.detail, value: choice })),
      active: choices.find((c) => c.version === ctx.answers.apiVersion),
    });
    ctx.followUps.apiVersion = picked.kind === 'other' || !picked.version;
    if (picked.kind === 'other' || !picked.version) return apiVersionInputStep(ctx, next);
    ctx.answers.apiVersion = picked.version;
    return next;
  };
}

function apiVersionInputStep(ctx: FlowContext, next: Step): Step {
  return async (ui) => {
    const value = await ui.input({
      ...header(ctx, 'apiVersion', 'apiVersionInput'),
      value: ctx.answers.apiVersion === 'auto' ? '' : ctx.answers.apiVersion,
      prompt: 'A Sugar API version such as v11_20 (11.20 works too).',
      placeholder: 'v11_20',
      judge: judgeApiVersion,
    });
    ctx.answers.apiVersion = readApiVersion(value);
    return next;
  };
}

/** Until the user types a name, the name follows the address (its host name, made unique). */
function nameStep(ctx: FlowContext, next: Step): Step {
  return async (ui) => {
    const suggested = defaultConnectionName(ctx.answers.instanceUrl, ctx.answers.username, ctx.deps.existingNames.filter((n) => !isOwnName(ctx, n)));
    const value = await ui.input({
      ...header(ctx, 'name'),
      value: ctx.nameTyped ? ctx.answers.name : suggested,
      prompt: 'A name for this connection, shown in the Sugar view.',
      notice: takeNotice(ctx),
      judge: (name) => judgeName(name, ctx.deps.existingNames, ctx.original?.name),
    });
    ctx.answers.name = value.trim();
    ctx.nameTyped = ctx.answers.name !== suggested;
    return next;
  };
}

function isOwnName(ctx: FlowContext, name: string): boolean {
  return ctx.original !== undefined && name.toLowerCase() === ctx.original.name.toLowerCase();
}
