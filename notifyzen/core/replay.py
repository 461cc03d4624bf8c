"""What-if replay: a stream of past notifications run through the real Timeline on a simulated clock."""

from __future__ import annotations

from notifyzen.core.stream import Entry, Presence, StreamError, parse_lines, to_jsonl_dict, to_jsonl_line

__all__ = ["Entry", "Presence", "StreamError", "parse_lines", "to_jsonl_dict", "to_jsonl_line"]
