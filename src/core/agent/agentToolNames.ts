/** The agent tools' names alone: what activation registers, without their descriptions and schemas. */
export const AGENT_TOOL_NAMES = ['sugar_listConnections', 'sugar_listModules', 'sugar_describeModule', 'sugar_findRecords', 'sugar_sendRequest'] as const;
export type AgentToolName = (typeof AGENT_TOOL_NAMES)[number];
