"""What matters to this user, learned from their own reactions (issue 20), on this machine only.

A small online logistic regression (FTRL-Proximal, model.py) over readable features of a
notification (features.py: who, which app, a group or not, phone or desktop, time of day, words,
how the user treated that sender before), trained one reaction at a time (train.py) from the
history's reaction table and kept beside the history with its privacy (files.py). It never
decides: the core takes its score through `core.proposals.Scorer` to rank and support proposals,
and `rules explain` shows it next to the rule that did decide. Why no library: docs/learning.md.

May import: notifyzen.core, notifyzen.desktop, notifyzen.history
"""
