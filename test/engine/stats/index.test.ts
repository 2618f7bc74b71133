import { describe, expect, it } from 'vitest';
import * as stats from '../../../engine/stats/index.js';

describe('engine/stats public surface', () => {
  it('exports exactly the documented names', () => {
    expect(Object.keys(stats).sort()).toEqual([
      'Counter',
      'IntervalSeries',
      'LatencyHistogram',
      'LevelSeries',
      'Tally',
      'TimeWeighted',
      'confidenceInterval',
      'studentTQuantile',
    ]);
  });
});
