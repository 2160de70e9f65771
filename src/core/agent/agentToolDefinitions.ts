/**
 * The five tools offered to AI agents (issue 13 §5), as data: names, what a model reads to choose
 * them, and their input schemas. VS Code's `contributes.languageModelTools` (package.json) and the
 * MCP server (src/cli/mcpServer.ts) describe the same tools; a unit test keeps package.json equal
 * to this file.
 */

import { AGENT_TOOL_NAMES, type AgentToolName } from './agentToolNames';

export { AGENT_TOOL_NAMES, type AgentToolName };

export function isAgentToolName(name: string): name is AgentToolName {
  return (AGENT_TOOL_NAMES as readonly string[]).includes(name);
}

/** A JSON schema as far as these tools use it. */
export interface JsonSchema {
  type: 'object' | 'string' | 'integer' | 'array' | 'boolean';
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  additionalProperties?: boolean | JsonSchema;
}

export interface AgentToolDefinition {
  name: AgentToolName;
  displayName: string;
  /** For the model: when to use the tool and what it answers. */
  description: string;
  /** For the user (VS Code's tool picker). */
  userDescription: string;
  /** The name after `#` in a chat prompt. */
  referenceName: string;
  icon: string;
  /** Reads only (every tool but sugar_sendRequest; its GET requests read too). */
  readOnly: boolean;
  inputSchema: JsonSchema & { type: 'object' };
}

const connection: JsonSchema = { type: 'string', description: 'The connection\'s name, as sugar_listConnections lists it.' };
const sudoUser: JsonSchema = { type: 'string', description: 'Optional: act as this Sugar user (sudo) instead of the connection\'s own user.' };
const moduleName: JsonSchema = { type: 'string', description: 'A module name as sugar_listModules lists it, e.g. Accounts.' };

export const MAX_FIND_RECORDS = 100;

export const AGENT_TOOLS: readonly AgentToolDefinition[] = [
  {
    name: 'sugar_listConnections',
    displayName: 'Sugar: List Connections',
    description: 'Lists the SugarCRM connections this agent may use: name, instance URL, user, platform and whether it is logged in. Call it first; the other Sugar tools take a connection name from this list.',
    userDescription: 'The Sugar connections agents may use (sugar.agents.allowedConnections).',
    referenceName: 'sugarConnections',
    icon: '$(plug)',
    readOnly: true,
    inputSchema: { type: 'object', properties: {} },
  },
  {
    name: 'sugar_listModules',
    displayName: 'Sugar: List Modules',
    description: 'Lists the modules of a SugarCRM instance that the connection\'s user may see, with their labels and counts of fields and links (from /metadata).',
    userDescription: 'The modules of a Sugar instance.',
    referenceName: 'sugarModules',
    icon: '$(symbol-class)',
    readOnly: true,
    inputSchema: { type: 'object', properties: { connection, sudoUser }, required: ['connection'] },
  },
  {
    name: 'sugar_describeModule',
    displayName: 'Sugar: Describe Module',
    description: 'Describes one SugarCRM module: each field\'s name, type, label, whether it is required, dropdown keys with labels, related modules, and the module\'s links (relationships). Use it before filtering records or writing a request body.',
    userDescription: 'Fields and links of a Sugar module.',
    referenceName: 'sugarModule',
    icon: '$(symbol-field)',
    readOnly: true,
    inputSchema: { type: 'object', properties: { connection, module: moduleName, sudoUser }, required: ['connection', 'module'] },
  },
  {
    name: 'sugar_findRecords',
    displayName: 'Sugar: Find Records',
    description:
      'Finds records of a SugarCRM module with Sugar\'s filter API (POST /<module>/filter; reads only). filter is Sugar\'s filter array, e.g. [{"name":{"$starts":"A"}}] or [{"industry":{"$in":["Banking"]}},{"date_modified":{"$gte":"2024-01-01"}}]. Ask for the fields you need; page with offset (the answer gives next_offset).',
    userDescription: 'Records of a Sugar module, by a filter.',
    referenceName: 'sugarRecords',
    icon: '$(search)',
    readOnly: true,
    inputSchema: {
      type: 'object',
      properties: {
        connection,
        module: moduleName,
        filter: { type: 'array', description: 'Sugar filter expressions (joined with AND), e.g. [{"name":{"$contains":"bank"}}]. Omit for all records.', items: { type: 'object' } },
        fields: { type: 'array', description: 'Field names to return (default: id and name fields).', items: { type: 'string' } },
        maxNum: { type: 'integer', description: `How many records (1 to ${MAX_FIND_RECORDS}, default 20).`, minimum: 1, maximum: MAX_FIND_RECORDS },
        offset: { type: 'integer', description: 'Start after this many records (the next_offset of the previous answer).', minimum: 0 },
        orderBy: { type: 'string', description: 'e.g. "date_modified:DESC".' },
        sudoUser,
      },
      required: ['connection', 'module'],
    },
  },
  {
    name: 'sugar_sendRequest',
    displayName: 'Sugar: Send Request',
    description:
      'Sends one request to the SugarCRM REST API as the connection\'s session (the session\'s token is added; never send one). path is relative to /rest/<version>, e.g. "/Accounts/<id>" or "/me". GET reads; POST, PUT, PATCH and DELETE change data: they are refused unless the user enabled writes for agents, and the user confirms each one. Authentication routes (/oauth2/...) are refused. To search records use sugar_findRecords.',
    userDescription: 'One request to the Sugar REST API, as a connection\'s session (writes need confirmation).',
    referenceName: 'sugarRequest',
    icon: '$(send)',
    readOnly: false,
    inputSchema: {
      type: 'object',
      properties: {
        connection,
        method: { type: 'string', enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], description: 'Default GET.' },
        path: { type: 'string', description: 'Relative to /rest/<version>, may carry a query string, e.g. "/Accounts?max_num=5&fields=name".' },
        query: { type: 'object', description: 'Query parameters (name → value).', additionalProperties: { type: 'string' } },
        body: { type: 'object', description: 'The JSON body of a POST, PUT or PATCH.' },
        headers: { type: 'object', description: 'Extra request headers (never a token: the session adds its own).', additionalProperties: { type: 'string' } },
        sudoUser,
      },
      required: ['connection', 'path'],
    },
  },
];

export function agentTool(name: AgentToolName): AgentToolDefinition {
  return AGENT_TOOLS.find((tool) => tool.name === name)!;
}
