import { serve } from 'inngest/next';
import { inngest } from '@/inngest/client';
import { functions } from '@/inngest/functions';

// Inngest calls the functions back here (Cloud, the dev server or a self-hosted server).
export const { GET, POST, PUT } = serve({ client: inngest, functions });
