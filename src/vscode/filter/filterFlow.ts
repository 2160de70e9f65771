/**
 * The filter builder's screens, one at a time with Back: module, then per condition a field, an
 * operator valid for its type and a value fit for both, then "and" / "or" / "Done", the fields to
 * return and the order, and what to do with it. Free of the vscode module (a prompter is handed
 * in), so that the flow can run on a scripted prompter.
 *
 * Conditions live in slots by index: each step writes its own slot and drops the ones after it,
 * so going Back and answering again never leaves a condition twice.
 */
import {
  DATE_RANGES, dateShortcuts, describeCondition, judgeValue, readValue, type FilterRequest, type FilterValue, type Join,
  type JoinedCondition, type OrderBy, type ValueKind, valueKindFor,
} from '../../core/schema/filterBuilder';
import type { FieldInfo, LinkInfo, ModuleInfo, OperatorInfo, SchemaIndex } from '../../core/schema/schemaIndex';
import type { Prompter, StepUi } from '../connectionWizard/prompter';
import { runSteps, type Step } from '../connectionWizard/runSteps';
import type { ManySpec, TypedSpec } from './filterInput';

/** The prompter the flow needs: the wizard's, plus multi-select and pick-or-type lists. */
export interface FilterUi extends Prompter {
  pickMany<T>(spec: ManySpec<T>, canGoBack: boolean): Promise<T[]>;
  pickOrType<T>(spec: TypedSpec<T>, canGoBack: boolean): Promise<T>;
}

export type FilterOutcome = 'tree' | 'responseTab' | 'pickRecord' | 'file';

export interface BuiltFilter {
  request: FilterRequest;
  outcome: FilterOutcome;
  /** "Accounts: Industry is any of Banking, Energy". */
  title: string;
  /** The conditions alone, "Industry is any of Banking, Energy" ("all records" without any). */
  summary: string;
}

export interface FilterFlowDeps {
  index: SchemaIndex;
  /** Given by the caller (a module row): no module screen. */
  module?: string;
  now: number;
  /** Called whenever the conditions so far change (for the count). */
  onConditions(module: string, conditions: readonly JoinedCondition[]): void;
}

interface Slot {
  join: Join;
  field?: FieldInfo;
  operator?: OperatorInfo;
  kind?: ValueKind;
  value?: FilterValue;
  /** The value was answered: the condition counts. */
  done?: boolean;
}

const MAX_NUM = 20;

