import { env } from './env';

/** An absolute URL on this site (emails, provider return URLs), from PUBLIC_URL. */
export function absoluteUrl(path: string): string {
  return new URL(path, env.PUBLIC_URL).toString();
}
