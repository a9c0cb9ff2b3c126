'use client';

import { App, Button, Typography } from 'antd';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { drawSpotChecks } from '@/lib/query/supervision';
import { useErrorText } from './use-error-text';

/** Run last month's draw for the inspector's jurisdiction (the platform also runs it at month start). */
export function DrawSpotChecksButton({ month, share }: { month: string; share: number }) {
  const t = useTranslations('supervision.spot');
  const errorText = useErrorText();
  const { message } = App.useApp();
  const router = useRouter();
  const [busy, setBusy] = useState(false);

  async function draw() {
    setBusy(true);
    const r = await drawSpotChecks(month);
    setBusy(false);
    if (!r.ok) {
      message.error(errorText(r.error));
      return;
    }
    const count = r.data.draws.reduce((n, d) => n + d.complaintIds.length, 0);
    message.success(t('drawn', { month: r.data.month, offices: r.data.draws.length, count }));
    router.refresh();
  }

  return (
    <div>
      <Button loading={busy} onClick={() => void draw()} data-action="draw-spot-checks">
        {t('draw', { month })}
      </Button>
      <Typography.Paragraph type="secondary" style={{ marginTop: 4, marginBottom: 0, fontSize: 12 }}>
        {t('drawHint', { share: Math.round(share * 1000) / 10 })}
      </Typography.Paragraph>
    </div>
  );
}
