// Test helpers for every package: builders with valid defaults and fast-check arbitraries.
export * from './builders';
