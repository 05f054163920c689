import { describe, expect, it } from 'vitest';
import { buildBlocks, ComponentError, fragmentLine, type Fragment } from '../../../src/model/build.js';
import { plainText } from '../../../src/model/text.js';
import type { Block } from '../../../src/model/types.js';

const components = (name: string, attrs: Record<string, string>): Block[] => [
  { type: 'judgment', grade: 'good', label: `${name}:${attrs.question ?? ''}` },
];
const build = (md: string, footnotes: Record<string, string> = {}, fragments: Fragment[] = []) =>
  buildBlocks(md, { resolveComponent: components, footnotes: new Map(Object.entries(footnotes)), fragments });

describe('buildBlocks', () => {
  it('nests headings into sections with their ids', () => {
    const { blocks } = build('# One {#one}\n\nText.\n\n## Sub\n\nMore.\n\n# Two {#two}\n');
    expect(blocks).toMatchObject([
      {
        type: 'section',
        id: 'one',
        level: 1,
        children: [{ type: 'paragraph' }, { type: 'section', id: 'sub', level: 2, children: [{ type: 'paragraph' }] }],
      },
      { type: 'section', id: 'two', level: 1, children: [] },
    ]);
  });

  it('keeps marks and links, and merges adjacent text', () => {
    const { blocks } = build('Some **bold** and *italic* text with [a link](https://example.org/x).');
    expect(blocks[0]).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Some ', marks: [] },
        { type: 'text', text: 'bold', marks: ['strong'] },
        { type: 'text', text: ' and ', marks: [] },
        { type: 'text', text: 'italic', marks: ['em'] },
        { type: 'text', text: ' text with ', marks: [] },
        { type: 'link', href: 'https://example.org/x', children: [{ type: 'text', text: 'a link', marks: [] }] },
        { type: 'text', text: '.', marks: [] },
      ],
    });
  });

  it('shows raw HTML as text and drops unsafe links', () => {
    const { blocks } = build('<script>alert(1)</script> [x](javascript:alert(1)) [y](file:///etc/passwd)');
    expect(blocks).toHaveLength(1);
    const p = blocks[0]!;
    expect(p.type === 'paragraph' && p.content.every((n) => n.type === 'text')).toBe(true);
    expect(p.type === 'paragraph' && plainText(p.content)).toBe(
      '<script>alert(1)</script> [x](javascript:alert(1)) [y](file:///etc/passwd)',
    );
  });

  it('numbers footnotes in the order they are first cited and keeps their text', () => {
    const { blocks, footnotes } = build('A[^b] and B[^a] and again A[^b].', { a: 'Note *a*.', b: 'Note b.' });
    const p = blocks[0]!;
    const refs = p.type === 'paragraph' ? p.content.filter((n) => n.type === 'footnoteRef') : [];
    expect(refs).toEqual([
      { type: 'footnoteRef', id: 'b', number: 1, citation: 1 },
      { type: 'footnoteRef', id: 'a', number: 2, citation: 1 },
      { type: 'footnoteRef', id: 'b', number: 1, citation: 2 },
    ]);
    expect(footnotes.map((f) => [f.id, f.number, plainText(f.content)])).toEqual([
      ['b', 1, 'Note b.'],
      ['a', 2, 'Note a.'],
    ]);
  });

  it('resolves component lines and leaves the same text inside a paragraph alone', () => {
    const { blocks } = build('::judgment{question="q1"}\n\nA line that mentions ::judgment mid-sentence.');
    expect(blocks[0]).toEqual({ type: 'judgment', grade: 'good', label: 'judgment:q1' });
    expect(blocks[1]?.type).toBe('paragraph');
  });

  it('gives headings without an id a slug', () => {
    const { blocks } = build('## Partnership working & information sharing');
    expect(blocks[0]).toMatchObject({ id: 'partnership-working-information-sharing' });
  });
});

describe('anchors', () => {
  it('are unique in a document, however often a heading repeats', () => {
    const { blocks } = build('## Summary\n\n## Summary\n\n## Other {#summary}\n');
    expect(blocks.map((b) => (b.type === 'section' ? b.id : null))).toEqual(['summary', 'summary-2', 'summary-3']);
  });
});

describe('prose fragments', () => {
  const prose = (text: string): Fragment => ({ kind: 'blocks', text });

  it('are parsed on their own: a list or an open emphasis in one cannot take in what follows', () => {
    const md = `# Chapter {#chapter}\n\n${fragmentLine(0)}\n\nTemplate text after it.\n\n${fragmentLine(1)}\n`;
    const { blocks } = build(md, {}, [prose('- one\n- two *open'), prose('Second.')]);
    const section = blocks[0]!;
    if (section.type !== 'section') throw new Error('expected a section');
    expect(section.children.map((b) => b.type)).toEqual(['list', 'paragraph', 'paragraph']);
    expect(section.children[1]).toEqual({
      type: 'paragraph',
      content: [{ type: 'text', text: 'Template text after it.', marks: [] }],
    });
  });

  it('cannot place a component or set a heading id', () => {
    const { blocks } = build(fragmentLine(0), {}, [prose('::judgment{question="q1"}\n\nText {#chapter}')]);
    expect(blocks.map((b) => b.type)).toEqual(['paragraph', 'paragraph']);
    expect(plainText(blocks[0]?.type === 'paragraph' ? blocks[0].content : [])).toBe('::judgment{question="q1"}');
  });

  it('refuse what validation refuses, should it ever get this far', () => {
    expect(() => build(fragmentLine(0), {}, [prose('```\n::summary-grid\n```')])).toThrow(/"fence" reached/);
    expect(() => build(fragmentLine(0), {}, [prose('# Heading')])).toThrow(/"heading_open" reached/);
  });

  it('make one paragraph of prose and trusted statement Markdown, joined by spaces', () => {
    const parts = [
      { text: 'Prose with ::figure{id=x} and `code`', prose: true },
      { text: 'a **statement**.', prose: false },
    ];
    const { blocks } = build(fragmentLine(0), {}, [{ kind: 'paragraph', parts }]);
    expect(blocks).toEqual([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Prose with ::figure{id=x} and ', marks: [] },
          { type: 'text', text: 'code', marks: ['code'] },
          { type: 'text', text: ' a ', marks: [] },
          { type: 'text', text: 'statement', marks: ['strong'] },
          { type: 'text', text: '.', marks: [] },
        ],
      },
    ]);
  });

  it('must each be placed exactly once: never lost, never repeated', () => {
    expect(() => build('Text.', {}, [prose('Lost.')])).toThrow(ComponentError);
    expect(() => build(`${fragmentLine(0)}\n\n${fragmentLine(0)}`, {}, [prose('Twice.')])).toThrow(ComponentError);
    expect(() => build(`Inline ${fragmentLine(0)}`, {}, [prose('Not at a line start.')])).toThrow(ComponentError);
  });

  it('look footnotes up by own label only', () => {
    const { blocks, footnotes } = build('A[^constructor] B[^toString].', {});
    expect(footnotes).toEqual([]);
    expect(plainText(blocks[0]?.type === 'paragraph' ? blocks[0].content : [])).toBe('A[^constructor] B[^toString].');
  });
});
