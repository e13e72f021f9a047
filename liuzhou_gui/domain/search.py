"""Search keys: one lowercase text per record that matches by characters and by pinyin.

A key holds, for each searched text, the text itself, its pinyin initials and its full
pinyin, so that a LIKE '%yj%' finds 杨静 and '%yangjing%' finds it too. A character of several
readings adds the spellings with its other readings (覃 is Tán in the dictionary and Qín in
Liuzhou: '%qf%' and '%tf%' both find 覃芳), while the list's sort keeps the first reading.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Iterable, Sequence

SEPARATOR = "|"


_KEPT = "\x00"  # marks a run of non-Chinese characters pypinyin hands back unchanged


@functools.lru_cache(maxsize=65536)
def _word_pinyin(word: str) -> tuple[str, ...]:
    """One word's syllables. Cached: names repeat their words (柳州市, 机械, 有限公司) thousands of times."""
    from pypinyin import Style, lazy_pinyin
    from pypinyin.constants import RE_HANS

    if not RE_HANS.match(word):  # digits, letters, punctuation: as pypinyin hands them back, without its work
        return (_KEPT + word,)
    return tuple(lazy_pinyin(word, style=Style.NORMAL, errors=lambda chars: _KEPT + chars, strict=False))


# Spellings of one text with its polyphonic characters read otherwise: every combination while they
# are few, else each character's other readings one at a time (a long name would multiply them).
MAX_COMBINATIONS = 16


@functools.lru_cache(maxsize=65536)
def _readings(char: str) -> tuple[str, ...]:
    """Every reading of one character, toneless, in pypinyin's order (覃: tan, qin, yan)."""
    from pypinyin import Style, pinyin

    found = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
    return tuple(dict.fromkeys(found[0])) if found else ()


@functools.lru_cache(maxsize=65536)
def _word_slots(word: str) -> tuple[tuple[str, ...], ...]:
    """Per syllable of a word: its reading in the word first, then the character's other readings."""
    items = _word_pinyin(word)
    if len(items) != len(word) or any(item.startswith(_KEPT) for item in items):
        return tuple((item,) for item in items)
    return tuple((item, *(r for r in _readings(char) if r != item)) for char, item in zip(word, items, strict=True))


def _spelled(items: Iterable[str]) -> tuple[str, str]:
    initials = "".join(item[1:] if item.startswith(_KEPT) else item[:1] for item in items)
    full = "".join(item.removeprefix(_KEPT) for item in items)
    return initials.lower(), full.lower()


@functools.lru_cache(maxsize=65536)
def _word_forms(word: str) -> tuple[tuple[str, str], ...]:
    """A word's (initials, full) spellings: the usual reading first, then the others (every combination
    of its syllables' readings up to MAX_COMBINATIONS, else one syllable read otherwise at a time).
    Cached: names repeat their words (柳州市, 有限公司) thousands of times."""
    slots = _word_slots(word)
    first = [slot[0] for slot in slots]
    main = _spelled(first)
    several = [i for i, slot in enumerate(slots) if len(slot) > 1]
    if not several:
        return (main,)
    if math.prod(len(slots[i]) for i in several) <= MAX_COMBINATIONS:
        variants: Iterable[Sequence[str]] = itertools.islice(itertools.product(*slots), 1, None)  # not the usual
    else:
        variants = ([*first[:i], reading, *first[i + 1:]] for i in several for reading in slots[i][1:])
    return (main, *(form for form in dict.fromkeys(map(_spelled, variants)) if form != main))


@functools.lru_cache(maxsize=65536)
def _is_hans(char: str) -> bool:
    """A character pypinyin spells (its own test, so the runs below are cut where its segmenter cuts)."""
    from pypinyin.constants import RE_HANS

    return RE_HANS.match(char) is not None


@functools.lru_cache(maxsize=65536)
def _run_words(run: str) -> tuple[tuple[tuple[str, str], ...], ...]:
    """The spellings of each word of one run of Chinese (or of other) characters, cut as pypinyin's
    segmenter cuts it. Cached: names of one list share their runs (柳州市第, 号机械有限公司) while their
    whole texts differ by a number, and the segmenter was most of an import's key work."""
    # Imported on first use: pypinyin loads its phrase dictionary (~0.2 s), which the app's
    # start-up does not need.
    from pypinyin.seg.simpleseg import seg

    return tuple(_word_forms(word) for word in seg(run))


def _words(text: str) -> list[tuple[tuple[str, str], ...]]:
    """Each word's spellings, as seg(text) cuts the text: pypinyin splits it into runs of Chinese and of
    other characters first and segments each run alone, so the runs can be cut (and cached) here. A run
    of other characters (a unit's number) is one word spelled as it is, as _word_forms would spell it."""
    words: list[tuple[tuple[str, str], ...]] = []
    for hans, chars in itertools.groupby(text, _is_hans):
        run = "".join(chars)
        if hans:
            words.extend(_run_words(run))
        else:
            words.append(((run.lower(), run.lower()),))
    return words


@functools.lru_cache(maxsize=8192)
def _spellings(text: str) -> tuple[tuple[str, str], tuple[str, ...]]:
    """((initials, full pinyin), the other spellings), the text cut into words as lazy_pinyin cuts it.

    Each run's words and each word's spellings come from a cache (same result as pypinyin's own
    segmenting and spelling, many times faster for an import of 10,000 units). Words of several readings
    combine as their syllables do: all combinations while few, else one word read otherwise at a time.
    Cached as a whole too: a session's key repeats the names of its units and lecturers."""
    words = _words(text)
    initials = [forms[0][0] for forms in words]
    fulls = [forms[0][1] for forms in words]
    main = ("".join(initials), "".join(fulls))
    varied = [i for i, forms in enumerate(words) if len(forms) > 1]
    if not varied:
        return main, ()
    if math.prod(len(words[i]) for i in varied) <= MAX_COMBINATIONS:
        combined = itertools.islice(itertools.product(*words), 1, None)
        spelled: Iterable[str] = (part for forms in combined
                   for part in ("".join(f[0] for f in forms), "".join(f[1] for f in forms)))
    else:
        pairs: list[str] = []
        for i in varied:
            before, after = "".join(initials[:i]), "".join(initials[i + 1:])
            full_before, full_after = "".join(fulls[:i]), "".join(fulls[i + 1:])
            for form_initials, form_full in words[i][1:]:
                pairs += (before + form_initials + after, full_before + form_full + full_after)
        spelled = pairs
    return main, tuple(part for part in dict.fromkeys(spelled) if part not in main)


def _pinyin(text: str) -> tuple[str, str]:
    """(initials, full pinyin) in the usual reading: the one the lists sort by."""
    return _spellings(text)[0]


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
            main, others = _spellings(compact)
            parts.extend((*main, *others))
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
