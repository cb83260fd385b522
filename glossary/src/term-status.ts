/** The review workflow of a glossary term. */
export const TERM_STATUSES = ['draft', 'in_review', 'approved', 'rejected', 'deprecated'] as const;

export type TermStatus = (typeof TERM_STATUSES)[number];

export type TermTransition = 'submit' | 'approve' | 'reject' | 'revise' | 'deprecate' | 'reinstate';

const TRANSITIONS: Readonly<
  Record<TermTransition, { from: readonly TermStatus[]; to: TermStatus }>
> = {
  submit: { from: ['draft', 'rejected'], to: 'in_review' },
  approve: { from: ['in_review'], to: 'approved' },
  reject: { from: ['in_review'], to: 'rejected' },
  revise: { from: ['approved', 'in_review'], to: 'draft' },
  deprecate: { from: ['approved'], to: 'deprecated' },
  reinstate: { from: ['deprecated'], to: 'approved' },
};

export class TermWorkflowError extends Error {
  readonly code = 'TERM_TRANSITION_NOT_ALLOWED';
}

/** The status a term moves to; throws naming the allowed starting states when it may not move. */
export function nextStatus(current: TermStatus, transition: TermTransition): TermStatus {
  const rule = TRANSITIONS[transition];
  if (!rule.from.includes(current)) {
    throw new TermWorkflowError(
      `cannot ${transition} a term that is ${current} (only from ${rule.from.join(' or ')})`,
    );
  }
  return rule.to;
}

/** Reviewers approve or reject; nobody reviews their own term. */
export function mayReview(reviewer: string, author: string, reviewers: readonly string[]): boolean {
  return reviewer !== author && reviewers.includes(reviewer);
}
