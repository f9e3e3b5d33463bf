/**
 * The demo plant's process (../shared/plant.md) at the level a twin demo needs: the methanol reactor
 * R101 and its feed valve, the ammonia converter R201, pumps P101 and P102 (plus any number of further
 * pumps for load), heat exchangers E101 and E102. Each value follows its setpoint with first-order
 * dynamics, noise and drift; emergencies change the physics, not only the alarms.
 */
import { Signal } from './signal.js';
import type { EmergencyKind } from './emergencies.js';

export interface Pump {
  id: string;
  flow: Signal;
  dischargePressure: Signal;
  speed: Signal;
  power: Signal;
  vibration: Signal;
}

export interface Exchanger {
  id: string;
  shellIn: Signal;
  shellOut: Signal;
  tubeIn: Signal;
  tubeOut: Signal;
  duty: Signal;
}

export interface Reactor {
  id: string;
  temperature: Signal;
  pressure: Signal;
  flow: Signal;
  /** Setpoints of TIC and FIC. */
  temperatureSetpoint: number;
  flowSetpoint: number;
}

export interface Readings {
  pumps: Record<string, Record<'flow' | 'dischargePressure' | 'speed' | 'power' | 'vibration', number>>;
  exchangers: Record<string, Record<'shellIn' | 'shellOut' | 'tubeIn' | 'tubeOut' | 'duty', number>>;
  reactors: Record<string, Record<'temperature' | 'pressure' | 'flow', number>>;
}

export interface Oddities {
  spike: number;
  outlier: number;
}

function pump(id: string, speed = 2950): Pump {
  return {
    id,
    flow: new Signal({ value: 62.5 * (speed / 2950), tau: 3, noise: 0.3, min: 0 }),
    dischargePressure: new Signal({ value: 0.45, tau: 3, noise: 0.004, min: 0 }),
    speed: new Signal({ value: speed, tau: 4, noise: 3, min: 0, max: 4000 }),
    power: new Signal({ value: 4.6, tau: 4, noise: 0.03, min: 0 }),
    vibration: new Signal({ value: 2.1, tau: 10, noise: 0.05, drift: 0.0005, min: 0 }),
  };
}

function exchanger(id: string, shellIn: number): Exchanger {
  return {
    id,
    shellIn: new Signal({ value: shellIn, tau: 5, noise: 0.3 }),
    shellOut: new Signal({ value: shellIn - 34, tau: 8, noise: 0.3 }),
    tubeIn: new Signal({ value: 25, tau: 5, noise: 0.2 }),
    tubeOut: new Signal({ value: 60, tau: 8, noise: 0.3 }),
    duty: new Signal({ value: 850, tau: 8, noise: 4, min: 0 }),
  };
}

function reactor(id: string, temperature: number, pressure: number, flow: number): Reactor {
  return {
    id,
    temperature: new Signal({ value: temperature, tau: 20, noise: 0.4, drift: 0.002 }),
    pressure: new Signal({ value: pressure, tau: 10, noise: 0.02, min: 0 }),
    flow: new Signal({ value: flow, tau: 5, noise: 2, min: 0 }),
    temperatureSetpoint: temperature,
    flowSetpoint: flow,
  };
}

export class PlantModel {
  readonly pumps: Pump[];
  readonly exchangers = [exchanger('E101', 120), exchanger('E102', 95)];
  readonly reactors: Reactor[];
  readonly emergencies = new Set<EmergencyKind>();

  constructor(
    extraPumps: number,
    private readonly random: () => number,
    private readonly oddities: Oddities,
    r101Temperature = 262,
  ) {
    this.pumps = [pump('P101'), pump('P102', 2900)];
    for (let i = 0; i < extraPumps; i++)
      this.pumps.push(pump(`P${String(200 + i).padStart(3, '0')}`, 2800 + (i % 200)));
    this.reactors = [reactor('R101', r101Temperature, 7.8, 420), reactor('R201', 452, 22, 610)];
  }

  reactor(id: string): Reactor {
    return this.reactors.find((r) => r.id === id)!;
  }

  /** A setpoint from the twin or an operator; unknown equipment or quantities are ignored (and said so). */
  setpoint(equipment: string, values: { temperature?: number; flowRate?: number; speed?: number }): boolean {
    const r = this.reactors.find((x) => x.id === equipment);
    if (r) {
      if (values.temperature !== undefined) r.temperatureSetpoint = values.temperature;
      if (values.flowRate !== undefined) r.flowSetpoint = values.flowRate;
      return values.temperature !== undefined || values.flowRate !== undefined;
    }
    const p = this.pumps.find((x) => x.id === equipment);
    if (p && values.speed !== undefined) {
      p.speed.target = values.speed;
      return true;
    }
    return false;
  }

  /** Advances every value by dt seconds and returns the instruments' readings. */
  step(dt: number): Readings {
    this.applyTargets();
    const read = (s: Signal) => s.step(dt, this.random, this.oddities);
    const readings: Readings = { pumps: {}, exchangers: {}, reactors: {} };
    for (const p of this.pumps)
      readings.pumps[p.id] = {
        flow: read(p.flow),
        dischargePressure: read(p.dischargePressure),
        speed: read(p.speed),
        power: read(p.power),
        vibration: read(p.vibration),
      };
    for (const e of this.exchangers)
      readings.exchangers[e.id] = {
        shellIn: read(e.shellIn),
        shellOut: read(e.shellOut),
        tubeIn: read(e.tubeIn),
        tubeOut: read(e.tubeOut),
        duty: read(e.duty),
      };
    for (const r of this.reactors)
      readings.reactors[r.id] = {
        temperature: read(r.temperature),
        pressure: read(r.pressure),
        flow: read(r.flow),
      };
    return readings;
  }

  /** Targets follow setpoints and the physics of the emergencies under way. */
  private applyTargets(): void {
    const on = (kind: EmergencyKind) => this.emergencies.has(kind);
    for (const p of this.pumps) {
      const load = p.speed.target / 2950;
      const leaking = p.id === 'P101' && on('pipe-leak');
      p.flow.target = 62.5 * load * (leaking ? 1.3 : 1);
      p.dischargePressure.target = 0.45 * load * load * (leaking ? 0.4 : 1);
      p.power.target = 5 * (0.3 + 0.7 * (p.speed.target / 3000)) * 0.92;
    }
    const r101 = this.reactor('R101');
    r101.temperature.target = r101.temperatureSetpoint;
    if (!on('stuck-valve')) r101.flow.target = r101.flowSetpoint;
    r101.pressure.target = on('device-leak') ? 3 : 7.8 * (r101.flow.target / 420);
    const e101 = this.exchangers[0]!;
    e101.shellIn.target = on('superheated-refrigerant') ? 185 : 120;
    e101.shellOut.target = e101.shellIn.target - 34;
    e101.duty.target = on('superheated-refrigerant') ? 1900 : 850;
  }
}
