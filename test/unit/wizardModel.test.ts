import assert from 'node:assert/strict';
import type { CheckStep } from '../../src/core/profiles/checkConnection';
import { createProfile, Profile } from '../../src/core/profiles/profile';
import {
  answersForNewConnection,
  answersFromProfile,
  apiVersionChoices,
  changedFieldNames,
  changedFields,
  checkStepLabel,
  defaultConnectionName,
  describeAnswers,
  displayValue,
  draftProfile,
  fieldToFix,
  judgeApiVersion,
  judgeClientId,
  judgeClientSecret,
  judgeInstanceUrl,
  judgeName,
  judgePlatformName,
  judgeUsername,
  MASK,
  ownPlatform,
  platformChoices,
  readApiVersion,
  sharedPlatformQuestion,
  toCreateProfileInput,
  uniqueName,
} from '../../src/core/profiles/wizardModel';
import { needsClientSecret, plannedScreens, stepCounter, visibleFields } from '../../src/core/profiles/wizardSteps';
import { checkReportView } from '../../src/core/profiles/checkReportActions';
import { SugarError } from '../../src/core/sugar/errors';

const stored = (overrides: Partial<Profile> = {}): Profile => ({
  ...createProfile({ name: 'Prod', instanceUrl: 'https://acme.sugarondemand.com', username: 'jim', password: 'pw', rememberPassword: true }).profile,
  ...overrides,
});

