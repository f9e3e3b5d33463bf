/**
 * The fixed design data of the plant's equipment, held by the service so that a scenario names an
 * instance ("instance": "R101") instead of repeating its parameters. Values are the reference models'
 * (../shared/models.md); `design` keeps data sheet figures the models do not take as parameters.
 * Every replica of the service holds the same library, so any of them can run any instance.
 */
export interface EquipmentInstance {
  id: string;
  model: string;
  description: string;
  /** Model parameters, in the units the model declares. */
  parameters: Record<string, number>;
  design: Record<string, number | string>;
}

const INSTANCES: EquipmentInstance[] = [
  {
    id: 'R101',
    model: 'reactor',
    description: 'Methanol synthesis reactor (Cu/ZnO), jacketed',
    parameters: {
      c: 4200,
      m: 1000,
      h: 500,
      A: 10,
      A_f: 1e10,
      Ea: 80000,
      R: 8.314,
      P_ref: 2.5e6,
      q_reaction: 1e5,
    },
    design: { volumeM3: 1.2, jacketAreaM2: 10, designPressureMPa: 10, designTemperatureC: 300 },
  },
  {
    id: 'R201',
    model: 'reactor',
    description: 'Ammonia converter (iron catalyst)',
    parameters: {
      c: 4200,
      m: 1500,
      h: 450,
      A: 12,
      A_f: 1e10,
      Ea: 80000,
      R: 8.314,
      P_ref: 2.5e6,
      q_reaction: 1e5,
    },
    design: { volumeM3: 2.0, jacketAreaM2: 12, designPressureMPa: 30, designTemperatureC: 500 },
  },
  {
    id: 'P101',
    model: 'pump',
    description: 'Feed pump, centrifugal',
    parameters: { Q_max: 100, H_max: 50, P_nom: 5000, eta: 0.85 },
    design: { curve: 'H = 50 m * (1 - (Q / 100 L/s)^2)', ratedFlowLps: 80, ratedHeadM: 18 },
  },
  {
    id: 'P102',
    model: 'pump',
    description: 'Reflux pump, centrifugal',
    parameters: { Q_max: 100, H_max: 50, P_nom: 5000, eta: 0.85 },
    design: { curve: 'H = 50 m * (1 - (Q / 100 L/s)^2)', ratedFlowLps: 80, ratedHeadM: 18 },
  },
];

export class InstanceLibrary {
  private readonly byId: Map<string, EquipmentInstance>;

  constructor(instances: EquipmentInstance[] = INSTANCES) {
    this.byId = new Map(instances.map((i) => [i.id, i]));
  }

  get(id: string): EquipmentInstance | undefined {
    return this.byId.get(id);
  }

  list(): EquipmentInstance[] {
    return [...this.byId.values()];
  }
}
