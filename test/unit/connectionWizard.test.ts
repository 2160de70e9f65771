/**
 * The connection wizards' flows, driven by a scripted Prompter instead of VS Code's quick input:
 * step order, titles and counters, Back, Escape, validation, the check screen, and the results.
 */
import assert from 'node:assert/strict';
import type { CheckReport } from '../../src/core/profiles/checkConnection';
import { createProfile, Profile } from '../../src/core/profiles/profile';
import { MASK } from '../../src/core/profiles/wizardModel';
import { runConnectionChanges } from '../../src/vscode/connectionWizard/changeConnectionFlow';
import type { CheckOutcome, FlowDeps } from '../../src/vscode/connectionWizard/flowContext';
import { runNewConnection } from '../../src/vscode/connectionWizard/newConnectionFlow';
import { InputSpec, PickEntry, PickSpec, Prompter, WizardBack, WizardCancel } from '../../src/vscode/connectionWizard/prompter';
import { runSteps, Step } from '../../src/vscode/connectionWizard/runSteps';

type Screen = { kind: 'pick'; spec: PickSpec<unknown>; canGoBack: boolean } | { kind: 'input'; spec: InputSpec; canGoBack: boolean };
type Reply = { value: unknown } | 'back' | 'cancel';
type Move = (screen: Screen) => Reply;

/** Plays a script of moves, one per screen, and keeps every screen shown for later assertions. */
class ScriptedPrompter implements Prompter {
  readonly screens: Screen[] = [];
  disposed = false;
  constructor(private readonly moves: Move[]) {}

  pick<T>(spec: PickSpec<T>, canGoBack: boolean): Promise<T> {
    return this.play({ kind: 'pick', spec: spec as PickSpec<unknown>, canGoBack }) as Promise<T>;
  }
  input(spec: InputSpec, canGoBack: boolean): Promise<string> {
    return this.play({ kind: 'input', spec, canGoBack }) as Promise<string>;
  }
  dispose(): void {
    this.disposed = true;
  }
  get unplayed(): number {
    return this.moves.length;
  }

  private async play(screen: Screen): Promise<unknown> {
    this.screens.push(screen);
    const move = this.moves.shift();
    if (!move) throw new Error(`The script ended before the screen "${screen.spec.title}" (${describeScreen(screen)}).`);
    const reply = move(screen);
    if (reply === 'back') {
      assert.ok(screen.canGoBack, `Back pressed on "${screen.spec.title}", which has no Back button`);
      throw new WizardBack();
    }
    if (reply === 'cancel') throw new WizardCancel();
    return reply.value;
  }
}

function describeScreen(screen: Screen): string {
  return screen.kind === 'pick' ? `pick: ${screen.spec.placeholder}` : `input: ${screen.spec.prompt}`;
}

function labelsOf(screen: Screen): string[] {
  assert.equal(screen.kind, 'pick');
  return (screen.spec as PickSpec<unknown>).items.map((e: PickEntry<unknown>) => ('separator' in e ? `-- ${e.separator}` : e.label));
}

/** Picks the first item whose label starts with `label`. */
const choose =
  (label: string, check?: (spec: PickSpec<unknown>, screen: Screen) => void): Move =>
  (screen) => {
    assert.equal(screen.kind, 'pick', `expected a pick for "${label}", got ${describeScreen(screen)}`);
    const spec = screen.spec as PickSpec<unknown>;
    check?.(spec, screen);
    const item = spec.items.find((e) => !('separator' in e) && e.label.startsWith(label));
    assert.ok(item && !('separator' in item), `no item "${label}" in ${JSON.stringify(labelsOf(screen))}`);
    return { value: item.value };
  };

/** Types a value and presses Enter; the value must pass the screen's judge, as the real box requires. */
const type =
  (value: string, check?: (spec: InputSpec) => void): Move =>
  (screen) => {
    assert.equal(screen.kind, 'input', `expected an input for "${value}", got ${describeScreen(screen)}`);
    const spec = screen.spec as InputSpec;
    check?.(spec);
    const error = spec.judge?.(value).error;
    assert.equal(error, undefined, `"${value}" was refused on "${spec.title}": ${error}`);
    return { value };
  };

