import { describe, expect, it } from 'vitest';
import { formatAddressList, parseAddressList } from './addressList';

describe('a textarea of allowed or refused addresses', () => {
  it('takes ranges and single addresses of both IP versions, one per line', () => {
    expect(parseAddressList('10.0.0.0/8\n 192.168.1.20 \r\n\n2001:db8::/32\n::1')).toEqual({
      values: ['10.0.0.0/8', '192.168.1.20', '2001:db8::/32', '::1'],
      invalid: [],
      tooMany: false,
    });
  });

  it('names every line that is not an address, by its number', () => {
    expect(parseAddressList('10.0.0.0/8\n10.0.0.0/33\nschool network\n300.1.1.1').invalid).toEqual([
      { line: 2, text: '10.0.0.0/33' },
      { line: 3, text: 'school network' },
      { line: 4, text: '300.1.1.1' },
    ]);
  });

  it('keeps each address once and says when a list is longer than the server takes', () => {
    expect(parseAddressList('10.0.0.1\n10.0.0.1').values).toEqual(['10.0.0.1']);
    const many = Array.from({ length: 201 }, (_, i) => `10.0.${Math.floor(i / 250)}.${i % 250}`).join('\n');
    expect(parseAddressList(many).tooMany).toBe(true);
  });

  it('shows a saved list back one per line', () => {
    expect(formatAddressList(['10.0.0.0/8', '::1'])).toBe('10.0.0.0/8\n::1');
    expect(parseAddressList(formatAddressList([])).values).toEqual([]);
  });
});
