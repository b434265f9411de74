import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { type Diagnostic, lintGutter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import type { ApiIssue, Locale } from '../../api-types.ts';
import { issueLine } from '../../components/issue-words.ts';

export interface YamlEditorHandle {
  /** Puts the cursor at a 1-based line and column and focuses the editor. */
  goTo(line: number, col: number): void;
}

/**
 * The site's YAML in CodeMirror 6: YAML highlighting, undo/redo and the standard keymap, the validation issues in
 * the gutter. Tab is left to move the focus (no keyboard trap); the text is the single source, `onChange` reports it.
 * A `value` from outside (a form edit) replaces the text as one undoable change.
 */
export const YamlEditor = forwardRef<
  YamlEditorHandle,
  { value: string; onChange: (text: string) => void; issues: ApiIssue[]; label: string; locale: Locale }
>(function YamlEditor({ value, onChange, issues, label, locale }, ref) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView>(undefined);
  const changed = useRef(onChange);
  changed.current = onChange;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the view is created once; value and label follow below
  useEffect(() => {
    if (!host.current) return;
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          highlightActiveLine(),
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap, ...lintKeymap]),
          yaml(),
          syntaxHighlighting(defaultHighlightStyle),
          lintGutter(),
          EditorView.contentAttributes.of({ 'aria-label': label }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) changed.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    // The scroller is a region of its own; axe asks that it be reachable by keyboard even though its content is.
    v.scrollDOM.tabIndex = 0;
    view.current = v;
    return () => v.destroy();
  }, []);

  useEffect(() => {
    const v = view.current;
    if (!v || v.state.doc.toString() === value) return;
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    v.dispatch(
      setDiagnostics(
        v.state,
        issues.map((i) => toDiagnostic(v.state, i, locale)),
      ),
    );
  }, [issues, locale]);

  useImperativeHandle(ref, () => ({
    goTo(line, col) {
      const v = view.current;
      if (!v) return;
      const pos = position(v.state, line, col);
      v.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
      v.focus();
    },
  }));

  return <div ref={host} className="yaml-editor" />;
});

function position(state: EditorState, line: number, col: number): number {
  const l = state.doc.line(Math.min(Math.max(1, line), state.doc.lines));
  return Math.min(l.from + Math.max(0, col - 1), l.to);
}

function toDiagnostic(state: EditorState, issue: ApiIssue, locale: Locale): Diagnostic {
  const from = position(state, issue.line, issue.col);
  const to = Math.max(from, state.doc.lineAt(from).to);
  return {
    from,
    to,
    severity: issue.severity === 'warning' ? 'warning' : 'error',
    message: issueLine(issue, locale),
  };
}
