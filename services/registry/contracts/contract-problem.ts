/** One thing wrong with a contract as written in contracts/, with where it is. */
export interface ContractProblem {
  /** The file (relative to the contracts folder) the problem is in. */
  file: string;
  /** JSON pointer into that file, when the problem is inside it. */
  pointer?: string;
  code: string;
  message: string;
}
