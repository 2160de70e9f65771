// package.json's languageModelTools describe the same five tools as the core (which the MCP server
// serves), and the settings that govern them are user settings only.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AGENT_TOOLS } from '../../src/core/agent/agentToolDefinitions';
import { AGENT_TOOL_NAMES } from '../../src/core/agent/agentToolNames';

interface ToolContribution {
  name: string;
  displayName: string;
  modelDescription: string;
  userDescription: string;
  canBeReferencedInPrompt: boolean;
  toolReferenceName: string;
  icon: string;
  inputSchema: unknown;
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { languageModelTools: ToolContribution[]; configuration: { properties: Record<string, { scope?: string; default?: unknown }> } };
};

describe('agent tools in package.json', () => {
  it('contributes exactly the core\'s tools, with the same descriptions and input schemas', () => {
    assert.deepEqual(
      manifest.contributes.languageModelTools,
      AGENT_TOOLS.map((tool) => ({
        name: tool.name,
        displayName: tool.displayName,
        modelDescription: tool.description,
        userDescription: tool.userDescription,
        canBeReferencedInPrompt: true,
        toolReferenceName: tool.referenceName,
        icon: tool.icon,
        inputSchema: tool.inputSchema,
      })),
    );
    assert.deepEqual(AGENT_TOOLS.map((tool) => tool.name), [...AGENT_TOOL_NAMES]);
  });

  it('allows no connection and no write by default, and only in user settings (a workspace cannot allow them)', () => {
    const { properties } = manifest.contributes.configuration;
    assert.deepEqual(properties['sugar.agents.allowedConnections'].default, []);
    assert.equal(properties['sugar.agents.allowWrites'].default, false);
    assert.equal(properties['sugar.agents.allowedConnections'].scope, 'application');
    assert.equal(properties['sugar.agents.allowWrites'].scope, 'application');
  });
});