/** Enter on the pre-filled value. */
const accept = (check?: (spec: InputSpec) => void): Move => (screen) => type((screen.spec as InputSpec).value, check)(screen);
/** Enter on a pick: the highlighted entry, as the real quick pick does (`active`, else the first). */
const enter =
  (check?: (spec: PickSpec<unknown>, screen: Screen) => void): Move =>
  (screen) => {
    assert.equal(screen.kind, 'pick', `expected a pick, got ${describeScreen(screen)}`);
    const spec = screen.spec as PickSpec<unknown>;
    check?.(spec, screen);
    const first = spec.items.find((e) => !('separator' in e));
    assert.ok(first && !('separator' in first));
    return { value: spec.active !== undefined ? spec.active : first.value };
  };
const back: Move = () => 'back';
const escape: Move = () => 'cancel';

/** Asserts a typed value is refused (the box stays open) and then moves on with the next move. */
const refused =
  (value: string, message: RegExp, then: Move): Move =>
  (screen) => {
    const error = (screen.spec as InputSpec).judge?.(value).error ?? '';
    assert.match(error, message);
    return then(screen);
  };

const okReport: CheckReport = {
  ok: true,
  highestVersion: 'v11_24',
  steps: [
    { name: 'reachable', ok: true, detail: 'The instance answered at https://acme.sugarondemand.com.' },
    { name: 'apiVersion', ok: true, detail: 'It offers API versions up to v11_24 (Sugar 14.0 or later).' },
    { name: 'platform', ok: true, detail: 'The instance accepts platform custom_api.' },
    { name: 'login', ok: true, detail: 'Logged in as jim and out again.' },
  ],
};

function platformRefused(platform: string): CheckReport {
  return {
    ok: false,
    steps: [
      okReport.steps[0],
      okReport.steps[1],
      { name: 'platform', ok: false, detail: `The platform "${platform}" is not registered on this instance; an admin adds it in Admin > Configure API Platforms.` },
      { name: 'login', ok: false, skipped: true, detail: 'Not checked: the instance refused the platform first.' },
    ],
  };
}

function deps(overrides: Partial<FlowDeps> & { checks?: Array<{ profile: Profile; password?: string }>; outcomes?: CheckOutcome[] } = {}): FlowDeps {
  const outcomes = overrides.outcomes ?? [];
  return {
    defaultPlatform: 'custom_api',
    existingNames: [],
    check: async (profile, password) => {
      overrides.checks?.push({ profile, password });
      return outcomes.length > 0 ? outcomes.shift() : { report: okReport };
    },
    ...overrides,
  };
}

/** The screens of a straight run with the usual answers (client sugar: no secret), ending on the summary. */
function straightRun(extra: { password?: string } = {}): Move[] {
  return [
    type('acme.sugarondemand.com/rest/v11_4/'),
    type('jim'),
    type(extra.password ?? 'pw'),
    ...(extra.password === '' ? [] : [choose('Remember the password')]),
    choose('custom_api'),
    accept(),
    choose('auto'),
    accept(),
  ];
}

