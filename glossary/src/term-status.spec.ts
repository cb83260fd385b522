import { TermWorkflowError, mayReview, nextStatus } from './term-status.js';
import { termNameProblem } from './term-name.js';

describe('glossary term workflow', () => {
  it('walks a term from draft through review to approval and deprecation', () => {
    let status = nextStatus('draft', 'submit');
    expect(status).toBe('in_review');
    status = nextStatus(status, 'approve');
    expect(status).toBe('approved');
    expect(nextStatus(status, 'deprecate')).toBe('deprecated');
  });

  it('sends a rejected term back to review after a change', () => {
    expect(nextStatus(nextStatus('in_review', 'reject'), 'submit')).toBe('in_review');
  });

  it('refuses a transition from the wrong state, naming the allowed ones', () => {
    expect(() => nextStatus('draft', 'approve')).toThrow(TermWorkflowError);
    expect(() => nextStatus('draft', 'approve')).toThrow(
      'cannot approve a term that is draft (only from in_review)',
    );
  });

  it('lets only listed reviewers other than the author review', () => {
    expect(mayReview('dana', 'erin', ['dana'])).toBe(true);
    expect(mayReview('erin', 'erin', ['erin', 'dana'])).toBe(false);
    expect(mayReview('sam', 'erin', ['dana'])).toBe(false);
  });
});

describe('termNameProblem', () => {
  it('accepts the seed terms and refuses bad names', () => {
    for (const name of ['Customer', 'Valid Order', 'Conversion Rate', 'Cart Abandonment']) {
      expect(termNameProblem(name)).toBeNull();
    }
    expect(termNameProblem('')).toBe('term name is empty');
    expect(termNameProblem(' Customer')).toMatch(/leading or trailing spaces/);
    expect(termNameProblem('x'.repeat(129))).toMatch(/at most 128/);
  });
});
