export * from './document.js';
export * from './request.js';
export * from './result.js';
export * from './search-index.js';
export * from './highlight.js';
export * from './boost.js';
export * from './relevance-fixture.js';
