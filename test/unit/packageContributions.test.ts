import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_IDS } from '../../src/vscode/commandIds';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { commands: Array<{ command: string; category?: string; icon?: string; title: string }>; menus: { commandPalette: Array<{ command: string }> } };
};

describe('package.json contributions', () => {
  it('registers exactly the commands it contributes', () => {
    assert.deepEqual([...COMMAND_IDS].sort(), manifest.contributes.commands.map((c) => c.command).sort());
  });
  it('gives every command the category Sugar and a codicon', () => {
    for (const command of manifest.contributes.commands) {
      assert.equal(command.category, 'Sugar', command.command);
      assert.match(command.icon ?? '', /^\$\([a-z-]+\)$/, command.command);
    }
  });
  it('says for every command when the palette shows it', () => {
    const gated = new Set(manifest.contributes.menus.commandPalette.map((entry) => entry.command));
    const ungated = manifest.contributes.commands.map((c) => c.command).filter((id) => !gated.has(id));
    assert.deepEqual(ungated.sort(), ['sugar.addConnection', 'sugar.showLog']);
  });
});