export async function runFilterFlow(ui: FilterUi, deps: FilterFlowDeps): Promise<BuiltFilter | undefined> {
  let module: ModuleInfo | undefined = deps.module ? deps.index.module(deps.module) : undefined;
  const slots: Slot[] = [];
  let fields: string[] = [];
  let orderBy: OrderBy | undefined;
  let outcome: FilterOutcome | undefined;

  const title = (what: string): string => `Filter ${module?.name ?? 'Records'}: ${what}`;
  const conditions = (): JoinedCondition[] =>
    slots.filter((s) => s.done && s.field && s.operator).map((s) => ({ join: s.join, condition: { field: s.field!.name, operator: s.operator!.operator, value: s.value } }));
  const describe = (s: Slot): string => describeCondition(s.field?.label ?? '', s.operator?.label ?? '', s.kind ?? { kind: 'none' }, s.value);
  const changed = (): void => deps.onConditions(module!.name, conditions());
  /** The slot is being answered again: it does not count until it is answered. */
  const reopen = (slot: Slot): void => {
    if (slot.done) {
      slot.done = false;
      changed();
    }
  };
  /** Drops the slots from `index` on, and says so when that changed the filter. */
  const truncate = (index: number): void => {
    if (slots.length > index) {
      slots.length = index;
      changed();
    }
  };

  const moduleStep: Step = async (step) => {
    const name = await step.pick({
      title: 'Filter Records: module',
      placeholder: 'Which module?',
      items: deps.index.moduleNames.map((m) => ({ label: m, description: deps.index.module(m)?.label !== m ? deps.index.module(m)?.label : undefined, value: m })),
      active: module?.name,
    });
    module = deps.index.module(name);
    slots.length = 0;
    changed();
    return fieldStep(0, 'and');
  };

  const fieldStep = (index: number, join: Join): Step => async (step) => {
    // The count while choosing shows the conditions before this one.
    const earlier = slots[index];
    truncate(index);
    const sorted = [...module!.fields].sort((a, b) => a.label.localeCompare(b.label));
    // Sugar filters on a related record's field as `link.field` (contacts.industry).
    const links = module!.links.filter((l) => deps.index.module(l.module));
    const own = sorted.map((f) => ({ label: f.label, description: f.name, detail: fieldDetail(f), value: { field: f } }));
    const chosen = await step.pick<{ field: FieldInfo } | { link: LinkInfo }>({
      title: title(index === 0 ? 'field' : `field of condition ${index + 1} (${join})`),
      placeholder: index === 0 ? 'Filter on which field?' : `${describe(slots[index - 1])} ${join} …`,
      items: [
        ...own,
        ...(links.length > 0 ? [{ separator: 'Fields of related records' }] : []),
        ...links.map((l) => ({ label: `$(link) ${l.name}`, description: `${l.module} (${l.kind})`, value: { link: l } })),
      ],
      // Back to this screen: the field answered before is highlighted.
      active: own.find((item) => item.value.field === earlier?.field)?.value,
    });
    const field = 'field' in chosen ? chosen.field : undefined;
    // The same field again (after Back): keep its operator and value as the answers to show.
    slots[index] = field && field === earlier?.field ? { ...earlier, join, done: false } : { join, field };
    return 'field' in chosen ? operatorStep(index) : relatedFieldStep(index, join, chosen.link);
  };

  const relatedFieldStep = (index: number, join: Join, link: LinkInfo): Step => async (step) => {
    truncate(index + 1);
    const related = deps.index.module(link.module)!;
    const field = await step.pick({
      title: title(`field of ${link.name} (${related.name})`),
      placeholder: `Filter on which field of the related ${related.name}?`,
      items: [...related.fields].sort((a, b) => a.label.localeCompare(b.label)).map((f) => ({ label: f.label, description: `${link.name}.${f.name}`, detail: fieldDetail(f), value: f })),
    });
    slots[index] = { join, field: { ...field, name: `${link.name}.${field.name}`, label: `${link.name} › ${field.label}` } };
    return operatorStep(index);
  };

  const operatorStep = (index: number): Step => async (step) => {
    truncate(index + 1);
    const slot = slots[index];
    reopen(slot);
    const operators = deps.index.operatorsFor(slot.field!.type);
    const operator = await step.pick({
      title: title(`operator for ${slot.field!.label}`),
      placeholder: `${slot.field!.label} …`,
      items: operators.map((o) => ({ label: o.label, description: o.operator, value: o })),
      active: operators.find((o) => o.operator === slot.operator?.operator),
    });
    if (operator.operator !== slot.operator?.operator) slot.value = undefined;
    slot.operator = operator;
    slot.kind = valueKindFor(slot.field!, operator.operator);
    if (slot.kind.kind === 'none') {
      slot.value = undefined;
      slot.done = true;
      changed();
      return nextStep(index);
    }
    return valueStep(index, 0);
  };

  const valueStep = (index: number, part: 0 | 1): Step => async (step) => {
    truncate(index + 1);
    const slot = slots[index];
    reopen(slot);
    const kind = slot.kind!;
    const pair = (kind.kind === 'date' || kind.kind === 'number') && kind.count === 2;
    const what = `${slot.field!.label} ${slot.operator!.label}${pair ? (part === 0 ? ' (from)' : ' (to)') : ''}`;
    const value = await askValue(ui, step, kind, { title: title(`value of ${what}`), placeholder: `${what} …`, now: deps.now, previous: slot.value, part });
    if (pair) {
      const both = Array.isArray(slot.value) ? [...slot.value] : [];
      both[part] = value as string | number;
      slot.value = both;
      if (part === 0) return valueStep(index, 1);
    } else {
      slot.value = value;
    }
    slot.done = true;
    changed();
    return nextStep(index);
  };

  const nextStep = (index: number): Step => async (step) => {
    truncate(index + 1);
    const choice = await step.pick<'and' | 'or' | 'done'>({
      title: title(`${index + 1} condition${index === 0 ? '' : 's'}`),
      placeholder: describe(slots[index]),
      items: [
        { label: '$(add) Add another condition (and)', detail: 'Records must also match it', value: 'and' },
        { label: '$(add) Add another condition (or)', detail: 'Records may match it instead ("and" binds first)', value: 'or' },
        { label: '$(check) Done', detail: 'Choose the fields to return and the order', value: 'done' },
      ],
    });
    return choice === 'done' ? fieldsStep : fieldStep(index + 1, choice);
  };

  const fieldsStep: Step = async () => {
    const sorted = [...module!.fields].sort((a, b) => a.label.localeCompare(b.label));
    const preselected = fields.length > 0 ? fields : module!.field('name') ? ['name'] : [];
    fields = await ui.pickMany({
      title: title('fields to return'),
      placeholder: 'Check the fields each record should carry (id and date modified always come); Enter to go on',
      items: sorted.map((f) => ({ label: f.label, description: f.name, value: f.name })),
      selected: preselected,
    }, true);
    return orderStep;
  };

  const orderStep: Step = async (step) => {
    const sorted = [...module!.fields].sort((a, b) => a.label.localeCompare(b.label));
    const field = await step.pick<string>({
      title: title('order'),
      placeholder: 'Order the records by which field?',
      items: [{ label: "$(history) Sugar's default", description: 'date modified, newest first', value: '' }, ...sorted.map((f) => ({ label: f.label, description: f.name, value: f.name }))],
      active: orderBy?.field,
    });
    if (field === '') {
      orderBy = undefined;
      return outcomeStep;
    }
    const direction = await step.pick<'ASC' | 'DESC'>({
      title: title(`order by ${field}`),
      placeholder: 'Which direction?',
      items: [
        { label: 'Ascending', description: 'A → Z, oldest first, smallest first', value: 'ASC' },
        { label: 'Descending', description: 'Z → A, newest first, largest first', value: 'DESC' },
      ],
      active: orderBy?.direction,
    });
    orderBy = { field, direction };
    return outcomeStep;
  };

  const outcomeStep: Step = async (step) => {
    outcome = await step.pick<FilterOutcome>({
      title: title('result'),
      placeholder: 'Show the records, or keep the request?',
      items: [
        { label: '$(list-tree) Show in the Tree', detail: `The Records of ${module!.name} list the records found (Load More, Clear Filter)`, value: 'tree' },
        { label: '$(json) Show the records', detail: `POST /${module!.name}/filter in a response tab`, value: 'responseTab' },
        { label: '$(list-flat) Pick a record to open', detail: 'A list of the records found', value: 'pickRecord' },
        { label: '$(new-file) Write the request to a .sugar file', detail: 'A request file to keep; its CodeLens sends it', value: 'file' },
      ],
    });
    return undefined;
  };

  const finished = await runSteps(module ? fieldStep(0, 'and') : moduleStep, ui);
  if (!finished || !outcome || !module) return undefined;
  const all = conditions();
  const summary = slots.filter((s) => s.field).map((s, i) => `${i === 0 ? '' : `${s.join} `}${describe(s)}`).join(' ') || 'all records';
  return {
    request: { module: module.name, conditions: all, fields, orderBy, maxNum: MAX_NUM },
    outcome,
    title: `${module.name}: ${summary}`,
    summary,
  };
}

