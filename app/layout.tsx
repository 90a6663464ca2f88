import type { Metadata, Viewport } from 'next';
import { env } from '@/lib/platform/env';
import './globals.css';

export const metadata: Metadata = {
  metadataBase: new URL(env.PUBLIC_URL),
  title: { default: 'Marketplace — independent shops, one checkout', template: '%s · Marketplace' },
  description: 'Shop shoes, clothing, electronics, home goods and more from independent sellers.',
  openGraph: { type: 'website', siteName: 'Marketplace' },
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#1d5fd1' };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh">{children}</body>
    </html>
  );
}
