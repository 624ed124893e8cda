"""Benchmarks, run on demand. Their briefs are cached in a temporary folder, removed
at exit, never in the user's cache: the first launch of a brief fills it, the next
ones start warm, as a user's second look does."""

import atexit
import os
import shutil
import tempfile

os.environ["BRIEFING_CACHE_DIR"] = tempfile.mkdtemp(prefix="briefing-benchmark-cache-")
atexit.register(shutil.rmtree, os.environ["BRIEFING_CACHE_DIR"], True)
