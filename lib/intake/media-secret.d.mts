export declare const MEDIA_SECRET_MIN_LENGTH: number;
export declare const MEDIA_SECRET_MISSING: string;
export declare function mediaSecretProblem(env?: Record<string, string | undefined>): string | null;
export declare function mediaSecretPath(dataDir: string): string;
export declare function ensureMediaSecretFile(dataDir: string): {
  secret: string;
  created: boolean;
  file: string;
};
