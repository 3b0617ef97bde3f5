import { cidrSchema } from '@shared';

/** At most this many addresses per list (the server's `ipRulesSchema` says the same). */
export const MAX_ADDRESSES = 200;

export interface AddressList {
  /** The addresses and ranges, each once, in the order typed. */
  values: string[];
  /** Lines that are neither an address nor a range (CIDR), with their line number from 1. */
  invalid: Array<{ line: number; text: string }>;
  tooMany: boolean;
}

/** A textarea of addresses, one per line: `10.0.0.0/8`, `192.168.1.20`, `2001:db8::/32`; blank lines ignored. */
export function parseAddressList(text: string): AddressList {
  const values: string[] = [];
  const invalid: AddressList['invalid'] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    if (!cidrSchema.safeParse(line).success) invalid.push({ line: index + 1, text: line });
    else if (!values.includes(line)) values.push(line);
  });
  return { values, invalid, tooMany: values.length > MAX_ADDRESSES };
}

/** A saved list as the textarea shows it. */
export const formatAddressList = (values: readonly string[]): string => values.join('\n');
