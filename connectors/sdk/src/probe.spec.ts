import { SDK_VERSION } from './index.js';

describe('probe', () => {
  it('loads', () => {
    expect(SDK_VERSION).toBe('0.1.0');
  });
});
