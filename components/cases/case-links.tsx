'use client';

import { App, Button, Descriptions, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type ReactNode, useState } from 'react';
import {
  type CaseLinksData,
  FACILITY_LINK_MIN_CONFIDENCE as LOW_CONFIDENCE,
} from '@/lib/linking/case-links.types';
import type { CorrectLinkInput } from '@/lib/linking/correct-link-input';
import { settle } from '@/lib/query/api-client';
import { correctCaseLink } from '@/lib/query/cases';

export type { CaseLinksData };

type Target = 'building' | 'facility';

/**
 * The case's building and facility links in words: what, how it was found (method), how sure
 * (confidence, low ones marked), why (the linker's reason) and whose decision it is; staff with
 * `complaint.link` confirm, correct or clear each (an event and an audit record; sticky).
 */
export function CaseLinks({
  caseId,
  data,
  household,
}: {
  caseId: number;
  data: CaseLinksData;
  household: ReactNode | null;
}) {
  const t = useTranslations('workflow.links');
  const { message } = App.useApp();
  const router = useRouter();
  const [editing, setEditing] = useState<Target | null>(null);
  const [picked, setPicked] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  async function send(target: Target, action: CorrectLinkInput['action'], id?: number | null) {
    setBusy(true);
    try {
      const body: CorrectLinkInput = {
        target,
        action,
        ...(action === 'correct' && target === 'building' && id ? { buildingId: id } : {}),
        ...(action === 'correct' && target === 'facility' && id ? { facilityId: id } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      };
      const result = await settle(correctCaseLink(caseId, body));
      if (!result.ok) {
        message.error(t('failed'));
        return;
      }
      message.success(t('saved'));
      setEditing(null);
      setPicked(null);
      setNote('');
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  const methodLabel = (m: string | null) =>
    m && t.has(`method.${m}`) ? t(`method.${m}` as 'method.footprint') : (m ?? '');
  const describe = (
    target: Target,
    what: ReactNode,
    link: { method: string | null; confidence: number | null; reason: string | null; state: string },
  ) => {
    const low = link.state === 'auto' && link.confidence !== null && link.confidence < LOW_CONFIDENCE;
    return (
      <div data-link={target} data-link-state={link.state} data-link-method={link.method ?? ''}>
        <div>
          {what ?? <Typography.Text type="secondary">{t('none')}</Typography.Text>}{' '}
          {link.method && <Tag>{methodLabel(link.method)}</Tag>}
          {link.confidence !== null && link.state === 'auto' && (
            <Tag color={low ? 'warning' : 'default'}>
              {t('confidence', { value: Math.round(link.confidence * 100) })}
            </Tag>
          )}
          {(link.method || link.state !== 'auto') && (
            <Tag color={link.state === 'auto' ? 'default' : 'success'}>
              {t(`state.${link.state}` as 'state.auto')}
            </Tag>
          )}
        </div>
        {link.reason && (
          <Typography.Text type="secondary">
            {/* The linker's reason is stored in Chinese when the link is made (a record). */}
            {t('reasonLabel')} <span data-user-content>{link.reason}</span>
          </Typography.Text>
        )}
        {low && (
          <div>
            <Typography.Text type="warning" data-link-low>
              {t('low')}
            </Typography.Text>
          </div>
        )}
        {data.canEdit && (
          <Space size={4} style={{ marginTop: 4 }}>
            {what && link.state === 'auto' && (
              <Button size="small" loading={busy} onClick={() => send(target, 'confirm')}>
                {t('confirm')}
              </Button>
            )}
            <Button size="small" onClick={() => setEditing(target)}>
              {t('correct')}
            </Button>
            {what && (
              <Button size="small" danger loading={busy} onClick={() => send(target, 'clear')}>
                {t('clear')}
              </Button>
            )}
          </Space>
        )}
      </div>
    );
  };

  const facilityName = data.facility.name ? (
    <>
      <span data-user-content>{data.facility.name}</span>
      {data.facility.kind
        ? t('kindNote', { kind: t(`kinds.${data.facility.kind}` as 'kinds.market') })
        : null}
    </>
  ) : null;
  return (
    <>
      <Descriptions size="small" column={1} bordered>
        {data.locationPrecision !== 'point' && (
          <Descriptions.Item label={t('precision.label')}>
            <span data-location-precision={data.locationPrecision}>
              {t(`precision.${data.locationPrecision}` as 'precision.town')}
            </span>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('building')}>
          {describe(
            'building',
            data.building.address ? <span data-user-content>{data.building.address}</span> : null,
            data.building,
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('household')}>
          {household ?? <Typography.Text type="secondary">{t('none')}</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label={t('facility')}>
          {describe('facility', facilityName, data.facility)}
        </Descriptions.Item>
      </Descriptions>
      <Modal
        open={editing !== null}
        title={editing === 'building' ? t('pickBuilding') : t('pickFacility')}
        okText={t('save')}
        okButtonProps={{ disabled: picked === null, loading: busy }}
        onOk={() => editing && send(editing, 'correct', picked)}
        onCancel={() => {
          setEditing(null);
          setPicked(null);
        }}
        destroyOnHidden
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Select
            showSearch
            style={{ width: '100%' }}
            value={picked ?? undefined}
            onChange={(v: number) => setPicked(v)}
            optionFilterProp="label"
            options={
              editing === 'building'
                ? data.options.buildings.map((b) => ({
                    value: b.id,
                    label: `${b.address} · ${t('metres', { value: b.distanceM })}`,
                  }))
                : data.options.facilities.map((f) => ({
                    value: f.id,
                    label: `${f.name} · ${t(`kinds.${f.kind}` as 'kinds.market')} · ${t('metres', { value: f.distanceM })}`,
                  }))
            }
          />
          <Input.TextArea
            rows={2}
            maxLength={300}
            placeholder={t('note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </Space>
      </Modal>
    </>
  );
}
