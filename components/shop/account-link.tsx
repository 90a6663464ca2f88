'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';

type Session = { user?: { name?: string | null; email?: string | null; role?: string } } | null;

const HOME: Record<string, string> = { admin: '/admin', marketer: '/marketing' };

/**
 * The signed-in state is fetched by the browser, so storefront pages stay identical for every
 * visitor and keep coming from the cache.
 */
export function AccountLink() {
  const { data } = useQuery({
    queryKey: ['session'],
    queryFn: async (): Promise<Session> => {
      const res = await fetch('/api/auth/session');
      return res.ok ? res.json() : null;
    },
    staleTime: 60_000,
  });
  const user = data?.user;
  if (!user) {
    return (
      <Link href="/signin" className="text-sm hover:underline">
        Sign in
      </Link>
    );
  }
  return (
    <Link href={HOME[user.role ?? ''] ?? '/account'} className="text-sm hover:underline">
      <span className="sr-only">Your account: </span>
      {user.name ?? user.email}
    </Link>
  );
}
