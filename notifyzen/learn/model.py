"""Online logistic regression, FTRL-Proximal (McMahan et al., "Ad click prediction: a view from
the trenches", KDD 2013): per-feature learning rates, so a person seen twice learns as fast as
an app seen a thousand times, and an L1 term that keeps unhelpful features at exactly zero, so
explanations name only what carries weight. One reaction costs a few dozen float operations.

Besides the weights the model keeps, per sender, how often the user opened what they sent: the
"how you reacted before" feature, updated with every label.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import Any

from notifyzen.core.model import Notification
from notifyzen.learn.features import features, in_words, source_key

MAX_FEATURES = 20_000  # a year of words stays far below; past it the least seen are forgotten
VERSION = 1


@dataclass(slots=True)
class Model:
    zone: tzinfo
    alpha: float = 0.1
    beta: float = 1.0
    l1: float = 0.05
    l2: float = 1.0
    z: dict[str, float] = field(default_factory=dict)
    n: dict[str, float] = field(default_factory=dict)
    past: dict[str, list[float]] = field(default_factory=dict)  # source -> [opened, labelled]
    labelled: int = 0
    trained_until: float = 0.0  # epoch of the newest reaction learned from (train.py)
    touched: dict[str, float] = field(default_factory=dict)  # word feature -> newest message it came from

    # --- reading ---

    def x(self, note: Notification) -> dict[str, float]:
        f = features(note, self.zone)
        opened, seen = self.past.get(source_key(note), (0.0, 0.0))
        if seen:
            f["past"] = 2 * (opened + 1) / (seen + 2) - 1  # -1 never opened .. +1 always
        return f

    def weight(self, name: str) -> float:
        z = self.z.get(name, 0.0)
        if abs(z) <= self.l1:
            return 0.0
        return -(z - math.copysign(self.l1, z)) / (
            (self.beta + math.sqrt(self.n.get(name, 0.0))) / self.alpha + self.l2
        )

    def score(self, note: Notification) -> float:
        """How likely this user wants to see it soon (0..1); 0.5 knowing nothing."""
        return _sigmoid(sum(self.weight(k) * v for k, v in self.x(note).items()))

    def reasons(self, note: Notification, count: int = 3) -> list[tuple[str, float]]:
        """The features that weighed most, in words, with their contribution (+ speaks for)."""
        parts = [(k, self.weight(k) * v) for k, v in self.x(note).items() if k != "bias"]
        parts = [p for p in parts if p[1] != 0.0]
        parts.sort(key=lambda p: -abs(p[1]))
        return [(in_words(k), c) for k, c in parts[:count]]

    def explain(self, note: Notification) -> str:
        """E.g. "model score 0.83; weighed most: from Anke (+), in Signal (+), 'lunch' (+)"."""
        reasons = ", ".join(f"{w} ({'+' if c > 0 else '-'})" for w, c in self.reasons(note))
        return f"model score {self.score(note):.2f}; weighed most: {reasons or 'nothing yet'}"

    # --- learning ---

    def learn(self, note: Notification, wanted: bool, weight: float = 1.0) -> None:
        """One label: the user wanted it (opened soon, "should have come") or not."""
        f = self.x(note)
        p = _sigmoid(sum(self.weight(k) * v for k, v in f.items()))
        y = 1.0 if wanted else 0.0
        for k, v in f.items():
            g = (p - y) * v * weight
            w = self.weight(k)
            n = self.n.get(k, 0.0)
            sigma = (math.sqrt(n + g * g) - math.sqrt(n)) / self.alpha
            self.z[k] = self.z.get(k, 0.0) + g - sigma * w
            self.n[k] = n + g * g
        at = note.at.timestamp()
        for k in f:
            if k.startswith("word="):
                self.touched[k] = max(self.touched.get(k, 0.0), at)
        past = self.past.setdefault(source_key(note), [0.0, 0.0])
        past[0] += y
        past[1] += 1
        self.labelled += 1
        if len(self.z) > MAX_FEATURES:
            self._forget()

    def _forget(self) -> None:
        keep = sorted(self.n, key=lambda k: -self.n[k])[: MAX_FEATURES * 3 // 4]
        self.z = {k: self.z[k] for k in keep}
        self.n = {k: self.n[k] for k in keep}
        self.touched = {k: t for k, t in self.touched.items() if k in self.n}

    def forget_words_before(self, epoch: float) -> int:
        """Drop what was learned from words of messages older than `epoch`: the history erases
        their texts after `retention: bodies_days`, and the model keeps no more of them than it.
        Returns how many words were forgotten."""
        old = [k for k, t in self.touched.items() if t < epoch]
        for k in old:
            self.z.pop(k, None)
            self.n.pop(k, None)
            del self.touched[k]
        return len(old)

    # --- keeping ---

    def to_json(self) -> dict[str, Any]:
        return {
            "version": VERSION,
            "labelled": self.labelled,
            "trained_until": self.trained_until,
            "z": {k: round(v, 6) for k, v in self.z.items()},
            "n": {k: round(v, 6) for k, v in self.n.items()},
            "past": self.past,
            "touched": {k: round(v) for k, v in self.touched.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], zone: tzinfo) -> Model:
        if data.get("version") != VERSION:
            raise ValueError(f"a model of version {data.get('version')!r}, not {VERSION}")
        return cls(
            zone,
            z={str(k): float(v) for k, v in data["z"].items()},
            n={str(k): float(v) for k, v in data["n"].items()},
            past={str(k): [float(v[0]), float(v[1])] for k, v in data["past"].items()},
            labelled=int(data["labelled"]),
            trained_until=float(data["trained_until"]),
            touched={str(k): float(v) for k, v in data.get("touched", {}).items()},
        )


def _sigmoid(t: float) -> float:
    if t < -35:
        return 0.0
    return 1 / (1 + math.exp(-t))
