/**
 * The filter builder's screens (src/vscode/filter/filterFlow.ts) on a scripted UI instead of VS
 * Code's quick input: what each screen offers, Back without doubled conditions, the counts asked
 * for as conditions change, and the request built at the end.
 */
import assert from 'node:assert/strict';
import type { JoinedCondition } from '../../src/core/schema/filterBuilder';
import { buildSchemaIndex } from '../../src/core/schema/schemaIndex';
import type { InputSpec, PickSpec } from '../../src/vscode/connectionWizard/prompter';
import { WizardBack, WizardCancel } from '../../src/vscode/connectionWizard/prompter';
import { runFilterFlow, type FilterUi } from '../../src/vscode/filter/filterFlow';
import type { ManySpec, TypedSpec } from '../../src/vscode/filter/filterInput';

type Shown =
  | { kind: 'pick'; spec: PickSpec<unknown> }
  | { kind: 'input'; spec: InputSpec }
  | { kind: 'many'; spec: ManySpec<unknown> }
  | { kind: 'typed'; spec: TypedSpec<unknown> };
/** One user action on the screen shown: an answer, Back, or Escape. */
type Act = (shown: Shown) => unknown;

class ScriptUi implements FilterUi {
  readonly shown: Shown[] = [];
  constructor(private readonly acts: Act[]) {}
  pick<T>(spec: PickSpec<T>): Promise<T> {
    return this.next({ kind: 'pick', spec: spec as PickSpec<unknown> }) as Promise<T>;
  }
  input(spec: InputSpec): Promise<string> {
    return this.next({ kind: 'input', spec }) as Promise<string>;
  }
  pickMany<T>(spec: ManySpec<T>): Promise<T[]> {
    return this.next({ kind: 'many', spec: spec as ManySpec<unknown> }) as Promise<T[]>;
  }
  pickOrType<T>(spec: TypedSpec<T>): Promise<T> {
    return this.next({ kind: 'typed', spec: spec as TypedSpec<unknown> }) as Promise<T>;
  }
  dispose(): void {}
  private async next(shown: Shown): Promise<unknown> {
    this.shown.push(shown);
    const act = this.acts.shift();
    assert.ok(act, `nothing scripted for the screen "${shown.spec.title}"`);
    return act(shown);
  }
}

const BACK: Act = () => Promise.reject(new WizardBack());
const ESCAPE: Act = () => Promise.reject(new WizardCancel());
/** The pick entry whose label contains `text`. */
const choose = (text: string): Act => (shown) => {
  assert.equal(shown.kind, 'pick', `"${text}" asked of a ${shown.kind} screen "${shown.spec.title}"`);
  const item = (shown.spec as PickSpec<unknown>).items.find((e) => !('separator' in e) && e.label.includes(text));
  assert.ok(item && !('separator' in item), `no entry "${text}" on "${shown.spec.title}"`);
  return item.value;
};
const check = (...keys: string[]): Act => (shown) => {
  assert.equal(shown.kind, 'many');
  return keys;
};
/** Typed into a pick-or-type list: must pass its judge, as the real list requires. */
const typeDate = (text: string): Act => (shown) => {
  assert.equal(shown.kind, 'typed');
  const spec = shown.spec as TypedSpec<unknown>;
  assert.equal(spec.judge(text), undefined, `${text} refused`);
  return spec.fromText(text);
};

const index = buildSchemaIndex(
  {
    _hash: 'h',
    modules: {
      Accounts: {
        fields: {
          name: { name: 'name', type: 'name', vname: 'LBL_NAME' },
          industry: { name: 'industry', type: 'enum', options: 'industry_dom', vname: 'LBL_INDUSTRY' },
          date_entered: { name: 'date_entered', type: 'datetime', vname: 'LBL_DATE_ENTERED' },
          description: { name: 'description', type: 'text', vname: 'LBL_DESCRIPTION' },
          contacts: { name: 'contacts', type: 'link', module: 'Contacts', relationship: 'accounts_contacts' },
        },
      },
      Contacts: { fields: { last_name: { name: 'last_name', type: 'varchar', vname: 'LBL_LAST_NAME' } } },
    },
  },
  {
    app_list_strings: { industry_dom: [['', ''], ['Banking', 'Banking'], ['Energy', 'Energy Sector']] },
    mod_strings: { Accounts: { LBL_NAME: 'Name', LBL_INDUSTRY: 'Industry', LBL_DATE_ENTERED: 'Date Created', LBL_DESCRIPTION: 'Description' }, Contacts: { LBL_LAST_NAME: 'Last Name' } },
  },
);

