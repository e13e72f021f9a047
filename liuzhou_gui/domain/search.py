"""Search keys: one lowercase text per record that matches by characters and by pinyin.

A key holds, for each searched text, the text itself, its pinyin initials and its full
pinyin, so that a LIKE '%yj%' finds 杨静 and '%yangjing%' finds it too.
"""

from __future__ import annotations

import functools

SEPARATOR = "|"


_KEPT = "\x00"  # marks a run of non-Chinese characters pypinyin hands back unchanged


@functools.lru_cache(maxsize=8192)
def _pinyin(text: str) -> tuple[str, str]:
    """(initials, full pinyin) from one pass of pypinyin: words are segmented once, not twice.

    Cached: a session's key repeats the names of its units and lecturers, just keyed themselves."""
    # Imported on first use: pypinyin loads its phrase dictionary (~0.2 s), which the app's
    # start-up does not need.
    from pypinyin import Style, lazy_pinyin

    items = lazy_pinyin(text, style=Style.NORMAL, errors=lambda chars: [_KEPT + chars], strict=False)
    initials = "".join(item[1:] if item.startswith(_KEPT) else item[:1] for item in items)
    full = "".join(item.removeprefix(_KEPT) for item in items)
    return initials.lower(), full.lower()


def search_key(*texts: str | None) -> str:
    """The search key of a record from its searchable texts (names, units, places, …)."""
    parts: list[str] = []
    for raw in texts:
        text = (raw or "").strip().lower()
        if not text:
            continue
        compact = "".join(text.split())
        parts.append(compact)
        if any("\u3400" <= ch <= "\u9fff" for ch in compact):
            parts.extend(_pinyin(compact))
    return SEPARATOR + SEPARATOR.join(parts) + SEPARATOR if parts else ""


@functools.lru_cache(maxsize=8192)
def sort_key(name: str | None) -> str:
    """A name's place in a list sorted the way Chinese readers expect: by pinyin (阿明 before 李四
    before 张三), letters and digits as they are, the name itself breaking ties between homophones."""
    text = (name or "").strip()
    from pypinyin import Style, lazy_pinyin

    spelled = " ".join(lazy_pinyin(text.lower(), style=Style.NORMAL, errors="default", strict=False))
    return f"{spelled}\x01{text}"


def like_pattern(query: str) -> str | None:
    """The LIKE pattern for what a user typed, or None when nothing is to be matched.

    Spaces are ignored (keys are stored without them); LIKE wildcards are escaped with '\\'.
    """
    text = "".join(query.lower().split())
    if not text:
        return None
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def expert_key(name: str, unit: str, title: str = "", group: str = "") -> str:
    return search_key(name, unit, title, group)


def unit_key(name: str, address: str = "", contact: str = "", industry: str = "") -> str:
    return search_key(name, address, contact, industry)


def lecture_key(place: str, topic: str, organiser: str, unit_names: list[str], expert_names: list[str]) -> str:
    return search_key(place, topic, organiser, *unit_names, *expert_names)
