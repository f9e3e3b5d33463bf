/**
 * What the live page knows of the demo plant's contracts beyond their schemas: which contract holds a
 * reactor's measured temperature and its quality flag, which holds the twin's filtered estimate and
 * forecast, and which holds the alarms. Other contracts are shown generically from their schemas.
 */
export const REACTOR_TELEMETRY = 'scada.reactor-telemetry';
export const REACTOR_FORECASTS = 'sim.reactor-forecasts';
export const ALARMS = 'scada.alarms';

export const MEASURED = '/temperature';
export const QUALITY = '/quality';
export const FILTERED = '/estimatedTemperature';
export const FORECAST_HORIZON = '/horizon';
export const FORECAST_ISSUED = '/issuedAt';

/** How many points a live chart starts with and keeps. */
export const LIVE_POINTS = 2000;
/** The most points a history window shows (the console service's DX_CONSOLE_HISTORY_LIMIT default). */
export const HISTORY_POINTS = 200_000;

export const COLORS = {
  measured: '#1f6fb2',
  filtered: '#0f8a5f',
  forecast: '#b35c00',
  flag: '#c0262d',
  others: ['#1f6fb2', '#b35c00', '#6b4fbb', '#0f8a5f', '#8a6d00', '#c0262d'],
};
