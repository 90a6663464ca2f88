// Sort keys and labels, free of zod so client components can import them.
export const SORTS = ['best-selling', 'newest', 'price-asc', 'price-desc', 'rating', 'relevance'] as const;
export type Sort = (typeof SORTS)[number];
export const SORT_LABELS: Record<Sort, string> = {
  'best-selling': 'Best selling',
  newest: 'Newest',
  'price-asc': 'Price: low to high',
  'price-desc': 'Price: high to low',
  rating: 'Top rated',
  relevance: 'Relevance',
};
