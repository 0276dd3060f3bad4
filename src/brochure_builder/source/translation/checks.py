"""What a translation must keep of its English text: the inline markup, the source notes it
cites and the mail-merge placeholders. Their order may change (languages order words
differently), their number may not. A placeholder is kept when its column is: its default
(``{{ name or "friend" }}``) is text, which the translator translates."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from ..limits import MAX_UNBROKEN_CHARS
from ..markup import cited_notes, spans
from ..merge import Placeholder, placeholders
from ..yamlsource import longest_run

SPAN_NAMES = {"strong": "bold (**…**)", "em": "italic (*…*)", "link": "link ([…](…))"}


def broken(english: str, translation: str) -> list[str]:
    """Each thing ``translation`` loses or adds, in words; empty when it keeps them all."""
    return [*_span_changes(english, translation), *_kept("source note", "[^{}]", cited_notes, english, translation),
            *_kept("placeholder", "{}", _placeholder_names, english, translation), *_unbroken(translation)]


def _unbroken(translation: str) -> list[str]:
    longest = longest_run(translation)
    return [f"it has {longest:,} characters with no space between them; a text may run at most "
            f"{MAX_UNBROKEN_CHARS:,} without one"] if longest > MAX_UNBROKEN_CHARS else []


def _span_changes(english: str, translation: str) -> list[str]:
    theirs, ours = Counter(spans(english)), Counter(spans(translation))
    return [f"it has {ours[kind]} {SPAN_NAMES[kind]} span(s) where the original has {theirs[kind]}"
            for kind in SPAN_NAMES if theirs[kind] != ours[kind]]


def _kept(what: str, shape: str, find: Callable[[str], list[str]], english: str, translation: str) -> list[str]:
    theirs, ours = Counter(find(english)), Counter(find(translation))
    lost = [shape.format(name) for name in sorted((theirs - ours).elements())]
    added = [shape.format(name) for name in sorted((ours - theirs).elements())]
    return ([f"it drops the {what} {', '.join(lost)}"] if lost else []) + (
        [f"it adds the {what} {', '.join(added)}, which the original does not have"] if added else [])


def _placeholder_names(text: str) -> list[str]:
    """Each placeholder as ``{{ column }}``, without its default; one not understood as written."""
    return [f"{{{{ {found.column} }}}}" if isinstance(found, Placeholder) else found for found in placeholders(text)]
