"""Merge the helpers' files of round 36 (drafts/r36/s36*.yaml) into
mtqa/lexicons/news_gk_r36_tentative.yaml, every entry at severity info, confidence 0.4;
the ids listed in drafts/r36/drop.txt (one a line, a reason after it) are left out.
With no argument it takes every s36*.yaml; the shipped file was made from the finished files
named on the command line (the list is in this folder's README). The work is done by
``benchmarks/briefs/merge_round.py``, shared with later rounds."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from merge_round import main  # noqa: E402

main(["36", *sys.argv[1:]])
