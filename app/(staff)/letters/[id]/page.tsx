import { notFound } from 'next/navigation';
import { z } from 'zod';
import { LetterDocument } from '@/components/supervision/letter-document';
import { getDb } from '@/db/client';
import { requirePage } from '@/lib/auth/require-page.server';
import { AppError } from '@/lib/http/errors';
import { requireLetter } from '@/lib/supervision/require-letter.server';

const paramsSchema = z.object({ id: z.coerce.number().int().positive() });

/** A 督办函, print-ready (A4; the browser's print dialog saves it as PDF). */
export default async function LetterPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePage('letters');
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const letter = await requireLetter(await getDb(), { user, id: parsed.data.id }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  return (
    <div className="staff__page">
      <LetterDocument letter={letter} />
    </div>
  );
}
