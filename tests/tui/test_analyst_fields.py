"""The analyst's fields on screen, in one reader on a brief that has them all: the
matrix's signs (legible without colour), an issue's positions by leaning, a
paraphrase without quotation marks, the Admiralty pair, confidence, stale dimmed,
relations both ways."""

from __future__ import annotations

from rich.style import Style

from briefing_tui.tui.screens.talking_points import TalkingPointsScreen
from briefing_tui.tui.widgets.matrix import PositionMatrix
from tests.tui.screen import screen_lines
from tests.tui.support import main, open_item, shown_page, started, until
from tests.tui.test_withholding import page_text, reader


async def test_every_field_shows_where_the_reader_looks():
    app = reader(None)
    async with app.run_test(size=(110, 30)) as pilot:
        await started(pilot, app)
        assert "\u2022 The wire expects a deal within weeks.\n[Harbour Wire \u00b7 B2]" in page_text(app)  # a key point citing its source
        await pilot.press("5")
        lines = screen_lines(app)
        rows: dict[str, str] = {}
        for line in lines:
            for name in ("Port Authority", "Ana Ruiz", "Dockers Union", "Lars Berg"):
                if line.startswith(" " + name):
                    rows.setdefault(name, line)  # the row, not the cell in full below
        assert "\u2213 Offers three per cent" in rows["Port Authority"]
        assert "~ Privately hints" in rows["Ana Ruiz"]
        assert "+ Wants ten per cent." in rows["Dockers Union"] and "\u2212 Against any." in rows["Dockers Union"]
        assert "? Has said nothing new." in rows["Lars Berg"]
        # The sign has its leaning's colour; a stale stance is dimmed.
        matrix = main(app).query_one(PositionMatrix)
        segments = [segment for segment in matrix.render_line(2) if segment.text]
        sign = next(s for s in segments if s.text == "~")
        assert sign.style is not None and sign.style.color is not None and sign.style.bold
        stale = [s for s in matrix.render_line(1) if "Offers" in s.text]
        assert stale and isinstance(stale[0].style, Style) and stale[0].style.dim
        await pilot.press("l")
        below = " ".join(line.strip() for line in screen_lines(app)[-4:])
        assert (
            "Port Authority: \u2213 Offers three per cent at most. [leans to oppose \u00b7 moderate confidence \u00b7 as of 2026-01-05 \u00b7 stale]"
            in below
        )

        await open_item(app, "wages")
        await pilot.pause()
        text = page_text(app)
        order = [text.index(name) for name in ("+ Dockers Union", "\u2213 Port Authority", "~ Ana Ruiz", "? Lars Berg")]
        assert order == sorted(order)
        assert "Port Authority  [leans to oppose \u00b7 moderate confidence \u00b7 as of 2026-01-05 \u00b7 stale]" in text
        stale_block = next(b for b in shown_page(app).document.blocks if any("Offers three" in s.text for s in b.spans))
        assert {span.style for span in stale_block.spans} == {"stale"}
        # A paraphrase: no quotation marks, a tag; a verbatim quote keeps its marks.
        assert (
            "\u2022 The union would walk out if wages were not raised. \u2014 Lars Berg, Harbour Wire, 2026-01-10  [paraphrase \u00b7 B3 \u00b7 stale]"
            in text
        )
        assert "\u201cOur door stays open.\u201d \u2014 Ana Ruiz, Harbour Wire, 2026-02-27  [in en \u00b7 B2 \u00b7 high confidence]" in text

        await open_item(app, "union-paraphrase")
        await pilot.pause()
        text = page_text(app)
        assert text.startswith("The union would walk out") and "\u201c" not in text.split("\n")[0]
        assert "[paraphrase \u00b7 stale]\nAdmiralty B3: source usually reliable; information possibly true" in text
        assert shown_page(app).document.blocks[0].spans[0].style == "stale"  # said 50 days before the brief: dimmed
        await pilot.press("y")
        assert app.clipboard.startswith("TLP:AMBER\nThe union would walk out if wages were not raised. \u2014 Lars Berg")
        assert app.clipboard.endswith("[paraphrase \u00b7 B3 \u00b7 stale]")

        await open_item(app, "ana")
        await pilot.pause()
        assert "Relations (1)\n\u2022 spokesperson for Port Authority  since 2025-06-01" in page_text(app)
        await open_item(app, "port-authority")
        await pilot.pause()
        text = page_text(app)
        assert "\u2022 Ana Ruiz  spokesperson for" in text and "\u2022 Dockers Union  opposes" in text
        await open_item(app, "wire")
        await pilot.pause()
        assert "Reliability B: usually reliable (Admiralty code)" in page_text(app)
        assert "TLP:AMBER" in screen_lines(app)[0]
        # The talking points, a screen of their own, are headed by the marking too.
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, TalkingPointsScreen))
        await pilot.pause()
        assert screen_lines(app)[0].startswith(" TLP:AMBER \u00b7 Talking points")
