'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, List, Modal, Space, Tag } from 'antd';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useApiErrorText } from '@/components/ui/use-api-error-text';
import { UserContent } from '@/components/ui/user-content';
import { formatDateTime } from '@/lib/format/date-time';
import { clueQueries, moveClue } from '@/lib/query/clues';

/** One clue: its complaints, notes, and the next steps of 待评估 → 初核 → 立案/了结 (a note each). */
export function ClueModal({ id, onClose }: { id: number; onClose: () => void }) {
  const t = useTranslations('analytics.clues');
  const queryClient = useQueryClient();
  const clue = useQuery(clueQueries.one(id));
  const errorText = useApiErrorText();
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const move = useMutation({
    mutationFn: (to: string) => moveClue(id, to, note),
    onSuccess: () => {
      setNote('');
      void queryClient.invalidateQueries({ queryKey: clueQueries.one(id).queryKey });
      void queryClient.invalidateQueries({ queryKey: clueQueries.all });
    },
    onError: (e: Error) => setNoteError(errorText(e)),
  });
  const next = clue.data
    ? (
        {
          new: ['verifying', 'dismissed'],
          verifying: ['filed', 'dismissed'],
          filed: [],
          dismissed: [],
        } as const
      )[clue.data.status]
    : [];
  return (
    <Modal
      open
      onCancel={onClose}
      footer={null}
      width={640}
      title={
        clue.data ? (
          <>
            {clue.data.code} <UserContent>{clue.data.title}</UserContent>
          </>
        ) : (
          ''
        )
      }
    >
      {clue.data && (
        <>
          <p data-user-content>{clue.data.summary}</p>
          <p>
            <Tag>{t(`status.${clue.data.status}`)}</Tag>{' '}
            {t('complaints', { n: clue.data.complaintIds.length })}
          </p>
          <p className="analysis__case-links" data-testid="clue-complaints">
            {clue.data.complaintIds.slice(0, 60).map((id) => (
              <a key={id} href={`/cases/${id}`}>
                #{id}
              </a>
            ))}
            {clue.data.complaintIds.length > 60 ? ' …' : null}
          </p>
          <h4>{t('notes')}</h4>
          <List
            size="small"
            dataSource={clue.data.notes}
            renderItem={(n) => (
              <List.Item>
                {formatDateTime(n.createdAt)} {n.author ?? ''}{' '}
                {n.toStatus ? <Tag>{t(`status.${n.toStatus as 'new'}`)}</Tag> : null}
                {n.note}
              </List.Item>
            )}
          />
          {next.length > 0 && (
            <Form layout="vertical">
              <Form.Item
                label={t('note')}
                validateStatus={noteError ? 'error' : undefined}
                help={noteError ?? undefined}
              >
                <Input.TextArea
                  rows={3}
                  value={note}
                  onChange={(e) => {
                    setNote(e.target.value);
                    setNoteError(null);
                  }}
                />
              </Form.Item>
              <Space>
                {next.map((to) => (
                  <Button
                    key={to}
                    type={to === 'dismissed' ? 'default' : 'primary'}
                    loading={move.isPending && move.variables === to}
                    onClick={() => {
                      if (note.trim().length < 2) setNoteError(t('noteRequired'));
                      else move.mutate(to);
                    }}
                  >
                    {t(`actions.${to}`)}
                  </Button>
                ))}
              </Space>
            </Form>
          )}
        </>
      )}
    </Modal>
  );
}
