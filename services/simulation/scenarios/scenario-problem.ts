/** One thing wrong with a request: where (a JSON pointer into the request), what kind, and why. */
export interface ScenarioProblem {
  path: string;
  code: string;
  message: string;
}
