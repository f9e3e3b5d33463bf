/**
 * One simulated process value: first-order dynamics toward a target (time constant tau), slow drift,
 * Gaussian noise, and now and then a spike (a short excursion over several samples) or an outlier (one
 * wild sample), as real instruments give.
 */
export interface SignalOptions {
  value: number;
  /** Time constant of the approach to the target (s). */
  tau: number;
  /** Standard deviation of the measurement noise. */
  noise: number;
  /** Drift per second of the true value while nothing else moves it. */
  drift?: number;
  /** Lowest and highest value the instrument can report. */
  min?: number;
  max?: number;
}

export class Signal {
  value: number;
  target: number;
  private spikeLeft = 0;
  private spikeSize = 0;

  constructor(private readonly options: SignalOptions) {
    this.value = options.value;
    this.target = options.value;
  }

  /** Advances the true value by dt seconds and returns what the instrument reads. */
  step(dt: number, random: () => number, oddities: { spike: number; outlier: number }): number {
    const { tau, noise, drift = 0 } = this.options;
    this.value += (this.target - this.value) * (1 - Math.exp(-dt / tau)) + drift * dt;
    let reading = this.value + noise * gaussian(random);
    if (this.spikeLeft > 0) {
      this.spikeLeft--;
      reading += this.spikeSize;
    } else if (random() < oddities.spike) {
      this.spikeLeft = 3;
      this.spikeSize = (random() < 0.5 ? -1 : 1) * 8 * Math.max(noise, 0.01);
    }
    if (random() < oddities.outlier) reading += (random() < 0.5 ? -1 : 1) * 25 * Math.max(noise, 0.01);
    const { min = -Infinity, max = Infinity } = this.options;
    return Math.min(max, Math.max(min, round(reading)));
  }
}

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
