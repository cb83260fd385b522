import { TransformError } from './errors.js';
import {
  parseTemplate,
  renderTemplate,
  templateDependencies,
  type RenderContext,
} from './template.js';

const context = (incremental: boolean): RenderContext => ({
  ref: (model) => `marts.${model}`,
  source: (source, table) => `${source}.${table}`,
  self: 'marts.sales',
  incremental,
  watermark: 'sale_minute',
});

function render(text: string, incremental = false): string {
  return renderTemplate(parseTemplate(text), context(incremental));
}

function syntaxError(text: string): string {
  try {
    parseTemplate(text, 'models/x.sql');
  } catch (error) {
    expect(error).toBeInstanceOf(TransformError);
    expect((error as TransformError).code).toBe('TEMPLATE_SYNTAX');
    return (error as Error).message;
  }
  throw new Error('expected a syntax error');
}

describe('template compiler', () => {
  it('compiles ref, source and this to schema.table', () => {
    expect(
      render(
        `SELECT * FROM {{ ref('orders') }} JOIN {{source("raw", "events")}} ON TRUE -- {{ this }}`,
      ),
    ).toBe('SELECT * FROM marts.orders JOIN raw.events ON TRUE -- marts.sales');
  });

  it('renders incremental_filter as TRUE on a full build and as a watermark filter on later runs', () => {
    const text = `SELECT 1 WHERE {{ incremental_filter('e.event_time') }}`;
    expect(render(text)).toBe('SELECT 1 WHERE TRUE');
    expect(render(text, true)).toBe(
      'SELECT 1 WHERE e.event_time > (SELECT max(sale_minute) FROM marts.sales)',
    );
  });

  it('keeps the matching branch of if is_incremental blocks, with else and not', () => {
    const text = `a{% if is_incremental() %}b{% else %}c{% endif %}d{% if not is_incremental %}e{% endif %}{# note #}`;
    expect(render(text, false)).toBe('acde');
    expect(render(text, true)).toBe('abd');
  });

  it('collects refs and sources from both branches, once each', () => {
    const nodes = parseTemplate(
      `{{ ref('a') }}{% if is_incremental %}{{ ref('b') }}{% else %}{{ ref('a') }}{{ source('raw', 'x') }}{% endif %}`,
    );
    expect(templateDependencies(nodes)).toEqual({
      refs: ['a', 'b'],
      sources: [{ source: 'raw', table: 'x' }],
      usesIncremental: true,
    });
  });

  it.each([
    [`{{ unknown('a') }}`, 'unknown function unknown()'],
    [`{{ ref('a', 'b') }}`, 'ref() takes 1 argument(s)'],
    [`{{ ref(a) }}`, 'arguments must be quoted strings'],
    [`{{ ref('Bad-Name') }}`, 'model "Bad-Name" is not a lower-case name'],
    [`{{ incremental_filter('x; drop table y') }}`, 'is not a column'],
    [`SELECT 1\n{{ ref('a')`, 'models/x.sql:2: unclosed {{'],
    [`{% endif %}`, '{% endif %} without {% if %}'],
    [`{% else %}`, '{% else %} without {% if %}'],
    [`\n\n{% if is_incremental %}x`, 'models/x.sql:3: {% if %} without {% endif %}'],
    [`{% for x in y %}{% endfor %}`, 'unknown statement {% for x in y %}'],
  ])('rejects %j', (text, message) => {
    expect(syntaxError(text)).toContain(message);
  });
});
