/**
 * What a live stream follows: `contract/key`, `contract/*` or `contract` (every key), optionally with
 * the major to receive the data as (`contract@1/key`; by default the contract's newest live major).
 */
import { DxError } from '../../common/errors/dx-error.js';

export interface LiveTopic {
  contract: string;
  /** A key, or '*' for every key. */
  key: string;
  major?: number;
}

const CONTRACT = /^[a-z0-9-]+\.[a-z0-9-]+$/;
const KEY = /^[^\s.*>]+$/;

export function parseTopic(text: string): LiveTopic {
  const [head = '', key = '*', ...rest] = text.split('/');
  const [contract = '', majorText] = head.split('@');
  const major = majorText === undefined ? undefined : Number(majorText);
  const badMajor = major !== undefined && !(Number.isSafeInteger(major) && major >= 1);
  if (!CONTRACT.test(contract) || (key !== '*' && !KEY.test(key)) || rest.length > 0 || badMajor)
    throw new DxError(
      'BAD_ARGUMENT',
      `follow a contract and key as contract/key or contract/*, got ${JSON.stringify(text)}`,
      {
        field: 'data',
        rule: 'format',
        expected: 'contract[@major]/key',
      },
    );
  return major === undefined ? { contract, key } : { contract, key, major };
}
