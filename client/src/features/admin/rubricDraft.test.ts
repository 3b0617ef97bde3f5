import { describe, expect, it } from 'vitest';
import { draftOf, rowsOf, startingRows } from './rubricDraft';

describe('the rubric form', () => {
  it('turns the starting rubric into a draft the API accepts, descriptors and all', () => {
    const result = draftOf('县级评课量表', null, startingRows());
    if (!('draft' in result)) throw new Error(JSON.stringify(result.problem));
    expect(result.draft.criteria.map((c) => c.weight)).toEqual([20, 30, 30, 20]);
    expect(result.draft.criteria[0]!.descriptors).toEqual([{ score: 10, text: '目标明确，重难点突出' }, { score: 6, text: '目标基本明确' }]);
    expect(rowsOf(result.draft.criteria)).toEqual(startingRows());
  });

  it('says when the weights do not add up to 100', () => {
    const rows = startingRows();
    rows[0]!.weight = '25';
    expect(draftOf('量表', null, rows)).toEqual({ problem: { kind: 'weights', sum: 105 } });
  });

  it('names the descriptor line it cannot read', () => {
    const rows = startingRows();
    rows[1]!.descriptors = '10 很好\n优秀';
    expect(draftOf('量表', null, rows)).toEqual({ problem: { kind: 'descriptor', criterion: '师生互动', line: 2 } });
  });

  it('refuses a descriptor outside the scale and an empty name', () => {
    const rows = startingRows();
    rows[0]!.descriptors = '12 超出';
    expect('problem' in draftOf('量表', null, rows)).toBe(true);
    expect('problem' in draftOf('  ', null, startingRows())).toBe(true);
  });
});
