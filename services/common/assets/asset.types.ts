/** The plant's assets as contract hub.assets carries them (contracts/hub/assets), and their tree. */

export const ASSETS_CONTRACT = 'hub.assets';
export const ASSETS_VERSION = '1.0.0';

export type AssetLevel = 'enterprise' | 'site' | 'area' | 'unit' | 'equipment';

export interface Signal {
  name: string;
  contract: string;
  key: string;
  /** JSON pointer of a numeric field of the contract. */
  field: string;
  /** The UCUM unit to give it in; default the contract's. */
  unit?: string;
  tag?: string;
}

export interface Asset {
  id: string;
  level: AssetLevel;
  type: string;
  name: string;
  parent: string | null;
  design?: Record<string, { value: number | string; unit?: string }>;
  signals: Signal[];
  updatedAt: string;
}

export interface AssetNode extends Omit<Asset, 'signals' | 'design'> {
  signals: string[];
  children: AssetNode[];
}