function fieldDetail(field: FieldInfo): string {
  const parts = [field.type];
  if (field.options) parts.push(`${field.optionsName ?? 'dropdown'} (${field.options.length} values)`);
  if (field.relatedModule) parts.push(`→ ${field.relatedModule}`);
  if (field.required) parts.push('required');
  return parts.join(' · ');
}

interface AskOptions {
  title: string;
  placeholder: string;
  now: number;
  previous?: FilterValue;
  part: 0 | 1;
}

/** One value (or one half of a pair) in the form its kind wants. */
async function askValue(ui: FilterUi, step: StepUi, kind: ValueKind, o: AskOptions): Promise<FilterValue> {
  const before = Array.isArray(o.previous) ? o.previous[o.part] : o.previous;
  switch (kind.kind) {
    case 'option': {
      const items = kind.options.map((opt) => ({ label: opt.label || opt.key, description: opt.label === opt.key ? undefined : opt.key, value: opt.key }));
      if (!kind.many) return step.pick({ title: o.title, placeholder: o.placeholder, items, active: typeof before === 'string' ? before : undefined });
      const selected = Array.isArray(o.previous) ? o.previous.map(String) : [];
      return ui.pickMany({ title: o.title, placeholder: `${o.placeholder} (check one or more, then Enter)`, items, selected, requireOne: 'Check one value at least (Space), then Enter.' }, true);
    }
    case 'bool':
      return step.pick({ title: o.title, placeholder: o.placeholder, items: [{ label: 'true', description: 'checked', value: true }, { label: 'false', description: 'not checked', value: false }] });
    case 'dateRange':
      return step.pick({ title: o.title, placeholder: o.placeholder, items: DATE_RANGES.map((name) => ({ label: name.replace(/_/g, ' '), description: name, value: name })), active: typeof before === 'string' ? before : undefined });
    case 'date':
      return ui.pickOrType({
        title: o.title,
        placeholder: `${o.placeholder} type a date as YYYY-MM-DD, or pick one`,
        items: dateShortcuts(o.now).map((s) => ({ label: s.label, description: s.value, value: s.value })),
        judge: (text) => judgeValue(kind, text),
        fromText: (text) => text.trim(),
      }, true);
    default: {
      const text = await step.input({
        title: o.title,
        value: before === undefined ? '' : Array.isArray(o.previous) && kind.kind === 'list' ? o.previous.join(', ') : String(before),
        prompt: kind.kind === 'list' ? 'Values separated by commas' : kind.kind === 'days' ? 'A number of days' : 'The value',
        placeholder: o.placeholder,
        judge: (value) => ({ error: judgeValue(kind, value) }),
      });
      return readValue(kind, text);
    }
  }
}
