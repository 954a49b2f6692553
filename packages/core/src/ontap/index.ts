// NetApp ONTAP client: ZAPI 7-Mode, ZAPI clustered and REST behind one SnapMirrorClient interface.
export type * from './types.js';
