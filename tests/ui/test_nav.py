"""The page list: numbered as Home's path, each page of the path leading to the next."""

from __future__ import annotations

from ui.elements import nav


def test_the_path_is_numbered_from_1_as_home_says():
    assert [nav.label(p, p.url) for p in nav.PAGES] == [
        "home", "1. data", "2. hidden_states", "3. train", "4. compare", "5. concepts", "6. modern"]
    assert nav.number(nav.HOME) is None and nav.number(nav.DATA) == 1


def test_each_page_of_the_path_leads_to_the_next():
    assert [nav.next_page(p) for p in nav.PATH] == [nav.HIDDEN, nav.TRAIN, nav.COMPARE, nav.CONCEPTS,
                                                     nav.MODERN, None]
    assert nav.next_page(nav.HOME) is None
