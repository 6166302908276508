export * from './test-server';
export * from './example-projects';
