export declare const ALLOWED_METHODS: string[];
export interface RequestProblem {
  status: 400 | 405;
  code: 'VALIDATION' | 'METHOD_NOT_ALLOWED';
  message: string;
  path?: string;
}
export declare function requestProblem(method: string, target: string): RequestProblem | null;
export declare function problemBody(problem: RequestProblem): string;
