"""Engines that run a corpus somewhere else than this process.

The local engine is :class:`mtqa.corpus.CorpusRun`; :mod:`mtqa.engines.ray`
runs the same pipeline on a Ray cluster (``pip install 'mtqa[ray]'``).  Both
yield :class:`mtqa.results.Outcome` objects in input order, so the results
file, the outputs, the gate and the summary are the same code for both.
"""
