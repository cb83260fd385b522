import { z } from 'zod';

/** IPC messages from the PGlite server process to the process that forked it. */
const childMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), port: z.number().int().min(1).max(65535) }),
  /** Another live process already serves the data directory. */
  z.object({ type: z.literal('busy'), pid: z.number().int().positive() }),
  z.object({ type: z.literal('failed'), message: z.string() }),
]);

export type ChildMessage = z.infer<typeof childMessageSchema>;

export function parseChildMessage(value: unknown): ChildMessage | null {
  const parsed = childMessageSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
