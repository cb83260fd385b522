import { describe, expect, it } from '@jest/globals';
import { highlightParts, unescapeHtml } from './highlight-parts';

describe('highlightParts', () => {
  it('splits a fragment into plain and emphasised text', () => {
    expect(highlightParts('<em>customer</em>_<em>lifetime</em>_value')).toEqual([
      { text: 'customer', em: true },
      { text: '_', em: false },
      { text: 'lifetime', em: true },
      { text: '_value', em: false },
    ]);
    expect(highlightParts('no match here')).toEqual([{ text: 'no match here', em: false }]);
    expect(highlightParts('')).toEqual([]);
  });

  it('keeps a <script> in a fragment as text, escaped or not', () => {
    const escaped = highlightParts('a &lt;script&gt;alert(1)&lt;/script&gt; <em>b</em>');
    expect(escaped).toEqual([
      { text: 'a <script>alert(1)</script> ', em: false },
      { text: 'b', em: true },
    ]);
    // Even if the API forgot to escape, other tags never become markup.
    const raw = highlightParts('<script>alert(1)</script><em>x</em><img src=x onerror=alert(1)>');
    expect(raw).toEqual([
      { text: '<script>alert(1)</script>', em: false },
      { text: 'x', em: true },
      { text: '<img src=x onerror=alert(1)>', em: false },
    ]);
    expect(raw.every((part) => typeof part.text === 'string')).toBe(true);
  });

  it('treats only exact <em> tags as markup', () => {
    expect(highlightParts('<em class="x">a</em> <emph>b')).toEqual([
      { text: '<em class="x">a <emph>b', em: false },
    ]);
    expect(highlightParts('&lt;em&gt;not a match&lt;/em&gt;')).toEqual([
      { text: '<em>not a match</em>', em: false },
    ]);
  });

  it('survives unbalanced and nested tags', () => {
    expect(highlightParts('a</em>b')).toEqual([{ text: 'ab', em: false }]);
    expect(highlightParts('a<em>b')).toEqual([
      { text: 'a', em: false },
      { text: 'b', em: true },
    ]);
    expect(highlightParts('<em>a<em>b</em>c</em>d')).toEqual([
      { text: 'abc', em: true },
      { text: 'd', em: false },
    ]);
  });
});

describe('unescapeHtml', () => {
  it('decodes the entities the API writes, once', () => {
    expect(unescapeHtml('Tom &amp; Jerry&#39;s &quot;data&quot; &lt;3')).toBe(
      `Tom & Jerry's "data" <3`,
    );
    expect(unescapeHtml('&amp;lt;')).toBe('&lt;');
    expect(unescapeHtml('&#x263A; &#9731;')).toBe('☺ ☃');
  });

  it('leaves what it does not know as written', () => {
    expect(unescapeHtml('&nbsp; & &; &#xD800; &#99999999;')).toBe(
      '&nbsp; & &; &#xD800; &#99999999;',
    );
  });
});
