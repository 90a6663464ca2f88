import { notFound } from 'next/navigation';
import { categoryFor } from './category';

// Resolves the category above the page's loading boundary, so an unknown category is a real
// 404 status instead of a not-found page streamed after a 200.
export default async function CategoryLayout({ children, params }: { children: React.ReactNode; params: Promise<{ slug: string[] }> }) {
  if (!(await categoryFor((await params).slug))) notFound();
  return children;
}
