import Image from 'next/image';
import Link from 'next/link';
import { Price } from '@/components/catalog/price';
import { getFlashSaleStrip } from '@/lib/flash-sales/queries';
import { FlashSaleBadge } from './flash-sale-badge';

/** The home page's live and upcoming flash sales (a cached read, half a minute fresh; the badges count down in the browser). */
export async function FlashSaleStrip() {
  const sales = await getFlashSaleStrip();
  if (!sales.length) return null;
  return (
    <section aria-labelledby="flash-heading" id="flash">
      <h2 id="flash-heading" className="mb-4 text-xl font-semibold">
        Flash sales
      </h2>
      <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4">
        {sales.map((s) => (
          <li key={s.id}>
            <article className="group relative rounded-lg border border-slate-200 p-3">
              <div className="relative aspect-square overflow-hidden rounded-md bg-slate-100">
                {s.imageUrl ? <Image src={s.imageUrl} alt="" fill sizes="(min-width: 1024px) 22vw, 45vw" className="object-cover" /> : null}
                <div className="absolute left-2 top-2">
                  <FlashSaleBadge status={s.status} startsAt={s.startsAt.toISOString()} endsAt={s.endsAt.toISOString()} />
                </div>
              </div>
              <h3 className="mt-2 line-clamp-2 font-medium">
                <Link href={`/flash/${s.id}`} className="after:absolute after:inset-0 group-hover:underline">
                  {s.productTitle}
                </Link>
              </h3>
              <Price amount={s.salePrice} compareAt={s.regularPrice} currency={s.currency} />
              <p className="text-xs text-slate-700">
                {s.allocation} units · limit {s.perCustomerLimit} per customer
              </p>
            </article>
          </li>
        ))}
      </ul>
    </section>
  );
}
