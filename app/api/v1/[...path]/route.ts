import { notFoundHandler } from '@/lib/api/handler';

// Anything else under /api/v1 answers in the API's error shape instead of the HTML 404 page.
export const GET = notFoundHandler;
export const POST = notFoundHandler;
export const PUT = notFoundHandler;
export const PATCH = notFoundHandler;
export const DELETE = notFoundHandler;
