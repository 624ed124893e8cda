"""Back and forward through visited places."""

from __future__ import annotations

from briefing_tui.core.history import History, Place


def test_back_and_forward_walk_the_visits():
    history = History(Place("summary"))
    history.visit(Place("quotes", "q1"))
    history.visit(Place("actors", "peskov"))
    assert history.position == (3, 3)
    assert history.back() == Place("quotes", "q1")
    assert history.back() == Place("summary")
    assert history.back() is None
    assert history.forward() == Place("quotes", "q1")
    assert history.position == (2, 3)


def test_a_new_visit_drops_the_forward_places():
    history = History(Place("summary"))
    history.visit(Place("quotes", "q1"))
    history.visit(Place("actors", "peskov"))
    history.back()
    history.visit(Place("issues", "territory"))
    assert history.position == (3, 3)
    assert history.forward() is None
    assert history.back() == Place("quotes", "q1")


def test_update_keeps_how_a_place_was_left():
    history = History(Place("summary"))
    history.visit(Place("quotes", None, cursor="q1"))
    history.update(Place("quotes", None, cursor="q7", scroll=40))
    history.visit(Place("actors", "peskov"))
    assert history.back() == Place("quotes", None, cursor="q7", scroll=40)


def test_visiting_the_view_on_screen_only_updates_it():
    history = History(Place("summary"))
    history.visit(Place("summary", scroll=12))
    assert history.position == (1, 1)
    assert history.current.scroll == 12


def test_history_is_bounded():
    history = History(Place("summary"), limit=5)
    for n in range(20):
        history.visit(Place("quotes", f"q{n}"))
    assert history.position == (5, 5)
    assert history.current == Place("quotes", "q19")
