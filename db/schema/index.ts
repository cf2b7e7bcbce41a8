export * from './organisation';
export * from './patients';
export * from './clinical';
export * from './pharmacy';
export * from './billing';
export * from './system';
export * from './search';
