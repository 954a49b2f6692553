// Shared test helpers. Service starters for real peers (snmpd, slapd, apache, ...) live beside this file,
// one module per service, and are re-exported here.
export * from './process.js';
export * from './temp.js';
