""""Did you mean" suggestions: a close misspelling or a known synonym, never a guess.

A suggestion must be what the drafter meant, not merely a word that looks
alike: ``bridge_to`` shares ``_to`` with ``subordinate_to``, which means nearly
the opposite. So a candidate is offered only when

- it is the same word written differently (case, ``-`` or a space for ``_``):
  ``Co-Lead`` → ``co_lead``;
- it is a known synonym (:data:`SYNONYMS`): ``leader`` → ``lead``;
- or it is a close misspelling of the whole word: at most one edit (a letter
  added, dropped, changed, or two neighbours swapped) for words of 3 to 5
  characters, two for longer words, none for shorter ones; and no other
  candidate is as close.

Otherwise there is no suggestion, and the caller lists what is allowed.
"""

from __future__ import annotations

from collections.abc import Iterable

SYNONYMS: dict[str, str] = {
    # guarantor roles
    "leader": "lead", "lead_nation": "lead", "co_leader": "co_lead", "colead": "co_lead",
    "participant": "contributor", "contributing": "contributor", "fallback": "backstop",
    # modality
    "must": "shall", "can": "may", "might": "may", "ready": "stands_ready",
    "willing": "stands_ready", "intend": "intends",
    # legal character
    "binding": "legally_binding", "political": "politically_binding",
    # text status
    "disputed": "bracketed", "square_brackets": "bracketed",
    # decision rule
    "unanimous": "unanimity", "simple_majority": "majority", "qmv": "qualified_majority",
    # duration, termination, relations, stances
    "auto": "automatic", "expiration": "expiry", "consent": "mutual_consent",
    "replaces": "supersedes", "against": "opposes", "in_favour": "supports",
}
"""Words drafters use for a vocabulary value, by that value (offered only where it is allowed)."""


def suggest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate ``word`` most likely stands for, or None when there is no safe guess."""
    candidates = list(dict.fromkeys(str(c) for c in candidates))
    key = _normal(word)
    by_key = {_normal(c): c for c in candidates}
    if key in by_key:
        return by_key[key]
    synonym = SYNONYMS.get(key)
    if synonym in candidates:
        return synonym
    limit = max_edits(key)
    if limit == 0:
        return None
    # The distance is at least the difference in length: skip candidates too short or too long
    # (and never spend time on a megabyte-long word).
    scored = sorted((distance(key, k), c) for k, c in by_key.items()
                    if abs(len(k) - len(key)) <= limit)
    close = [c for d, c in scored if d <= limit and d == scored[0][0]]
    return close[0] if len(close) == 1 else None


def max_edits(word: str) -> int:
    """Edits a misspelling of ``word`` may have: 0 below 3 characters, 1 up to 5, else 2."""
    return 0 if len(word) < 3 else 1 if len(word) <= 5 else 2


def distance(a: str, b: str) -> int:
    """Edit distance counting a swap of two neighbouring letters as one edit
    (optimal string alignment, a restricted Damerau-Levenshtein distance)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _normal(word: str) -> str:
    return "_".join(word.strip().lower().replace("-", " ").split())