describe('connection wizard flows', () => {
  describe('new connection', () => {
    it('asks each field in order with a step counter, and returns a CreateProfileInput on Save', async () => {
      const ui = new ScriptedPrompter([
        type('acme.sugarondemand.com/rest/v11_4/', (spec) => {
          assert.equal(spec.title, 'Add Sugar Connection (1/7)');
          assert.match(spec.judge?.('acme.sugarondemand.com/rest/v11_4/').note ?? '', /^Understood as https:\/\/acme\.sugarondemand\.com — .*removed \/rest\/v11_4/);
        }),
        type('jim', (spec) => assert.equal(spec.title, 'Add Sugar Connection (2/7)')),
        type('pw', (spec) => {
          assert.equal(spec.title, 'Add Sugar Connection (3/7)');
          assert.equal(spec.password, true);
          assert.equal(spec.value, '');
        }),
        // A typed password adds its question: the total follows the questions asked.
        choose('Remember the password (stored in VS Code\'s secret storage)', (spec) => assert.equal(spec.title, 'Add Sugar Connection (4/8)')),
        choose('custom_api', (spec, screen) => {
          assert.equal(spec.title, 'Add Sugar Connection (5/8)');
          assert.deepEqual(labelsOf(screen).slice(0, 2), ['custom_api', 'Enter another platform name…']);
        }),
        // Client sugar has an empty secret: no screen asks for it.
        accept((spec) => {
          assert.equal(spec.title, 'Add Sugar Connection (6/8)');
          assert.equal(spec.value, 'sugar');
        }),
        choose('auto', (_spec, screen) => {
          assert.equal(screen.spec.title, 'Add Sugar Connection (7/8)');
          const items = (screen.spec as PickSpec<unknown>).items;
          const fromUrl = items.find((e) => !('separator' in e) && e.label === 'v11_4');
          assert.ok(fromUrl && !('separator' in fromUrl) && fromUrl.description === 'from the pasted address');
        }),
        accept((spec) => {
          assert.equal(spec.title, 'Add Sugar Connection (8/8)');
          assert.equal(spec.value, 'jim @ acme.sugarondemand.com');
        }),
        choose('$(save) Save', (spec, screen) => {
          assert.equal(spec.title, 'Add Sugar Connection: summary');
          const text = JSON.stringify(spec.items);
          assert.ok(!text.includes('"pw"') && text.includes(MASK), 'the summary must mask the password');
          assert.ok(labelsOf(screen).includes('$(pulse) Check connection first'));
        }),
      ]);
      const result = await runNewConnection(ui, deps());
      assert.deepEqual(result, {
        name: 'jim @ acme.sugarondemand.com',
        instanceUrl: 'https://acme.sugarondemand.com',
        username: 'jim',
        password: 'pw',
        rememberPassword: true,
        platform: 'custom_api',
        clientId: 'sugar',
        clientSecret: '',
        apiVersion: 'auto',
      });
      assert.equal(ui.unplayed, 0);
      assert.equal(ui.disposed, true);
      assert.equal(ui.screens[0].canGoBack, false, 'the first step has no Back button');
      assert.ok(ui.screens.slice(1).every((s) => s.canGoBack), 'every later step has a Back button');
      assert.deepEqual(createProfile(result!).issues, []);
    });

    it('goes Back to the previous step with its answer, and Escape cancels silently', async () => {
      const ui = new ScriptedPrompter([
        type('acme.sugarondemand.com'),
        back,
        type('https://other.example.com', (spec) => assert.equal(spec.value, 'https://acme.sugarondemand.com')),
        type('jim'),
        type(''),
        back, // on the platform: back to the password
        back, // on the password: back to the user name
        accept((spec) => assert.equal(spec.value, 'jim')),
        type(''),
        escape,
      ]);
      assert.equal(await runNewConnection(ui, deps()), undefined);
      assert.equal(ui.unplayed, 0);
      assert.equal(ui.disposed, true);
    });

    it('Back from the summary returns to the name step, even after changing an answer from the summary', async () => {
      const ui = new ScriptedPrompter([
        ...straightRun(),
        choose('Platform'),
        choose('Enter another platform name'),
        type('opi'),
        back, // on the summary: back to the name, not into the platform detour
        accept((spec) => assert.equal(spec.title, 'Add Sugar Connection: Connection name', 'after the summary a field has no counter')),
        choose('$(save) Save'),
      ]);
      const result = await runNewConnection(ui, deps());
      assert.equal(result?.platform, 'opi');
    });

    it('asks again before using base, and switches to the own platform on request', async () => {
      const ui = new ScriptedPrompter([
        type('acme.sugarondemand.com'),
        type('jim'),
        type(''),
        choose('base'),
        choose('Use custom_api instead', (spec) => {
          assert.match(spec.placeholder, /A login on base ends jim's own browser session/);
          assert.equal(spec.title, 'Add Sugar Connection (5/8)', 'the follow-up question has a number of its own');
        }),
        accept((spec) => assert.equal(spec.title, 'Add Sugar Connection (6/8)')),
        choose('auto'),
        accept(),
        choose('$(save) Save'),
      ]);
      const result = await runNewConnection(ui, deps());
      assert.equal(result?.platform, 'custom_api');
      assert.equal(result?.rememberPassword, false, 'no password: asked at each login');
      assert.equal('password' in result!, false);
    });

    it('keeps base when the user insists, and validates a typed platform name', async () => {
      const insist = new ScriptedPrompter([type('a.example.com'), type('jim'), type(''), choose('mobile'), choose('Use mobile anyway'), accept(), choose('auto'), accept(), choose('$(save) Save')]);
      assert.equal((await runNewConnection(insist, deps()))?.platform, 'mobile');

      const typed = new ScriptedPrompter([
        type('a.example.com'),
        type('jim'),
        type(''),
        choose('Enter another platform name'),
        refused('My Tool', /Did you mean my_tool\?/, type('my_tool')),
        accept(),
        choose('auto'),
        accept(),
        choose('$(save) Save'),
      ]);
      assert.equal((await runNewConnection(typed, deps()))?.platform, 'my_tool');
    });

    it('asks no secret for client sugar, asks one for another client, and counts the screens truly', async () => {
      const ui = new ScriptedPrompter([
        type('a.example.com', (spec) => assert.equal(spec.title, 'Add Sugar Connection (1/7)')),
        type('jim'),
        type(''),
        choose('custom_api'),
        accept((spec) => assert.equal(spec.title, 'Add Sugar Connection (5/7)')),
        back, // on the API version: back to the client id
        type('explorer'),
        type('explorer-secret', (spec) => {
          assert.equal(spec.title, 'Add Sugar Connection (6/8)');
          assert.match(spec.prompt, /secret of OAuth key explorer/);
        }),
        choose('Enter a version', (spec) => assert.equal(spec.title, 'Add Sugar Connection (7/8)')),
        type('11.20', (spec) => assert.equal(spec.title, 'Add Sugar Connection (8/9)')),
        accept((spec) => {
          assert.equal(spec.title, 'Add Sugar Connection (9/9)');
          assert.equal(spec.value, 'jim @ a.example.com');
        }),
        choose('$(save) Save'),
      ]);
      const result = await runNewConnection(ui, deps());
      assert.equal(result?.clientId, 'explorer');
      assert.equal(result?.clientSecret, 'explorer-secret');
      assert.equal(result?.apiVersion, 'v11_20');
    });

    it('suggests a unique name and refuses a taken one', async () => {
      const ui = new ScriptedPrompter([
        ...straightRun().slice(0, -1),
        refused('JIM @ ACME.sugarondemand.com', /exists already/, accept((spec) => assert.equal(spec.value, 'jim @ acme.sugarondemand.com (2)'))),
        choose('$(save) Save'),
      ]);
      const result = await runNewConnection(ui, deps({ existingNames: ['jim @ acme.sugarondemand.com'] }));
      assert.equal(result?.name, 'jim @ acme.sugarondemand.com (2)');
    });

    it('checks first, shows ✓/✗ per step, and a failed row opens the field that fixes it', async () => {
      const checks: Array<{ profile: Profile; password?: string }> = [];
      const ui = new ScriptedPrompter([
        ...straightRun(),
        choose('$(pulse) Check connection first'),
        choose('✗ Platform', (spec, screen) => {
          assert.equal(spec.title, 'Add Sugar Connection: check');
          assert.deepEqual(labelsOf(screen), ['$(edit) Change Platform', '$(save) Save anyway', '$(arrow-left) Back', '-- Check results', '✓ Reachable', '✓ API version', '✗ Platform', '– Login']);
        }),
        choose('Enter another platform name', (spec) => assert.match(spec.placeholder, /not registered on this instance/)),
        type('opi'),
        choose('$(pulse) Check connection first'),
        choose('$(save) Save', (spec) => assert.match(spec.placeholder, /passed/)),
      ]);
      const result = await runNewConnection(ui, deps({ checks, outcomes: [{ report: platformRefused('custom_api') }, { report: okReport }] }));
      assert.equal(result?.platform, 'opi');
      assert.equal(checks.length, 2);
      assert.equal(checks[0].profile.platform, 'custom_api');
      assert.equal(checks[0].password, 'pw');
      assert.equal(checks[1].profile.platform, 'opi');
      assert.equal(checks[1].profile.instanceUrl, 'https://acme.sugarondemand.com');
    });

    it('after a failed check Enter changes the failing answer, not Save; Save anyway stays possible', async () => {
      const ui = new ScriptedPrompter([
        ...straightRun(),
        choose('$(pulse) Check connection first'),
        back, // from the results to the summary: the failure still stands there
        enter((spec) => {
          assert.equal((spec.items[0] as { label: string }).label, '$(save) Save anyway');
          assert.match(spec.placeholder, /check failed at Platform/);
        }),
        choose('Enter another platform name', (spec) => assert.equal(spec.title, 'Add Sugar Connection: Platform')),
        type('opi'),
        // Changed since the check: Save is the default again.
        enter((spec) => assert.equal((spec.items[0] as { label: string }).label, '$(save) Save')),
      ]);
      const result = await runNewConnection(ui, deps({ outcomes: [{ report: platformRefused('custom_api') }] }));
      assert.equal(result?.platform, 'opi');
      assert.equal(ui.unplayed, 0);
    });

    it('Enter on the results of a failed check opens the field, with the failure shown', async () => {
      const ui = new ScriptedPrompter([
        ...straightRun(),
        choose('$(pulse) Check connection first'),
        enter((spec) => assert.match(spec.placeholder, /check failed: press Enter to change the platform/)),
        choose('custom_api', (spec) => assert.match(spec.placeholder, /not registered on this instance/)),
        choose('$(save) Save anyway'),
      ]);
      const result = await runNewConnection(ui, deps({ outcomes: [{ report: platformRefused('custom_api') }] }));
      assert.equal(result?.platform, 'custom_api', 'Save anyway saves the answers as they are');
    });

    it('a check that could not run offers Back first, and saving without a check', async () => {
      const ui = new ScriptedPrompter([
        ...straightRun(),
        choose('$(pulse) Check connection first'),
        enter((_spec, screen) => assert.deepEqual(labelsOf(screen), ['$(arrow-left) Back', '$(save) Save without a check'])),
        choose('$(save) Save'),
      ]);
      assert.equal((await runNewConnection(ui, deps({ outcomes: [{ failure: 'boom' }] })))?.username, 'jim');
    });

    it('returns to the summary when the check is cancelled, and from the results with Back', async () => {
      const ui = new ScriptedPrompter([
        ...straightRun(),
        choose('$(pulse) Check connection first'),
        choose('$(pulse) Check connection first'),
        choose('$(arrow-left) Back'),
        choose('$(pulse) Check connection first'),
        choose('$(save) Save without a check', (spec) => assert.match(spec.placeholder, /could not run: boom/)),
      ]);
      const result = await runNewConnection(ui, deps({ outcomes: [undefined, { report: okReport }, { failure: 'boom' }] }));
      assert.equal(result?.username, 'jim');
    });

    it('Cancel on the summary returns nothing', async () => {
      const ui = new ScriptedPrompter([...straightRun(), choose('$(close) Cancel')]);
      assert.equal(await runNewConnection(ui, deps()), undefined);
    });

    it('starts from given answers (a duplicate) and never shows their secrets', async () => {
      const ui = new ScriptedPrompter([
        accept((spec) => assert.equal(spec.value, 'https://acme.sugarondemand.com')),
        accept(),
        type('', (spec) => {
          assert.equal(spec.value, '');
          assert.match(spec.prompt, /leave empty to keep the current one/);
        }),
        choose('Remember'),
        choose('opi', (_spec, screen) => assert.deepEqual(labelsOf(screen).slice(0, 3), ['custom_api', 'opi', 'Enter another platform name…'])),
        accept(),
        type('', (spec) => assert.match(spec.prompt, /leave empty to keep the current one/)),
        choose('auto'),
        accept((spec) => assert.equal(spec.value, 'Acme copy')),
        choose('$(save) Save'),
      ]);
      const start = { name: 'Acme copy', instanceUrl: 'https://acme.sugarondemand.com', username: 'jim', password: 'pw', rememberPassword: true, platform: 'opi', clientId: 'explorer', clientSecret: 'explorer-secret' };
      const result = await runNewConnection(ui, deps(), start);
      assert.equal(result?.password, 'pw');
      assert.equal(result?.clientSecret, 'explorer-secret');
      for (const screen of ui.screens) {
        const shown = JSON.stringify({ ...screen.spec, judge: undefined });
        assert.ok(!shown.includes('explorer-secret') && !shown.includes('"pw"'), `a secret was shown on "${screen.spec.title}"`);
      }
    });
  });

  describe('edit connection', () => {
    const stored = (): Profile =>
      createProfile({
        name: 'Prod',
        instanceUrl: 'https://acme.sugarondemand.com',
        username: 'jim',
        password: 'pw',
        rememberPassword: true,
        clientId: 'explorer',
        clientSecret: 'explorer-secret',
      }).profile;

    it('shows each field with its value, secrets as •••, and returns only what changed', async () => {
      const ui = new ScriptedPrompter([
        choose('Platform', (spec, screen) => {
          assert.equal(spec.title, 'Edit Connection "Prod"');
          const items = (screen.spec as PickSpec<unknown>).items.filter((e) => !('separator' in e)) as Array<{ label: string; description?: string }>;
          const value = (label: string): string | undefined => items.find((i) => i.label === label)?.description;
          assert.equal(value('Password'), `${MASK} (remembered)`);
          assert.equal(value('Client secret'), MASK);
          assert.equal(value('Instance URL'), 'https://acme.sugarondemand.com');
          assert.equal(screen.canGoBack, false);
        }),
        choose('Enter another platform name', (spec) => assert.equal(spec.title, 'Edit Connection "Prod": Platform')),
        type('opi'),
        choose('Password'),
        type('', (spec) => assert.equal(spec.value, '')),
        choose('Remember'),
        choose('Client secret'),
        type(''),
        choose('$(save) Save', (_spec, screen) => {
          const save = (screen.spec as PickSpec<unknown>).items[0] as { description?: string };
          assert.equal(save.description, '1 changed: Platform');
        }),
      ]);
      assert.deepEqual(await runConnectionChanges(ui, deps(), stored()), { platform: 'opi' });
    });

    it('opens at a failed check\'s field with its sentence; Back shows the menu; a failed check there makes the field the default', async () => {
      const profile = stored();
      const ui = new ScriptedPrompter([
        type('https://acme.sugarondemand.com:8443', (spec) => {
          assert.equal(spec.title, 'Edit Connection "Prod": Instance URL');
          assert.equal(spec.notice, 'Nothing answered at https://acme.sugarondemand.com.');
        }),
        choose('$(pulse) Check connection'),
        back, // from the results to the menu
        enter((spec) => assert.match(spec.placeholder, /check failed at Instance URL/)),
        back, // from the field to the menu
        choose('$(save) Save anyway'),
      ]);
      const unreachable: CheckReport = {
        ok: false,
        steps: [
          { name: 'reachable', ok: false, detail: 'Nothing answered at https://acme.sugarondemand.com:8443.' },
          { name: 'apiVersion', ok: false, skipped: true, detail: 'Not checked: the instance did not answer.' },
          { name: 'platform', ok: false, skipped: true, detail: 'Not checked.' },
          { name: 'login', ok: false, skipped: true, detail: 'Not checked.' },
        ],
      };
      const changes = await runConnectionChanges(ui, deps({ outcomes: [{ report: unreachable }] }), profile, {
        field: 'instanceUrl',
        notice: 'Nothing answered at https://acme.sugarondemand.com.',
      });
      assert.deepEqual(changes, { instanceUrl: 'https://acme.sugarondemand.com:8443' });
      assert.equal(ui.unplayed, 0);
    });

    it('Escape discards the changes', async () => {
      const ui = new ScriptedPrompter([choose('User name'), type('sally'), escape]);
      assert.equal(await runConnectionChanges(ui, deps(), stored()), undefined);
    });

    it('clears the secret when the client changes to sugar, and forgets a password on request', async () => {
      const ui = new ScriptedPrompter([
        choose('Client ID'),
        type('sugar'),
        choose('Password', (_spec, screen) => assert.ok(!labelsOf(screen).includes('Client secret'), 'client sugar has no secret row')),
        type(''),
        choose('Ask at each login'),
        choose('$(save) Save'),
      ]);
      const changes = await runConnectionChanges(ui, deps(), stored());
      assert.deepEqual(changes, { clientId: 'sugar', clientSecret: '', rememberPassword: false, password: undefined });
    });

    it('checks with the edited answers and the stored password, and keeps its own name available', async () => {
      const checks: Array<{ profile: Profile; password?: string }> = [];
      const profile = stored();
      const ui = new ScriptedPrompter([
        choose('Connection name'),
        type('prod'),
        choose('$(pulse) Check connection'),
        choose('$(save) Save'),
      ]);
      const changes = await runConnectionChanges(ui, deps({ checks, existingNames: ['Prod', 'Test'] }), profile);
      assert.deepEqual(changes, { name: 'prod' });
      assert.equal(checks[0].profile.id, profile.id);
      assert.equal(checks[0].password, 'pw');
    });
  });

  describe('runSteps', () => {
    it('re-runs the first step when Back is somehow pressed there, instead of finishing', async () => {
      let runs = 0;
      const first: Step = async () => {
        runs++;
        if (runs === 1) throw new WizardBack();
        return undefined;
      };
      const ui = new ScriptedPrompter([]);
      assert.equal(await runSteps(first, ui), true);
      assert.equal(runs, 2);
    });
  });
});