describe('wizardModel', () => {
  describe('judging typed values', () => {
    it('says how an instance URL was understood, and what was removed', () => {
      const feedback = judgeInstanceUrl('acme.sugarondemand.com/rest/v11_4/');
      assert.equal(feedback.error, undefined);
      assert.match(feedback.note ?? '', /^Understood as https:\/\/acme\.sugarondemand\.com — added https:\/\/; removed \/rest\/v11_4 from the end/);
      assert.equal(judgeInstanceUrl('https://acme.sugarondemand.com').note, 'Understood as https://acme.sugarondemand.com');
    });

    it('blocks a URL that cannot be one and warns about plain http', () => {
      assert.match(judgeInstanceUrl('').error ?? '', /Enter the address/);
      assert.match(judgeInstanceUrl('https://user:pw@acme.example.com').error ?? '', /user name or password/);
      assert.match(judgeInstanceUrl('http://crm.example.com').warning ?? '', /unencrypted/);
      assert.equal(judgeInstanceUrl('http://localhost:8080').warning, undefined);
    });

    it('uses the core validators for user name, platform, client id and secret', () => {
      assert.match(judgeUsername('  ').error ?? '', /user name/);
      assert.deepEqual(judgeUsername('jim'), {});
      assert.match(judgePlatformName('My Tool').error ?? '', /Did you mean my_tool\?/);
      assert.match(judgePlatformName('base').warning ?? '', /browser session/);
      assert.deepEqual(judgePlatformName('custom_api'), {});
      assert.match(judgeClientId('').error ?? '', /cannot be empty/);
      assert.match(judgeClientId('my client').error ?? '', /spaces/);
      assert.match(judgeClientSecret('sugar', 'x').error ?? '', /empty secret/);
      assert.deepEqual(judgeClientSecret('explorer', 'x'), {});
    });

    it('reads API versions the way people write them', () => {
      assert.match(judgeApiVersion('11.24').note ?? '', /v11_24 \(Sugar 14\.0 or later\)/);
      assert.equal(readApiVersion('11.24'), 'v11_24');
      assert.equal(readApiVersion(' AUTO '), 'auto');
      assert.match(judgeApiVersion('latest').error ?? '', /auto or a Sugar version/);
      assert.ok(judgeApiVersion('').error);
    });

    it('requires a unique name, ignoring case and the connection being edited', () => {
      assert.match(judgeName('prod', ['Prod', 'Test']).error ?? '', /exists already/);
      assert.deepEqual(judgeName('prod', ['Prod', 'Test'], 'Prod'), {});
      assert.match(judgeName(' ', []).error ?? '', /name/);
    });
  });

  describe('names', () => {
    it('suggests "user @ host", made unique; the host alone without a user or when that is too long', () => {
      assert.equal(defaultConnectionName('http://127.0.0.1:8080', 'admin', []), 'admin @ 127.0.0.1:8080');
      assert.equal(defaultConnectionName('acme.sugarondemand.com/rest/v11', ' jim ', ['jim @ acme.sugarondemand.com']), 'jim @ acme.sugarondemand.com (2)');
      assert.equal(defaultConnectionName('acme.sugarondemand.com/rest/v11', '', []), 'acme.sugarondemand.com');
      assert.equal(defaultConnectionName('http://localhost:8080', '', ['localhost:8080']), 'localhost:8080 (2)');
      assert.equal(defaultConnectionName('http://localhost:8080', 'x'.repeat(95), []), 'localhost:8080');
      assert.equal(uniqueName('A', ['a', 'A (2)']), 'A (3)');
    });
  });

  describe('choices', () => {
    it('offers the default platform first, then another, then the shared ones with warnings', () => {
      const choices = platformChoices('custom_api');
      assert.deepEqual(choices.map((c) => c.label), [
        'custom_api',
        'Enter another platform name…',
        "Shared: a login ends someone's session",
        'base',
        'mobile',
        'portal',
      ]);
      const first = choices[0];
      assert.ok(first.kind === 'platform' && first.detail === 'Your own platform: your browser session stays logged in');
      assert.ok(choices.filter((c) => c.kind === 'platform' && c.shared).every((c) => c.kind === 'platform' && c.detail.length > 0));
    });

    it('keeps a custom current platform and never suggests a shared default as "your own"', () => {
      assert.deepEqual(platformChoices('opi', 'my_tool').slice(0, 3).map((c) => c.label), ['opi', 'custom_api', 'my_tool']);
      assert.equal(ownPlatform('base'), 'custom_api');
      assert.equal(platformChoices('base')[0].label, 'custom_api');
    });

    it('explains what a shared platform costs and offers the own one instead', () => {
      const question = sharedPlatformQuestion('base', 'jim', 'custom_api');
      assert.match(question.question, /ends jim's own browser session/);
      assert.equal(question.instead.label, 'Use custom_api instead');
      assert.equal(question.anyway.label, 'Use base anyway');
      assert.match(sharedPlatformQuestion('mobile', '', 'custom_api').question, /this user's own mobile app session/);
    });

    it('offers auto first, then the version from the pasted URL, the common ones and "enter"', () => {
      const labels = apiVersionChoices('auto', 'v11_4').map((c) => c.label);
      assert.deepEqual(labels.slice(0, 3), ['auto', 'v11_4', 'v11_27']);
      assert.equal(labels.at(-1), 'Enter a version…');
      assert.ok(labels.includes('v10'));
      const v1124 = apiVersionChoices('auto').find((c) => c.version === 'v11_24');
      assert.equal(v1124?.description, 'Sugar 14.0 or later');
      assert.equal(apiVersionChoices('v11_20').filter((c) => c.version === 'v11_20').length, 1);
    });
  });

  describe('answers in and out', () => {
    it('builds a CreateProfileInput that createProfile accepts without issues', () => {
      const answers = answersForNewConnection('custom_api', { instanceUrl: 'acme.sugarondemand.com', username: 'jim', name: 'Acme' });
      answers.password = 'secret-pw';
      const input = toCreateProfileInput(answers);
      assert.equal(input.password, 'secret-pw');
      assert.equal(input.rememberPassword, true);
      assert.equal(input.platform, 'custom_api');
      assert.equal(input.apiVersion, 'auto');
      assert.deepEqual(createProfile(input).issues, []);
    });

    it('leaves out a password the user chose not to remember', () => {
      const answers = answersForNewConnection('custom_api', { instanceUrl: 'https://a.example.com', username: 'jim', name: 'A' });
      answers.password = 'secret-pw';
      answers.rememberPassword = false;
      const input = toCreateProfileInput(answers);
      assert.equal('password' in input, false);
      assert.equal(input.rememberPassword, false);
    });

    it('carries TLS, proxy and timeouts of a start value through', () => {
      const input = toCreateProfileInput(
        answersForNewConnection('custom_api', { name: 'A', instanceUrl: 'https://a.example.com', username: 'u', tls: { verify: false }, proxy: { mode: 'none' }, timeouts: { connectMs: 5000 } }),
      );
      assert.deepEqual([input.tls, input.proxy, input.timeouts], [{ verify: false }, { mode: 'none' }, { connectMs: 5000 }]);
    });

    it('returns only changed fields and never puts an unchanged secret back', () => {
      const profile = stored({ clientId: 'explorer', clientSecret: 's3cret' });
      const answers = answersFromProfile(profile);
      assert.deepEqual(changedFields(profile, answers), {});
      answers.platform = 'opi';
      answers.name = ' Prod 2 ';
      assert.deepEqual(changedFields(profile, answers), { platform: 'opi', name: 'Prod 2' });
      assert.deepEqual(changedFieldNames(profile, answers), ['platform', 'name']);
    });

    it('removes a password that is no longer to be remembered, and stores a new one', () => {
      const profile = stored();
      const forget = { ...answersFromProfile(profile), rememberPassword: false };
      const changes = changedFields(profile, forget);
      assert.deepEqual(changes, { rememberPassword: false, password: undefined });
      assert.ok('password' in changes);
      assert.deepEqual(changedFields(profile, { ...answersFromProfile(profile), password: 'new-pw' }), { password: 'new-pw' });
    });

    it('drafts a profile for the check that keeps the edited one\'s id and network settings', () => {
      const profile = stored({ tls: { verify: false }, proxy: { mode: 'none' } });
      const draft = draftProfile({ ...answersFromProfile(profile), platform: 'opi' }, profile);
      assert.equal(draft.id, profile.id);
      assert.equal(draft.platform, 'opi');
      assert.deepEqual(draft.tls, { verify: false });
      assert.deepEqual(draft.proxy, { mode: 'none' });
    });
  });

  describe('showing answers and results', () => {
    it('masks secrets and says when none is set', () => {
      const answers = answersFromProfile(stored({ clientId: 'explorer', clientSecret: 's3cret' }));
      assert.equal(displayValue(answers, 'password'), `${MASK} (remembered)`);
      assert.equal(displayValue(answers, 'clientSecret'), MASK);
      assert.equal(displayValue({ ...answers, password: undefined }, 'password'), 'asked at each login');
      assert.equal(displayValue({ ...answers, clientSecret: '' }, 'clientSecret'), '(empty)');
      assert.match(displayValue({ ...answers, apiVersion: 'v11_24' }, 'apiVersion'), /v11_24 \(Sugar 14\.0 or later\)/);
      const line = describeAnswers(answers);
      assert.ok(!line.includes('s3cret') && !line.includes('pw,'), line);
    });

    it('marks check steps and names the field that fixes a failure', () => {
      const step = (s: Partial<CheckStep>): CheckStep => ({ name: 'login', ok: false, detail: 'x.', ...s });
      assert.equal(checkStepLabel(step({ name: 'reachable', ok: true })), '✓ Reachable');
      assert.equal(checkStepLabel(step({})), '✗ Login');
      assert.equal(checkStepLabel(step({ skipped: true })), '– Login');
      assert.equal(fieldToFix(step({ name: 'reachable' })), 'instanceUrl');
      assert.equal(fieldToFix(step({ name: 'platform' })), 'platform');
      assert.equal(fieldToFix(step({})), 'password');
      const clientError = new SugarError({ kind: 'sugar', status: 400, label: 'invalid_client', explanation: 'x.' });
      assert.equal(fieldToFix(step({ error: clientError })), 'clientId');
    });
  });

  describe('the steps asked', () => {
    const none = { platform: false, apiVersion: false };
    it('asks the client secret only for a client other than sugar, and "remember?" only after a password', () => {
      const answers = answersForNewConnection('custom_api');
      assert.deepEqual(plannedScreens(answers, none), ['instanceUrl', 'username', 'password', 'platform', 'clientId', 'apiVersion', 'name']);
      assert.deepEqual(plannedScreens({ ...answers, password: 'pw', clientId: 'explorer' }, { platform: true, apiVersion: true }), [
        'instanceUrl', 'username', 'password', 'rememberPassword', 'platform', 'platformFollowUp', 'clientId', 'clientSecret', 'apiVersion', 'apiVersionInput', 'name',
      ]);
      assert.equal(needsClientSecret(' sugar '), false);
      assert.equal(needsClientSecret('explorer'), true);
    });

    it('numbers each screen once, with a total that follows the answers', () => {
      const answers = answersForNewConnection('custom_api');
      assert.deepEqual(stepCounter(answers, none, 'password'), { step: 3, total: 7 });
      assert.deepEqual(stepCounter({ ...answers, password: 'pw' }, none, 'rememberPassword'), { step: 4, total: 8 });
      assert.deepEqual(stepCounter({ ...answers, password: 'pw' }, none, 'platform'), { step: 5, total: 8 });
      assert.equal(stepCounter(answers, none, 'clientSecret'), undefined, 'client sugar: no secret screen');
    });

    it('shows no secret row for client sugar unless a secret is set', () => {
      const answers = answersForNewConnection('custom_api');
      assert.ok(!visibleFields(answers).includes('clientSecret'));
      assert.ok(visibleFields({ ...answers, clientId: 'explorer' }).includes('clientSecret'));
      assert.ok(visibleFields({ ...answers, clientSecret: 'stray' }).includes('clientSecret'));
    });
  });

  describe('the report of Check Connection', () => {
    const ok = (name: CheckStep['name']): CheckStep => ({ name, ok: true, detail: `${name} ok.` });
    it('offers first the edit of the field that fixes the first failed step, then the log', () => {
      const view = checkReportView('Prod', {
        ok: false,
        steps: [ok('reachable'), ok('apiVersion'), ok('platform'), { name: 'login', ok: false, detail: 'The password is wrong.' }],
      });
      assert.deepEqual(view.actions.map((a) => a.label), ['$(edit) Edit Connection: Password', '$(output) Open Log', '$(close) Close']);
      assert.deepEqual(view.actions[0].action, { kind: 'edit', field: 'password', notice: 'The password is wrong.' });
      assert.match(view.placeholder, /^Prod: the check found a problem/);
      assert.deepEqual(view.steps.map((s) => s.label), ['✓ Reachable', '✓ API version', '✓ Platform', '✗ Login']);
      assert.deepEqual(view.steps[3].action, { kind: 'edit', field: 'password', notice: 'The password is wrong.' });
    });

    it('says OK when every step passed or was skipped', () => {
      const view = checkReportView('Prod', { ok: true, steps: [ok('reachable'), ok('apiVersion'), { name: 'platform', ok: false, skipped: true, detail: 'Not checked.' }] });
      assert.deepEqual(view.actions.map((a) => a.action.kind), ['close']);
      assert.equal(view.placeholder, 'Prod: the connection works.');
    });
  });
});
