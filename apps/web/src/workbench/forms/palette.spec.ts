import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UNSUPPORTED_TYPES } from '../../../../../libs/forms/src';

describe('the form editor palette', () => {
  it('hides exactly the component types the server refuses', () => {
    const css = readFileSync(join(__dirname, 'forms.css'), 'utf8');
    const hidden = [...css.matchAll(/\.fjs-palette-field\[data-field-type='([a-z]+)'\]/g)].map((m) => m[1]);
    expect(hidden.sort()).toEqual([...UNSUPPORTED_TYPES].sort());
  });
});
