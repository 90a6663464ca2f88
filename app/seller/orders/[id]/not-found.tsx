import Link from 'next/link';

export default function OrderNotFound() {
  return (
    <div className="mt-6">
      <h2 className="text-lg font-semibold">Order not found</h2>
      <p className="mt-1 text-slate-700">There is no such order in this store. It may belong to another store, or the link may be mistyped.</p>
      <p className="mt-3">
        <Link href="/seller/orders" className="text-brand-700 underline">
          ← All orders
        </Link>
      </p>
    </div>
  );
}
