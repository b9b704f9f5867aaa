export * from './errors';
export * from './result';
export * from './flags';
export * from './contract';
export * from './roles';
