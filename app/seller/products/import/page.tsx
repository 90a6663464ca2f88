import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { ImportPanel } from '@/components/seller-catalog/import-panel';
import { Section } from '@/components/seller-catalog/ui';
import { SellerPage } from '@/components/sellers/seller-page';
import { Skeleton } from '@/components/ui/skeleton';
import { getDb } from '@/lib/platform/db';
import { BASE_COLUMNS } from '@/lib/seller-catalog/csv-format';
import { listImports } from '@/lib/seller-catalog/import';
import { listLocations } from '@/lib/seller-catalog/inventory';
import type { StoreScope } from '@/lib/seller-catalog/scope';
import { storeScope } from '@/lib/seller-catalog/scope';
import { firstParam, sellerHref, type PageSearchParams } from '@/lib/sellers/links';

export const metadata: Metadata = { title: 'Import products', robots: { index: false } };

const COLUMN_HELP: [string, string][] = [
  ['handle', 'Required. The product’s web address (/p/<handle>); rows with the same handle are one product.'],
  ['title, category', 'Required for a new product. Category is a path like the export’s, e.g. fashion/shoes/running-shoes.'],
  ['status', 'draft (default), active (published) or archived.'],
  ['description, brand, tags, seo_title, seo_description', 'Optional. Tags are separated by commas.'],
  ['option1_name … option3_value', 'Up to three options, e.g. Size = M. Every row of a product uses the same option names.'],
  ['sku, price', 'Required on every row. SKUs are unique across the marketplace; prices like 19.99.'],
  ['compare_at_price, weight_grams, low_stock_threshold', 'Optional. Compare-at must be higher than the price.'],
  ['stock:<CODE>', 'Optional, one column per location code: the count on hand. Changes are recorded in the stock ledger.'],
];

async function RecentImports({ scope, storeSlug }: { scope: StoreScope; storeSlug: string }) {
  const jobs = await listImports(await getDb(), scope, 10);
  if (!jobs.length) return <p className="text-sm text-slate-700">No imports yet.</p>;
  return (
    <ul className="divide-y divide-slate-200 text-sm">
      {jobs.map((j) => (
        <li key={j.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
          <Link href={sellerHref('/seller/products/import', storeSlug, { job: j.id })} className="font-medium text-brand-700 underline">
            {j.fileName}
          </Link>
          <span className="text-slate-700">
            {j.status} · {j.processedRows.toLocaleString()}/{j.totalRows.toLocaleString()} rows · {j.errorCount} error(s)
          </span>
          <time dateTime={j.createdAt.toISOString()} className="text-slate-600">
            {j.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC
          </time>
        </li>
      ))}
    </ul>
  );
}

export default function ImportPage({ searchParams }: PageSearchParams) {
  return (
    <SellerPage title="Import products" path="/seller/products/import" searchParams={searchParams}>
      {async ({ actor, store }) => {
        const scope = storeScope(actor, store.id);
        const job = firstParam((await searchParams).job);
        const locations = await listLocations(await getDb(), scope);
        return (
          <div className="mt-2 space-y-6">
            <p className="text-sm">
              <Link href={sellerHref('/seller/products', store.slug)} className="text-brand-700 underline">
                ← All products
              </Link>
            </p>
            <Section
              id="upload-heading"
              title="Upload a CSV file"
              description={
                <>
                  <p>
                    <strong>If some rows are bad:</strong> every bad row is reported with its row number and column. A product with any bad row is skipped as a whole; all other products are
                    imported. If the header row is wrong (an unknown, missing or repeated column) or the file is not valid CSV, nothing is imported.
                  </p>
                  <p className="mt-1">Importing creates and updates products; it never deletes products or variants. An empty cell leaves an existing product’s value unchanged.</p>
                </>
              }
            >
              <ImportPanel storeId={store.id} initialJobId={job && /^[0-9a-f-]{36}$/i.test(job) ? job : undefined} />
            </Section>
            <Section
              id="format-heading"
              title="File format"
              description={
                <>
                  One row per variant. The easiest start is an{' '}
                  <a href={`/seller/products/export?store=${encodeURIComponent(store.slug)}`} className="text-brand-700 underline" download>
                    export of your products
                  </a>
                  : edit it and import it back.
                </>
              }
            >
              <p className="text-sm">
                Columns: <code className="break-words">{[...BASE_COLUMNS, ...locations.map((l) => `stock:${l.code}`)].join(', ')}</code>
              </p>
              <dl className="mt-3 space-y-2 text-sm">
                {COLUMN_HELP.map(([k, v]) => (
                  <div key={k} className="sm:grid sm:grid-cols-[18rem_1fr] sm:gap-3">
                    <dt className="font-mono text-xs font-semibold">{k}</dt>
                    <dd className="text-slate-700">{v}</dd>
                  </div>
                ))}
              </dl>
              <p className="mt-3 text-sm text-slate-700">Row numbers count the header as row 1, as a spreadsheet does. Your locations: {locations.map((l) => `${l.code} (${l.name})`).join(', ') || 'none'}.</p>
            </Section>
            <Section id="recent-heading" title="Recent imports">
              <Suspense fallback={<Skeleton className="h-24 w-full" />}>
                <RecentImports scope={scope} storeSlug={store.slug} />
              </Suspense>
            </Section>
          </div>
        );
      }}
    </SellerPage>
  );
}
