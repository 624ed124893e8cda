"""Bounded: at most N readers at once, each ended when idle, and a browser whose
reader cannot start is told why, in the page, not only in the server's log."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

from tests.conftest import MINIMAL
from tests.serve.support import Server, open_reader, plain, screen_text, start_server, until_closed, with_cookie

IDLE_MINUTES = 0.04  # 2.4 seconds


def small_server(tmp_path: Path, *options: str) -> tuple[Server, Path]:
    brief = tmp_path / "brief.yaml"
    brief.write_text(MINIMAL, encoding="utf-8")
    cache = tmp_path / "cache"
    return start_server(brief, options=options, env=os.environ | {"BRIEFING_CACHE_DIR": str(cache)}, errors=tmp_path / "server.log"), brief


async def test_too_many_readers_are_refused_with_a_message_and_an_idle_one_ends(tmp_path: Path):
    server, _ = small_server(tmp_path, "--max-sessions", "1", "--idle-minutes", str(IDLE_MINUTES))
    try:
        async with await with_cookie(server) as session:
            first = await open_reader(session, server)
            started = time.monotonic()
            second = await open_reader(session, server)
            refusal = plain(await until_closed(second))
            assert "already runs 1 reader, the most it allows at once" in refusal
            assert second.close_code == 1013  # try again later
            assert "A small brief" in await screen_text(first, "A small brief")
            ended = plain(await until_closed(first))
            assert "This reader ended after 2.4 seconds without a key pressed" in ended
            assert first.close_code == 1013
            assert time.monotonic() - started >= IDLE_MINUTES * 60 - 0.5
            # Its place is free again: the next browser gets a reader.
            for _ in range(100):
                third = await open_reader(session, server)
                shown = await screen_text(third, "A small brief", timeout=15)
                await third.close()
                if "A small brief" in shown:
                    break
                await asyncio.sleep(0.05)
            assert "A small brief" in shown
    finally:
        server.stop()


async def test_a_reader_that_cannot_start_says_why_and_readers_end_with_the_server(tmp_path: Path):
    server, brief = small_server(tmp_path, "--max-sessions", "2")
    async with await with_cookie(server) as session:
        working = await open_reader(session, server)
        assert "A small brief" in await screen_text(working, "A small brief")
        (pid,) = server.readers()
        brief.write_text("brief: 1\ntitle: [unclosed\n", encoding="utf-8")
        failing = await open_reader(session, server)
        told = plain(await until_closed(failing))
        assert "The reader could not start." in told
        assert f"{brief}:" in told and "error" in told
        assert "Reload this page to try again." in told
        server.stop()
        assert server.process.returncode == 0
        await until_closed(working)
    assert not Path(f"/proc/{pid}").exists()  # no reader outlives its server
