import { describe, expect, it } from 'vitest';
import { fillFromTemplate, replaceFields } from './templateFill';

const FIELDS = ['complaint', 'findings', 'plan', 'pastHistory'] as const;
const T = { complaint: '咳嗽、咽痛', findings: '咽部充血', plan: '多饮水', pastHistory: '' };

describe('fillFromTemplate', () => {
  it('fills the empty fields and lists, without touching, the fields with other typed text', () => {
    const typed = { complaint: '', findings: '扁桃体肿大', plan: '  ', pastHistory: '高血压' };
    const r = fillFromTemplate(typed, T, FIELDS);
    expect(r.texts).toEqual({ complaint: '咳嗽、咽痛', findings: '扁桃体肿大', plan: '多饮水', pastHistory: '高血压' });
    expect(r.filled).toEqual(['complaint', 'plan']);
    expect(r.conflicts).toEqual(['findings']);
  });
  it('sees no conflict where the typed text already is the template\'s, and leaves the input as it was', () => {
    const typed = { complaint: '咳嗽、咽痛 ', findings: '', plan: '', pastHistory: '' };
    const r = fillFromTemplate(typed, T, FIELDS);
    expect(r.conflicts).toEqual([]);
    expect(typed.findings).toBe('');
  });
  it('replaces only the fields agreed to', () => {
    expect(replaceFields<(typeof FIELDS)[number]>({ complaint: 'a', findings: 'b', plan: 'c', pastHistory: 'd' }, T, ['findings'])).toEqual({ complaint: 'a', findings: '咽部充血', plan: 'c', pastHistory: 'd' });
  });
});
