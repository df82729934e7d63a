"""Reading the seed letters (tests/data/letters, copies of shared/seeds) for comparison."""

from __future__ import annotations

import re
from pathlib import Path

SEEDS = Path(__file__).parent / "data" / "letters"


def seed(name: str) -> str:
    return (SEEDS / f"seed_{name}.txt").read_text(encoding="utf-8")


def norm(text: str) -> str:
    """Compared as a reader would: «ё» as «е», spaces evened out."""
    return " ".join(text.replace("ё", "е").replace("Ё", "Е").split())


def bullets_after(text: str, heading: str, stop: str) -> list[str]:
    """The «·» lines between a heading and the next paragraph that starts with `stop`."""
    start = text.index(heading) + len(heading)
    end = text.index(stop, start)
    return [norm(line.lstrip("· ")) for line in text[start:end].splitlines()
            if line.strip().startswith("·")]


def sentence_with(text: str, words: str) -> str:
    """The sentence of `text` that begins with `words`."""
    match = re.search(re.escape(words) + r"[^\n]*?\.(?=\s|$)", norm(text))
    assert match, f"no sentence «{words}…»"
    return match[0]
