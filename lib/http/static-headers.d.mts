export declare const API_CONTENT_SECURITY_POLICY: string;
export declare function staticSecurityHeaders(production: boolean): Record<string, string>;
