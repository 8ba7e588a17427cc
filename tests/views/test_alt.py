"""Every chart a page draws has a text alternative in the user's language and a data view."""

from __future__ import annotations

import pytest

from rnnlab.i18n import t
from tests.rnnlab.test_compare import three_runs

# The Hidden states stage is not a Plotly chart (a client-side component with its own text).


def _charts(at):
    charts = list(at.get("plotly_chart"))
    assert charts, "the page drew no chart"
    return charts


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("path, state", [
    ("views/home.py", {}),
    ("views/data.py", {}),
    ("views/concepts.py", {}),
    ("views/compare.py", {"runs": "three"}),
    ("views/hidden_states.py", {"hidden_lines": True, "hidden_grads": True}),  # its folds with charts, open
])
def test_every_chart_has_alt_text_in_the_language_and_a_data_view(app_test, path, state, lang):
    if state.get("runs") == "three":
        state = {"runs": three_runs()}
    at = app_test(path, lang=lang, **state).run(timeout=120)
    assert not at.exception
    kind = {t("alt.kind_line", lang), t("alt.kind_bar", lang), t("alt.kind_heatmap", lang),
            t("alt.unrolled", lang, steps=4, last=4)[:10]}
    for chart in _charts(at):
        alt = chart.proto.alt
        assert alt and any(alt.startswith(k) for k in kind), (chart.proto.id, alt)
    expanders = [e.label for e in at.expander]
    prefix = t("chart.data_untitled", lang)
    data_views = [label for label in expanders if label.startswith(prefix)]
    diagrams = 1 if path.endswith("concepts.py") else 0  # the unrolled diagram has no data
    csv_keys = [b.key for b in at.get("download_button") if b.key.endswith("_csv") and b.key != "compare_csv"]
    assert len(csv_keys) == len(_charts(at)) - diagrams  # every data chart: its CSV
    # and its table, except a chart already inside an expander (Hidden states' lines chart)
    assert len(data_views) >= len(csv_keys) - (1 if path.endswith("hidden_states.py") else 0)
