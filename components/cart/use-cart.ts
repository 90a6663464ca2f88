'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { create } from 'zustand';
import type { CartView } from '@/lib/cart/queries';

export const CART_QUERY_KEY = ['cart'] as const;

async function fetchCart(): Promise<CartView | null> {
  const res = await fetch('/api/cart', { cache: 'no-store' });
  if (!res.ok) throw new Error('Could not load the cart');
  return (await res.json()).cart;
}

/**
 * The shopper's cart, fetched by the browser (pages are cached and shared, so the header can't
 * render it). Server actions return the fresh view, which goes straight into this cache.
 */
export function useCart() {
  return useQuery({ queryKey: CART_QUERY_KEY, queryFn: fetchCart, staleTime: 5_000, refetchOnWindowFocus: true });
}

export function useSetCart() {
  const client = useQueryClient();
  return useCallback((cart: CartView | null) => client.setQueryData(CART_QUERY_KEY, cart), [client]);
}

/** The mini-cart panel: opened by its button, or by a successful add to cart. */
export const useMiniCart = create<{ open: boolean; setOpen: (open: boolean) => void }>((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
}));