describe('filter builder screens', () => {
  it('builds Industry is any of …; Back from "and/or/Done" re-asks the value without doubling the condition', async () => {
    const counted: JoinedCondition[][] = [];
    const ui = new ScriptUi([
      choose('Industry'),
      choose('is any of'),
      (shown) => {
        const labels = (shown.spec as ManySpec<unknown>).items.map((i) => i.label);
        assert.deepEqual(labels, ['Banking', 'Energy Sector'], 'keys with their labels, no blank row');
        return ['Banking'];
      },
      BACK,
      (shown) => {
        assert.deepEqual((shown.spec as ManySpec<unknown>).selected, ['Banking'], 'the earlier answer is checked again');
        return ['Banking', 'Energy'];
      },
      choose('Done'),
      (shown) => {
        assert.deepEqual((shown.spec as ManySpec<unknown>).selected, ['name'], 'name is preselected');
        return ['name', 'industry'];
      },
      choose('Name'),
      choose('Descending'),
      choose('.sugar file'),
    ]);
    const built = await runFilterFlow(ui, { index, module: 'Accounts', now: Date.now(), onConditions: (_m, c) => counted.push([...c]) });
    assert.ok(built);
    assert.deepEqual(built.request.conditions, [{ join: 'and', condition: { field: 'industry', operator: '$in', value: ['Banking', 'Energy'] } }]);
    assert.deepEqual(built.request.fields, ['name', 'industry']);
    assert.deepEqual(built.request.orderBy, { field: 'name', direction: 'DESC' });
    assert.equal(built.outcome, 'file');
    assert.equal(built.title, 'Accounts: Industry is any of Banking, Energy Sector');
    assert.deepEqual(counted.at(-1), built.request.conditions, 'the last count asked is of the filter built');
    assert.ok(counted.every((c) => c.length <= 1), 'never two conditions');
  });

  it('or, a date pair typed as YYYY-MM-DD, an operator without a value, and a related field', async () => {
    const ui = new ScriptUi([
      choose('Date Created'),
      choose('between dates'),
      (shown) => {
        const spec = shown.spec as TypedSpec<unknown>;
        assert.ok(spec.judge('2024-02-30'), 'a day that does not exist is refused');
        assert.ok(spec.items.some((i) => i.label === 'today'), 'shortcuts are offered');
        return typeDate('2024-06-01')(shown);
      },
      typeDate('2024-06-30'),
      choose('(or)'),
      choose('Description'),
      choose('is empty'),
      choose('(and)'),
      choose('contacts'),
      choose('Last Name'),
      choose('starts with'),
      (shown) => {
        assert.equal(shown.kind, 'input');
        return 'Sm';
      },
      choose('Done'),
      check(),
      choose("Sugar's default"),
      choose('Show the records'),
    ]);
    const built = await runFilterFlow(ui, { index, module: 'Accounts', now: Date.now(), onConditions: () => undefined });
    assert.ok(built);
    assert.deepEqual(built.request.conditions.map((c) => [c.join, c.condition.field, c.condition.operator, c.condition.value]), [
      ['and', 'date_entered', '$dateBetween', ['2024-06-01', '2024-06-30']],
      ['or', 'description', '$empty', undefined],
      ['and', 'contacts.last_name', '$starts', 'Sm'],
    ]);
    assert.equal(built.request.orderBy, undefined);
    assert.equal(built.outcome, 'responseTab');
  });

  it('"Show in the Tree" is the first result offered; it answers outcome tree with the summary the Records row shows', async () => {
    const ui = new ScriptUi([
      choose('Industry'),
      choose('is any of'),
      check('Banking', 'Energy'),
      choose('(and)'),
      choose('Description'),
      choose('is not empty'),
      choose('Done'),
      check(),
      choose("Sugar's default"),
      (shown) => {
        const items = (shown.spec as PickSpec<unknown>).items.filter((i) => !('separator' in i)) as Array<{ label: string; value: unknown }>;
        assert.deepEqual(items.map((i) => i.value), ['tree', 'responseTab', 'pickRecord', 'file']);
        assert.match(items[0].label, /Show in the Tree/);
        return items[0].value;
      },
    ]);
    const built = await runFilterFlow(ui, { index, module: 'Accounts', now: Date.now(), onConditions: () => undefined });
    assert.ok(built);
    assert.equal(built.outcome, 'tree');
    assert.equal(built.summary, 'Industry is any of Banking, Energy Sector and Description is not empty');
    assert.equal(built.title, `Accounts: ${built.summary}`);
  });

  it('asks the module when none is given, and Escape ends with nothing', async () => {
    const ui = new ScriptUi([choose('Contacts'), ESCAPE]);
    assert.equal(await runFilterFlow(ui, { index, now: Date.now(), onConditions: () => undefined }), undefined);
    assert.match(ui.shown[1].spec.title, /^Filter Contacts: field/);
  });
});
