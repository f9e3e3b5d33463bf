/** The four emergencies of the demo plant (../shared/plant.md) and the alarm each raises in SCADA. */
export type EmergencyKind = 'pipe-leak' | 'device-leak' | 'stuck-valve' | 'superheated-refrigerant';

export interface EmergencyDefinition {
  equipment: string;
  tag: string;
  severity: 'high' | 'critical';
  message: string;
}

export const EMERGENCIES: Record<EmergencyKind, EmergencyDefinition> = {
  'pipe-leak': {
    equipment: 'P101',
    tag: 'PI-101',
    severity: 'high',
    message: 'Discharge pressure of P101 falling while its flow rises: leak in the discharge line',
  },
  'device-leak': {
    equipment: 'R101',
    tag: 'PI-102',
    severity: 'critical',
    message: 'R101 pressure falling with its feed steady: leak in the reactor',
  },
  'stuck-valve': {
    equipment: 'FV-101',
    tag: 'FV-101',
    severity: 'high',
    message: 'FV-101 does not follow its setpoint: R101 feed valve stuck',
  },
  'superheated-refrigerant': {
    equipment: 'E101',
    tag: 'TAH-102',
    severity: 'critical',
    message: 'Superheated water entering E101 shell side',
  },
};

export function isEmergencyKind(kind: string): kind is EmergencyKind {
  return Object.prototype.hasOwnProperty.call(EMERGENCIES, kind);
}
