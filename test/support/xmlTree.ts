import { parseDocument } from 'htmlparser2';

/** An element of a parsed XML document, as htmlparser2 builds it. */
export interface XmlElement {
  name: string;
  attribs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | { type: string; data?: string };

/** The document (entities decoded), to walk with `elements`. */
export function parseXml(xml: string): { children: XmlNode[] } {
  return parseDocument(xml, { xmlMode: true, decodeEntities: true }) as unknown as { children: XmlNode[] };
}

/** The child elements named `name`, in order. */
export function elements(node: { children: XmlNode[] }, name: string): XmlElement[] {
  return node.children.filter((child): child is XmlElement => (child as XmlElement).name === name);
}

export function textOf(node: XmlElement): string {
  return node.children.map((child) => ('data' in child ? child.data ?? '' : textOf(child as XmlElement))).join('');
}
