import type { ParsedLine } from './batch-types.js';

/** The valid records of one run of a group, numbered by their line in that run. */
export interface GroupPart {
  actor: string;
  lines: readonly ParsedLine[];
}

/** Records of consecutive parts written as one batch, numbered group-wide. */
export interface GroupChunk {
  actor: string;
  /** Indexes of the parts in this chunk, in order. */
  parts: number[];
  lines: ParsedLine[];
}

/** Where a record of the group came from: its part and its line in that part. */
export interface LineRef {
  part: number;
  line: number;
  key: string;
}

export interface GroupPlan {
  chunks: GroupChunk[];
  /** The part and line of every group-wide line. */
  origin: Map<number, LineRef>;
  /** Records an earlier part of the same chunk sends identically: not written again, answered after `sameAs`. */
  duplicates: { ref: LineRef; sameAs: number }[];
}

const identity = (item: ParsedLine) => `${item.record.kind}:${item.key}`;

interface Written {
  part: number;
  hash: string;
  line: number;
}

function conflicts(written: Map<string, Written>, part: GroupPart, index: number): boolean {
  return part.lines.some((item) => {
    const earlier = written.get(identity(item));
    return earlier !== undefined && earlier.part !== index && earlier.hash !== item.hash;
  });
}

/**
 * Plans the writes of a group of runs so that one transaction ends as if the runs had been
 * ingested one after the other, in order. Consecutive parts share a chunk (one batch of writes);
 * a record several parts of a chunk send identically is written once. A part that sends another
 * version of a record an earlier part of the chunk sends, or that has another actor, starts a new
 * chunk: chunks are written in order, so the later version is written later and wins.
 */
export function planGroup(parts: readonly GroupPart[]): GroupPlan {
  const chunks: GroupChunk[] = [];
  const origin = new Map<number, LineRef>();
  const duplicates: GroupPlan['duplicates'] = [];
  let chunk: GroupChunk | undefined;
  let written = new Map<string, Written>();
  let next = 1;
  parts.forEach((part, index) => {
    if (!chunk || chunk.actor !== part.actor || conflicts(written, part, index)) {
      chunk = { actor: part.actor, parts: [], lines: [] };
      chunks.push(chunk);
      written = new Map();
    }
    chunk.parts.push(index);
    for (const item of part.lines) {
      const ref = { part: index, line: item.line, key: item.key };
      const earlier = written.get(identity(item));
      // Same part: the batch writers treat a record repeated within one run as they always do.
      if (earlier && earlier.part !== index) {
        duplicates.push({ ref, sameAs: earlier.line });
        continue;
      }
      const line = next;
      next += 1;
      origin.set(line, ref);
      chunk.lines.push({ ...item, line });
      written.set(identity(item), { part: index, hash: item.hash, line });
    }
  });
  return { chunks, origin, duplicates };
}
