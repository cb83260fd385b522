import { jestConfig } from '../jest.base.js';

// One test file that starts the whole product and a browser: minutes, not seconds.
export default jestConfig(import.meta.dirname, { testTimeout: 180_000 });
