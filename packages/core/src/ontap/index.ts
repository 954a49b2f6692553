// NetApp ONTAP client: ZAPI 7-Mode, ZAPI clustered and REST behind one SnapMirrorClient interface.
export * from './client.js';
export * from './config.js';
export * from './credentials.js';
export * from './errors.js';
export * from './field-error.js';
export * from './http.js';
export * from './iso-duration.js';
export * from './location.js';
export * from './rest.js';
export * from './rest-connection.js';
export * from './rest-record.js';
export * from './status-map.js';
export type * from './types.js';
export * from './zapi-7mode.js';
export * from './zapi-cluster.js';
export * from './zapi-connection.js';
export * from './zapi-element.js';
export * from './zapi-parse.js';
