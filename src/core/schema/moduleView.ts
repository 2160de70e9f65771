/**
 * What the Modules node and the module commands say about a module, from the schema index: the
 * contract of `sugar.describeModule` (issue 12 §6), and the one-line texts of the tree's rows.
 * Plain functions of the index, so that opening the Modules node of a large instance costs only
 * walking what is already in memory (the bench measures it).
 */
import type { FieldInfo, LinkInfo, ModuleInfo, SchemaIndex } from './schemaIndex';

/** `sugar.describeModule`'s answer. */
export interface ModuleDescription {
  module: string;
  fields: Array<{
    name: string;
    type: string;
    label: string;
    required: boolean;
    options?: Array<{ key: string; label: string }>;
    relatedModule?: string;
    link?: string;
  }>;
  links: Array<{ name: string; module: string; relationship: string }>;
}

export function describeModule(module: ModuleInfo): ModuleDescription {
  return {
    module: module.name,
    fields: module.fields.map((field) => {
      const out: ModuleDescription['fields'][number] = { name: field.name, type: field.type, label: field.label, required: field.required };
      if (field.options) out.options = field.options.map(({ key, label }) => ({ key, label }));
      if (field.relatedModule) out.relatedModule = field.relatedModule;
      if (field.link) out.link = field.link;
      return out;
    }),
    links: module.links.map(({ name, module: other, relationship }) => ({ name, module: other, relationship })),
  };
}

/** One row of the Modules node: what is drawn without another request. */
export interface ModuleRow {
  name: string;
  description: string;
  tooltip: string;
  fieldCount: number;
  linkCount: number;
}

export function moduleRow(module: ModuleInfo): ModuleRow {
  const counts = `${module.fields.length} field${module.fields.length === 1 ? '' : 's'}, ${module.links.length} link${module.links.length === 1 ? '' : 's'}`;
  const label = module.label !== module.name ? module.label : '';
  return {
    name: module.name,
    description: label ? `${label} · ${counts}` : counts,
    tooltip: `${module.name}${label ? ` (${label})` : ''}: ${counts}`,
    fieldCount: module.fields.length,
    linkCount: module.links.length,
  };
}

/** The Modules node's children: one row per module the user may see, in the index's order. */
export function moduleRows(index: SchemaIndex): ModuleRow[] {
  const rows: ModuleRow[] = [];
  for (const name of index.moduleNames) {
    const module = index.module(name);
    if (module) rows.push(moduleRow(module));
  }
  return rows;
}

/** `enum · Industry · required`: the row's description. */
export function fieldDescription(field: FieldInfo): string {
  const parts = [field.type];
  if (field.label && field.label !== field.name) parts.push(field.label);
  if (field.required) parts.push('required');
  if (field.relatedModule) parts.push(`→ ${field.relatedModule}`);
  return parts.join(' · ');
}

/** Every fact about a field, one per line: the row's tooltip and the quick pick's detail. */
export function fieldFacts(field: FieldInfo): string[] {
  const facts = [`${field.name}: ${field.type}`, `Label: ${field.label}`];
  if (field.required) facts.push('Required');
  if (field.len !== undefined) facts.push(`Length: ${field.len}`);
  if (field.optionsName) facts.push(`Dropdown: ${field.optionsName}${field.options ? ` (${field.options.length} values)` : ' (not in /lang: GET /<module>/enum/<field>)'}`);
  if (field.relatedModule) facts.push(`Related module: ${field.relatedModule}`);
  if (field.link) facts.push(`Through link: ${field.link}`);
  if (field.custom) facts.push('Custom field');
  return facts;
}

/** The quick pick's detail line: the facts after the name, on one line. */
export function fieldDetail(field: FieldInfo): string {
  return fieldFacts(field).slice(1).join(' · ');
}

/** `Contacts · accounts_contacts · many`. */
export function linkDescription(link: LinkInfo): string {
  return [link.module || '?', link.relationship || '?', link.kind].join(' · ');
}

export function linkTooltip(link: LinkInfo): string {
  return `Link ${link.name}: ${link.kind === 'one' ? 'one record' : 'many records'} of ${link.module || 'an unknown module'} through the relationship ${link.relationship || '(none named)'}.\nGET /<module>/<id>/link/${link.name} lists them.`;
}

/** An option row: `Banking — Banking`, the empty key shown as such. */
export function optionText(option: { key: string; label: string }): string {
  return `${option.key === '' ? '(empty)' : option.key} — ${option.label === '' ? '(empty)' : option.label}`;
}
