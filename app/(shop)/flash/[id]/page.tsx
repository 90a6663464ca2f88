import type { Metadata } from 'next';
import Image from 'next/image';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Price } from '@/components/catalog/price';
import { FlashSalePanel } from '@/components/flash-sales/flash-sale-panel';
import { getFlashSaleCard, getFlashSaleStrip } from '@/lib/flash-sales/queries';

type Props = { params: Promise<{ id: string }> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NONE = '00000000-0000-0000-0000-000000000000';

async function saleFor(id: string) {
  return UUID.test(id) ? getFlashSaleCard(id) : null;
}

// The sales on the home page are prerendered at build; any other renders on first visit and is
// then served from the cache. The page is the same for everyone: the countdown, the live count
// and buying are the browser's (FlashSalePanel polls GET /api/v1/flash-sales/{id}).
export async function generateStaticParams() {
  const sales = await getFlashSaleStrip();
  return sales.length ? sales.map((s) => ({ id: s.id })) : [{ id: NONE }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const sale = await saleFor((await params).id);
  if (!sale) return { title: 'Flash sale not found' };
  return { title: `Flash sale: ${sale.productTitle}`, description: `${sale.productTitle} from ${sale.storeName}, for a limited time and in limited numbers.` };
}

const when = (d: Date) => new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(d);

export default async function FlashSalePage({ params }: Props) {
  const sale = await saleFor((await params).id);
  if (!sale) notFound();
  return (
    <div className="grid gap-8 md:grid-cols-2">
      <div className="relative aspect-square overflow-hidden rounded-xl bg-slate-100">
        {sale.imageUrl ? <Image src={sale.imageUrl} alt={sale.productTitle} fill priority sizes="(min-width: 768px) 50vw, 100vw" className="object-cover" /> : null}
      </div>
      <div className="space-y-5">
        <div className="space-y-2">
          <p className="text-sm font-semibold uppercase tracking-wide text-sale">Flash sale</p>
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{sale.productTitle}</h1>
          {sale.variantTitle && sale.variantTitle !== 'Default' ? <p className="text-slate-700">{sale.variantTitle}</p> : null}
          <p className="text-sm text-slate-700">
            Sold by <span className="font-medium">{sale.storeName}</span> ·{' '}
            <Link href={`/p/${sale.productSlug}`} className="text-brand-700 underline">
              Product details
            </Link>
          </p>
          <Price amount={sale.salePrice} compareAt={sale.regularPrice} currency={sale.currency} size="lg" />
          <p className="text-sm text-slate-700">
            From {when(sale.startsAt)} to {when(sale.endsAt)} (UTC), while the {sale.allocation} units last.
          </p>
        </div>
        <FlashSalePanel
          id={sale.id}
          status={sale.status}
          startsAt={sale.startsAt.toISOString()}
          endsAt={sale.endsAt.toISOString()}
          allocation={sale.allocation}
          perCustomerLimit={sale.perCustomerLimit}
          salePrice={sale.salePrice}
          currency={sale.currency}
          productTitle={sale.productTitle}
        />
      </div>
    </div>
  );
}
