'use client';

import { Menu } from 'antd';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

export interface SidebarItem {
  key: string;
  href: string;
  label: string;
}

/** The staff sidebar; items are already filtered by role on the server. */
export function StaffSidebar({ items }: { items: SidebarItem[] }) {
  const pathname = usePathname();
  const selected = items
    .filter((i) => pathname === i.href || pathname.startsWith(`${i.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0];
  return (
    <Menu
      mode="inline"
      selectedKeys={selected ? [selected.key] : []}
      items={items.map((i) => ({ key: i.key, label: <Link href={i.href}>{i.label}</Link> }))}
      style={{ height: '100%', borderInlineEnd: 0 }}
    />
  );
}
