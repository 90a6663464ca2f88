import type { AddressSnapshot } from '@/db/schema/checkout';
import { addressLines } from './format';

export function AddressView({ address }: { address: AddressSnapshot }) {
  return (
    <address className="text-sm not-italic leading-6 text-slate-800">
      {addressLines(address).map((l, i) => (
        <span key={i} className="block break-words">
          {l}
        </span>
      ))}
      {address.phone ? <span className="block text-slate-600">{address.phone}</span> : null}
    </address>
  );
}
