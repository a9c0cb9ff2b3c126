/** Snapshots of the learned category suggester (lib/triage): the newest row is the model in use. */
import { sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './organisation';

export const triageModels = pgTable('triage_models', {
  id: serial('id').primaryKey(),
  /** e.g. 'tfidf-logreg-v1'. */
  kind: text('kind').notNull(),
  /** How many training texts: staff-confirmed complaints and the demo city's labelled text. */
  confirmedCount: integer('confirmed_count').notNull(),
  corpusCount: integer('corpus_count').notNull(),
  labelCount: integer('label_count').notNull(),
  /** Why it was trained: 'command', 'seed', 'confirmations'. */
  trigger: text('trigger').notNull(),
  trainedByUserId: integer('trained_by_user_id').references(() => users.id),
  /**
   * 'active': the model triage uses (one at a time); 'candidate': trained but not promoted (it did
   * not beat the active one on held-out confirmed cases); 'retired': formerly active, kept for rollback.
   */
  status: text('status').notNull().default('active'),
  /** Figures at training time (TriageModelMetrics in lib/triage/train-triage-model.server.ts). */
  metrics: jsonb('metrics').$type<Record<string, unknown>>(),
  promotedAt: timestamp('promoted_at', { withTimezone: true }),
  /** SerializedTextClassifier (lib/triage/text-classifier.ts): labels, vocabulary, base64 float arrays. */
  model: jsonb('model').$type<Record<string, unknown>>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
});
