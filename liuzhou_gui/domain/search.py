"""Search keys: one lowercase text per record that matches by characters and by pinyin.

A key holds, for each searched text, the text itself, its pinyin initials and its full
pinyin, so that a LIKE '%yj%' finds 杨静 and '%yangjing%' finds it too.
"""

from __future__ import annotations

import functools

SEPARATOR = "|"


_KEPT = "\x00"  # marks a run of non-Chinese characters pypinyin hands back unchanged


@functools.lru_cache(maxsize=65536)
def _word_pinyin(word: str) -> tuple[str, ...]:
    """One word's syllables. Cached: names repeat their words (柳州市, 机械, 有限公司) thousands of times."""
    from pypinyin import Style, lazy_pinyin

    return tuple(lazy_pinyin(word, style=Style.NORMAL, errors=lambda chars: [_KEPT + chars], strict=False))


@functools.lru_cache(maxsize=8192)
def _pinyin(text: str) -> tuple[str, str]:
    """(initials, full pinyin) from one pass of pypinyin: words are segmented once, not twice.

    The text is cut into words by pypinyin's own segmenter, as lazy_pinyin does, and each word's
    syllables come from a cache (same result, about four times faster for an import of 10,000 units).
    Cached as a whole too: a session's key repeats the names of its units and lecturers."""
    # Imported on first use: pypinyin loads its phrase dictionary (~0.2 s), which the app's
    # start-up does not need.
    from pypinyin.seg.simpleseg import seg

    items = [item for word in seg(text) for item in _word_pinyin(word)]
    initials = "".join(item[1:] if item.startswith(_KEPT) else item[:1] for item in items)
    full = "".join(item.removeprefix(_KEPT) for item in items)
    return initials.lower(), full.lower()


def _has_chinese(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def search_key(*texts: str | None) -> str:
    """The search key of a record from its searchable texts (names, units, places, …)."""
    parts: list[str] = []
    for raw in texts:
        text = (raw or "").strip().lower()
        if not text:
            continue
        compact = "".join(text.split())
        parts.append(compact)
        if _has_chinese(compact):
            parts.extend(_pinyin(compact))
    return SEPARATOR + SEPARATOR.join(parts) + SEPARATOR if parts else ""


def sort_key(name: str | None) -> str:
    """A name's place in a list sorted the way Chinese readers expect: by pinyin (阿明 before 李四
    before 张三), letters and digits as they are, the name itself breaking ties between homophones.

    The spelling is the one the search key holds (cached), so keeping both costs one pypinyin pass."""
    text = (name or "").strip()
    compact = "".join(text.lower().split())
    spelled = _pinyin(compact)[1] if _has_chinese(compact) else compact
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
