import { jestConfig } from '../../jest.base.js';

export default jestConfig(import.meta.dirname, {
  testMatch: ['<rootDir>/lib/**/*.spec.ts'],
});
