/** The public face of one complaint, as the tracking page and API show it. Pure type. */
import type { NextStep } from './next-step';

/** What a resident sees with the tracking code: their own complaint's public face, nothing internal. */
export interface PublicTimeline {
  trackingCode: string;
  kind: 'complaint' | 'misconduct';
  status: string;
  title: string;
  description: string;
  category: string | null;
  urgency: string | null;
  office: string | null;
  submittedAt: string;
  deadlines: { dispatch: string | null; firstReply: string | null; resolve: string | null };
  events: { type: string; status: string | null; office: string | null; note: string | null; at: string }[];
  answer: string | null;
  ratings: { round: number; level: string; comment: string | null; at: string }[];
  canRate: boolean;
  canReopen: boolean;
  /** What happens next (lib/intake/next-step.ts). */
  nextStep: NextStep;
}
