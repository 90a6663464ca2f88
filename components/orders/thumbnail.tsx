import Image from 'next/image';

/** A line's product image, or a neutral tile when there is none (or it is not one of our media files). */
export function LineThumbnail({ src, size = 56, alt = '' }: { src: string | null; size?: number; alt?: string }) {
  const style = { width: size, height: size };
  if (!src || !src.startsWith('/media/')) return <div aria-hidden="true" className="shrink-0 rounded-md bg-slate-100" style={style} />;
  return <Image src={src} alt={alt} width={size} height={size} className="shrink-0 rounded-md bg-slate-100 object-cover" style={style} />;
}
