// What Enter means in a list that also takes typed text (Send Request…'s path, the module and
// sudo-user picks, the filter's dates), replayed from the reports the extension host gets from
// the workbench, in the order it gets them.
import assert from 'node:assert/strict';
import { FocusSinceTyping, typedTextAnswer, type TypedTextAnswer } from '../../src/core/presentation/typedTextChoice';

type Report = { value: string } | { focus: string | 'typed' | 'none' };

/** The answer at Enter after `reports`; `listed` are the rows' labels, `isText` as the pick's. */
function enterAfter(reports: Report[], listed: string[], isText = (label: string, text: string) => label === text): TypedTextAnswer<string> | undefined {
  const focus = new FocusSinceTyping();
  let value = '';
  let focused: string | undefined;
  for (const report of reports) {
    if ('value' in report) {
      value = report.value;
      focus.valueChanged();
    } else {
      focused = listed.includes(report.focus) ? report.focus : undefined;
      focus.focusChanged(focused !== undefined);
    }
  }
  const text = value.trim();
  return typedTextAnswer({ text, movedToListedRow: focus.movedToListedRow, chosen: focused, exact: text ? listed.find((l) => isText(l, text)) : undefined });
}

const PATHS = ['/Accounts', '/Accounts/filter', '/me', '/me/following', '/me/preferences'];

describe('typed text pick: what Enter answers', () => {
  it('the text, when the workbench had focused a row for it before reporting the text (typed fast, Enter at once)', () => {
    // The workbench filters for "/Accounts/fil", focuses its first row, then reports the value.
    const reports: Report[] = [{ focus: '/Accounts' }, { value: '/A' }, { focus: '/Accounts/filter' }, { value: '/Accounts/fil' }];
    assert.deepEqual(enterAfter(reports, PATHS), { kind: 'typed', text: '/Accounts/fil' });
  });

  it('the text, when a list the extension sent lands after the text: the workbench focuses its first row, then the typed row', () => {
    const reports: Report[] = [{ value: '/Accounts?max_num=1' }, { focus: '/Accounts' }, { focus: 'typed' }];
    assert.deepEqual(enterAfter(reports, PATHS), { kind: 'typed', text: '/Accounts?max_num=1' });
  });

  it('the listed row that is the text itself, even when another row was focused for it', () => {
    assert.deepEqual(enterAfter([{ focus: '/me/following' }, { value: '/me' }], PATHS), { kind: 'listed', item: '/me' });
  });

  it('a row the user moved to after typing (arrow keys, a click)', () => {
    const reports: Report[] = [{ value: '/me' }, { focus: '/me' }, { focus: '/me/following' }];
    assert.deepEqual(enterAfter(reports, PATHS), { kind: 'listed', item: '/me/following' });
  });

  it('the text again once the user types after moving, or moves back to the typed row', () => {
    assert.deepEqual(enterAfter([{ value: '/me' }, { focus: '/me/following' }, { value: '/me/x' }], PATHS), { kind: 'typed', text: '/me/x' });
    assert.deepEqual(enterAfter([{ value: '/Acc' }, { focus: '/Accounts' }, { focus: 'typed' }], PATHS), { kind: 'typed', text: '/Acc' });
  });

  it('with nothing typed, the focused row; with nothing typed or focused, no answer (Enter is ignored)', () => {
    assert.deepEqual(enterAfter([{ focus: '/Accounts' }], PATHS), { kind: 'listed', item: '/Accounts' });
    assert.deepEqual(enterAfter([{ value: '/m' }, { value: '' }, { focus: '/Accounts' }], PATHS), { kind: 'listed', item: '/Accounts' });
    assert.equal(enterAfter([{ value: '  ' }, { focus: 'none' }], PATHS), undefined);
    assert.equal(enterAfter([], []), undefined);
  });

  it('a text that is a listed entry in another case answers the entry (module and user names)', () => {
    const modules = ['Accounts', 'Contacts'];
    const anyCase = (label: string, text: string) => label.toLowerCase() === text.toLowerCase();
    assert.deepEqual(enterAfter([{ value: 'accounts' }, { focus: 'typed' }], modules, anyCase), { kind: 'listed', item: 'Accounts' });
    assert.deepEqual(enterAfter([{ value: ' NotAModule ' }], modules, anyCase), { kind: 'typed', text: 'NotAModule' });
  });
});
