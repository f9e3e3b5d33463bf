/** The NDJSON protocol of `python3 -m dxrunner` (python-runner/README.md): one request, one reply, per line. */

export type WorkerOp =
  | 'ping'
  | 'describe'
  | 'validate'
  | 'run'
  | 'open'
  | 'step'
  | 'close'
  | 'kalman'
  | 'quality'
  | 'convert'
  | 'average'
  | 'anomaly'
  | 'robust'
  | 'rul'
  | 'health';

/** A request without its id: the pool gives every request a correlation id of its own. */
export interface WorkerRequest {
  op: WorkerOp;
  [field: string]: unknown;
}

export interface WorkerProblem {
  path: string;
  code: string;
  message: string;
}

export interface WorkerFailure {
  code: string;
  message: string;
  details?: { problems?: WorkerProblem[]; [key: string]: unknown };
}

export type WorkerReply =
  | { id: unknown; ok: true; result: Record<string, unknown> }
  | { id: unknown; ok: false; error: WorkerFailure };
