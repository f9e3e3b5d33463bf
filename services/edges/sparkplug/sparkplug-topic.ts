/** Sparkplug B topics: spBv1.0/<group>/<type>/<edge node>[/<device>], and the host's spBv1.0/STATE/<host>. */
export const NAMESPACE = 'spBv1.0';

export type MessageType = 'NBIRTH' | 'NDEATH' | 'DBIRTH' | 'DDEATH' | 'NDATA' | 'DDATA' | 'NCMD' | 'DCMD';

export interface SparkplugTopic {
  group: string;
  type: MessageType;
  node: string;
  device?: string;
}

const TYPES = new Set(['NBIRTH', 'NDEATH', 'DBIRTH', 'DDEATH', 'NDATA', 'DDATA', 'NCMD', 'DCMD']);

/** The parts of a Sparkplug topic, or undefined for STATE and anything that is not one. */
export function parseSparkplugTopic(topic: string): SparkplugTopic | undefined {
  const [namespace, group, type, node, device, ...rest] = topic.split('/');
  if (namespace !== NAMESPACE || !group || !type || !node || rest.length > 0 || !TYPES.has(type))
    return undefined;
  const deviceLevel = type.startsWith('D');
  if (deviceLevel !== (device !== undefined)) return undefined;
  return { group, type: type as MessageType, node, device };
}

export const stateTopic = (hostId: string) => `${NAMESPACE}/STATE/${hostId}`;
export const ncmdTopic = (group: string, node: string) => `${NAMESPACE}/${group}/NCMD/${node}`;
