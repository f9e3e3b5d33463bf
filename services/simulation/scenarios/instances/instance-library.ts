/**
 * The design data of the plant's equipment, held by the service so that a scenario names an instance
 * ("instance": "R101") instead of repeating its parameters. The built-in values are the reference
 * models' (../shared/models.md). The plant's asset model (contract hub.assets, `dx assets load`) is where
 * design data lives: `fromAssets` takes each equipment asset's name and design data, and a design value
 * named like one of the model's parameters (`"U": {"value": 0.4, "unit": "kW/(m2.K)"}`) sets that
 * parameter, converted from its UCUM unit to the model's. Every replica of the service reads the same
 * assets, so any of them can run any instance.
 */
import type { Asset } from '../../../common/assets/asset.types.js';
import { conversionBetween } from '../../../common/units/ucum.js';

export interface EquipmentInstance {
  id: string;
  model: string;
  description: string;
  /** Model parameters, in the units the model declares. */
  parameters: Record<string, number>;
  design: Record<string, number | string>;
  /** Where the design data came from: the plant's asset model, or the service's built-in values. */
  source?: 'hub.assets' | 'built-in';
  /** Design values of the asset that name a parameter but could not set it (unit, type), and why. */
  ignored?: string[];
}

/** A model's parameter units, in the model's own notation (its `describe`), by parameter name. */
export type ParameterUnits = (model: string) => Record<string, string> | undefined;

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
  {
    id: 'E101',
    model: 'exchanger',
    description: 'Crude methanol cooler, shell and tube (process in the shell, cooling water in the tubes)',
    parameters: { U: 500, A: 30, R_f: 0, cp_shell: 2460, cp_tube: 4186, shells: 1, tau: 60 },
    design: { dutyKW: 850, shellInOutC: '120 / 85.5', tubeInOutC: '25 / 60.2', waterPressureMPa: 0.4 },
  },
  {
    id: 'E102',
    model: 'exchanger',
    description: 'Syngas intercooler, shell and tube, two shells in series',
    parameters: { U: 450, A: 24, R_f: 0, cp_shell: 2900, cp_tube: 4186, shells: 2, tau: 90 },
    design: { dutyKW: 724, tubePasses: 4, waterPressureMPa: 0.4 },
  },
];

export class InstanceLibrary {
  private byId: Map<string, EquipmentInstance>;

  constructor(private readonly builtIn: EquipmentInstance[] = INSTANCES) {
    this.byId = new Map(builtIn.map((i) => [i.id, { ...i, source: 'built-in' as const }]));
  }

  get(id: string): EquipmentInstance | undefined {
    return this.byId.get(id);
  }

  list(): EquipmentInstance[] {
    return [...this.byId.values()];
  }

  /** Takes the design data of the equipment the asset model holds; the rest keeps its built-in values. */
  fromAssets(assets: Asset[], parameterUnits: ParameterUnits): void {
    const byId = new Map(assets.map((a) => [a.id, a]));
    this.byId = new Map(
      this.builtIn.map((instance) => {
        const asset = byId.get(instance.id);
        return [
          instance.id,
          asset ? withAsset(instance, asset, parameterUnits) : { ...instance, source: 'built-in' },
        ];
      }),
    );
  }
}

function withAsset(
  instance: EquipmentInstance,
  asset: Asset,
  parameterUnits: ParameterUnits,
): EquipmentInstance {
  const parameters = { ...instance.parameters };
  const design: Record<string, number | string> = {};
  const ignored: string[] = [];
  const units = parameterUnits(instance.model) ?? {};
  for (const [name, { value, unit }] of Object.entries(asset.design ?? {})) {
    design[name] = unit === undefined ? value : `${value} ${unit}`;
    if (!(name in parameters)) continue;
    const to = units[name];
    if (typeof value !== 'number') ignored.push(`${name}: not a number`);
    else if (to === undefined) ignored.push(`${name}: the model's unit of it is not known`);
    else {
      try {
        parameters[name] = conversionBetween(unit ?? '1', modelUnitAsUcum(to))(value);
      } catch {
        ignored.push(`${name}: ${unit ?? 'no unit'} does not convert to the model's ${to}`);
      }
    }
  }
  return {
    ...instance,
    description: asset.name,
    parameters,
    design,
    source: 'hub.assets',
    ...(ignored.length > 0 ? { ignored } : {}),
  };
}

/**
 * The models declare units in their own short notation (J/(kg*K), degC, rpm); as UCUM codes. Written
 * here by hand: the notation is the Python library's, and these few rules cover every unit it uses.
 */
export function modelUnitAsUcum(unit: string): string {
  if (unit === 'degC') return 'Cel';
  if (unit === 'rpm') return '{rev}/min';
  return unit.replaceAll('*', '.');
}
