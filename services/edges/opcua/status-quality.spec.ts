import { describe, expect, it } from '@jest/globals';
import { StatusCodes } from 'node-opcua-client';
import { qualityOf, worst } from './status-quality.js';

describe('OPC UA StatusCode to quality', () => {
  it('reads the severity: Good, Uncertain, Bad', () => {
    expect(qualityOf(StatusCodes.Good)).toBe('good');
    expect(qualityOf(StatusCodes.UncertainLastUsableValue)).toBe('uncertain');
    expect(qualityOf(StatusCodes.BadSensorFailure)).toBe('bad');
    expect(qualityOf(StatusCodes.BadCommunicationError)).toBe('bad');
  });

  it('gives an equipment the worst quality of its values', () => {
    expect(worst(['good', 'uncertain', 'good'])).toBe('uncertain');
    expect(worst(['good', 'bad', 'uncertain'])).toBe('bad');
    expect(worst(['good'])).toBe('good');
  });
});
