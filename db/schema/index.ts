export * from './complaints';
export * from './enums';
export * from './geography';
export * from './organisation';
export * from './supervision';
export * from './taxonomy';
export * from './workflow';
export * from './map';
