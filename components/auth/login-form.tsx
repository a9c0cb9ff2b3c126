'use client';

import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { landingPath } from '@/lib/auth/pages';
import { ApiError } from '@/lib/query/api-client';
import { logIn } from '@/lib/query/auth';

interface LoginValues {
  username: string;
  password: string;
}

/** The login card: username + password. Wrong credentials show under the password, a lockout above the form. */
export function LoginForm({ next }: { next: string | null }) {
  const t = useTranslations('auth');
  const router = useRouter();
  const [form] = Form.useForm<LoginValues>();
  const [pending, setPending] = useState(false);
  const [banner, setBanner] = useState<{ title?: string; message: string } | null>(null);

  async function onFinish(values: LoginValues) {
    setPending(true);
    setBanner(null);
    try {
      const body = await logIn(values);
      router.replace(next ?? (body.user ? landingPath(body.user) : '/workbench'));
      router.refresh();
    } catch (e) {
      if (!(e instanceof ApiError) || e.code === 'NETWORK') {
        setBanner({ message: t('errors.network') });
        return;
      }
      const message = e.serverMessage ?? t('errors.network');
      switch (e.code) {
        case 'UNAUTHENTICATED':
          form.setFields([{ name: 'password', value: '', errors: [message] }]);
          break;
        case 'RATE_LIMITED':
          setBanner({ title: t('login.lockedTitle'), message });
          break;
        case 'VALIDATION': {
          const names = e.fields
            .map((f) => f.path)
            .filter((p): p is keyof LoginValues => p === 'username' || p === 'password');
          if (names.length > 0) form.setFields(names.map((name) => ({ name, errors: [message] })));
          else setBanner({ message });
          break;
        }
        default:
          setBanner({ message });
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <Card style={{ width: '100%', maxWidth: 380 }}>
      <Typography.Title level={1} style={{ marginTop: 0, marginBottom: 4, fontSize: 24 }}>
        {t('login.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
      <Form<LoginValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={onFinish}
        disabled={pending}
      >
        {banner ? (
          <Alert
            type="error"
            showIcon
            title={banner.title}
            description={banner.message}
            style={{ marginBottom: 16 }}
            role="alert"
          />
        ) : null}
        <Form.Item
          name="username"
          label={t('login.username')}
          rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
        >
          <Input
            autoComplete="username"
            autoFocus
            placeholder={t('login.usernamePlaceholder')}
            maxLength={64}
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('login.password')}
          rules={[{ required: true, message: t('login.passwordRequired') }]}
        >
          <Input.Password
            autoComplete="current-password"
            placeholder={t('login.passwordPlaceholder')}
            maxLength={256}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={pending}>
          {t('login.submit')}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
        {t('login.residentHint')}
      </Typography.Paragraph>
    </Card>
  );
}
