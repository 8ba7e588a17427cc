"""Data page: choose the series, the part used for training, the split, and explore the windows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from rnnlab import data as rdata
from rnnlab import datasets
from rnnlab.data.windows import notebook_scaling_cell, split_points
from rnnlab.i18n import t
from rnnlab.i18n.numbers import fmt_range
from rnnlab.pages.page_controls import DATA, GEN_DEFAULTS
from rnnlab.plots.data import range_figure, split_figure
from rnnlab.training import MAX_TRAIN_VALUES
from ui.elements import controls, folds
from ui.elements.charts import chart, memo
from ui.elements.fragments import fragment
from ui.elements.guard import friendly_errors
from ui.i18n import lang, num, say, tr
from ui.session import data_view_state as dv
from ui.session import state
from ui.text import md_escape

# The page's own state (the upload, its refusal, the source tab) is owned by ui/session/data_view_state.py.
CHART_HEIGHT = 370  # the series chart beside the source: whole on a 1280x720 projector


@st.cache_data(show_spinner=False, max_entries=8)
def _builtin(name: str, language: str) -> rdata.Series:
    return datasets.load(name, language)


def _label(key_of):
    """A format_func that translates in the language of this run, also when Streamlit (or
    AppTest) calls it later, outside the script run."""
    language = lang()
    return lambda option: t(key_of(option), language)


def _draw(container, key: str, saved, **options):
    """A control of this page. Its value lives in the session's series and split, so the widget
    takes it from there each visit (``saved``: None for the control's own default)."""
    return controls.draw(container, key, DATA[key], default=saved, keep=False, **options)


_init = dv.init_widget  # a widget's value from the saved state (keys are forgotten on page change)


def _use(series: rdata.Series, source: dict) -> None:
    state.set_series(series, source, rdata.default_range(len(series)))
    dv.forget_widgets(dv.RANGE, dv.STEP)  # the range widgets follow the new series
    st.rerun()  # the sidebar was drawn before this page ran: draw it again with the new series


def _notebook_panel(source: dict) -> None:
    with st.expander(tr("data.notebook.about")):  # the picture first, the explanation folded
        st.caption(tr("data.notebook.help"))
    if source.get("kind") != "notebook":
        _use(state.default_series(lang()), dict(state.NOTEBOOK_SOURCE))


def _generate_panel(source: dict) -> None:
    saved = source if source.get("kind") == "generate" else GEN_DEFAULTS
    # two by two: four in a row left the Points slider so narrow on a 1280 px projector that
    # its bounds ran together ("205000" for 20 and 5000)
    grid = (*st.columns(2), *st.columns(2))
    n, periods, noise, seed = (_draw(col, f"data_gen_{name}", saved[name])
                               for col, name in zip(grid, GEN_DEFAULTS, strict=True))
    st.caption(tr("data.gen.help"))
    wanted = {"kind": "generate", "n": int(n), "periods": float(periods), "noise": float(noise),
              "seed": int(seed)}
    if wanted != source:
        values = rdata.noisy_sine(wanted["n"], wanted["periods"], wanted["noise"], wanted["seed"])
        _use(rdata.Series(values, name=tr("data.gen.name", n=n)), wanted)


def _builtin_panel(source: dict) -> None:
    saved = source.get("name") if source.get("kind") == "builtin" else None
    name = _draw(st, "data_builtin", saved,
                 format_func=_label(lambda key: datasets.BUILTIN[key].title_key))
    info = datasets.BUILTIN[name]
    st.markdown(tr(info.description_key))
    st.caption(tr("data.builtin.source", source=info.source, licence=tr("data.builtin.public_domain")))
    wanted = {"kind": "builtin", "name": name}
    if wanted != source:
        _use(_builtin(name, lang()), wanted)


def _show_upload_error(err: rdata.DataError) -> None:
    st.error(say(err.message, markdown=True))
    st.caption(tr("data.upload.kept", name=md_escape(state.get_series().name)))


# The uploader refuses other types with its own English words, before the app can speak: .xls
# and .ods are let in so that the app says, in the user's language, to save them as .xlsx or CSV.
UPLOAD_TYPES = ["csv", "txt", "tsv", "xlsx", "xls", "ods"]


def _parse_upload(name: str, file_id, content: bytes, column=None, layout=None, sheet=None) -> bool:
    try:
        series = rdata.read_csv(content, column=column, layout=layout, sheet=sheet)
    except rdata.DataError as err:
        err = err.detached()  # kept for reruns: without the parser's frames (and arrays)
        dv.refuse_upload(file_id, err)  # its column picker goes too
        _show_upload_error(err)
        return False
    dv.keep_upload(name, file_id, content)
    parts = [name] + ([series.sheet] if len(series.sheets) > 1 else [])
    if series.layout == "months":
        parts.append(tr("data.months.name"))
    elif len(series.columns) > 1:
        parts.append(series.column)
    series.name = " · ".join(parts)
    _use(series, {"kind": "upload", "name": name, "file_id": file_id, "column": series.column,
                  "layout": series.layout, "sheet": series.sheet})
    return True


def _upload_panel(source: dict) -> None:
    file = st.file_uploader(tr("data.upload.label"), type=UPLOAD_TYPES, key=dv.UPLOADER,
                            help=tr("data.upload.help"))
    saved = dv.upload()
    if file is not None:
        file_id = getattr(file, "file_id", None) or (file.name, file.size)
        failed = dv.upload_error()
        if failed and failed[0] == file_id:
            _show_upload_error(failed[1])  # the same bad file: say it again, do not re-parse
            return  # and no picker of the previous file under the error
        if source.get("file_id") != file_id and not _parse_upload(file.name, file_id, file.getvalue()):
            return
    elif saved and source.get("file_id") != saved["id"]:
        _parse_upload(saved["name"], saved["id"], saved["bytes"])  # back from another source
    source = state.get_source()
    series = state.get_series()
    if source.get("kind") != "upload":
        return
    if file is None:
        st.caption(tr("data.upload.current", name=md_escape(series.name)))
    saved = dv.upload()
    if saved is None:
        return
    _pickers(series, source, saved)


def _pickers(series: rdata.Series, source: dict, saved: dict) -> None:
    """Sheet, table layout and column of the uploaded file; a change re-reads the saved bytes."""
    cols = st.columns(3)
    sheet, layout, column = source.get("sheet"), series.layout, series.column
    if len(series.sheets) > 1:
        _init(dv.SHEET, series.sheet)
        sheet = cols[0].selectbox(tr("data.sheet"), series.sheets, key=dv.SHEET,
                                  help=tr("data.sheet.help"), placeholder=tr("chrome.choose"))
    if len(series.layouts) > 1:
        _init(dv.LAYOUT, series.layout)
        layout = cols[1].radio(tr("data.layout"), series.layouts, key=dv.LAYOUT,
                               format_func=_label(lambda k: f"data.layout.{k}"),
                               help=tr("data.layout.help"))
    if layout == "column" and len(series.columns) > 1:
        if dv.widget(dv.COLUMN) not in series.columns:
            dv.set_widget(dv.COLUMN, series.column or series.columns[0])
        column = cols[2].selectbox(tr("data.column"), series.columns, key=dv.COLUMN,
                                   help=tr("data.column.help"), placeholder=tr("chrome.choose"))
    if sheet != source.get("sheet"):  # another sheet: its own columns and layout
        dv.forget_widgets(dv.COLUMN, dv.LAYOUT)
        _parse_upload(saved["name"], saved["id"], saved["bytes"], sheet=sheet)
    elif layout != series.layout or (layout == "column" and column != series.column):
        _parse_upload(saved["name"], saved["id"], saved["bytes"], layout=layout,
                      column=column if layout == "column" and column != series.column else None,
                      sheet=sheet)


def _x_labels(series: rdata.Series) -> np.ndarray:
    return series.index if series.index is not None else np.arange(len(series))


def _fmt_x(value) -> str:
    if isinstance(value, np.datetime64):
        stamp = pd.Timestamp(value)
        return stamp.strftime("%Y-%m-%d %H:%M" if (stamp.hour or stamp.minute) else "%Y-%m-%d")
    value = float(value)  # a time label (a year, a position), not a quantity: no grouping
    return num(int(value), group=False) if value == int(value) else num(value, group=False)


def _fmt(value: float) -> str:
    return num(float(value))


def _stats(values: np.ndarray) -> None:
    summary = rdata.summary(values)
    cols = st.columns(4)
    cols[0].metric(tr("data.stat.length"), num(int(summary["length"])))
    cols[1].metric(tr("data.stat.min"), _fmt(summary["min"]))
    cols[2].metric(tr("data.stat.max"), _fmt(summary["max"]))
    cols[3].metric(tr("data.stat.mean"), _fmt(summary["mean"]))


def _range_panel(series: rdata.Series) -> tuple[int, int, int]:
    n = len(series)
    start, stop, step = state.working_range()
    long = n > rdata.TRAIN_LIMIT
    with st.expander(tr("data.range.title"), expanded=long):
        _init(dv.RANGE, (start, stop))
        _init(dv.STEP, step)
        cols = st.columns([3, 1])
        lo, hi = cols[0].slider(tr("data.range.rows"), 0, n, key=dv.RANGE,
                                help=tr("data.range.rows_help"))
        step = cols[1].number_input(tr("data.range.step"), 1, max(1, n // rdata.MIN_VALUES),
                                    key=dv.STEP, help=tr("data.range.step_help", limit=rdata.TRAIN_LIMIT))
        used = len(range(lo, hi, step))
        if used < rdata.MIN_VALUES:
            st.warning(tr("data.range.too_short", n=used, minimum=rdata.MIN_VALUES))
            return state.working_range()  # keep the last usable range
        state.set_range(lo, hi, step)
        if used > MAX_TRAIN_VALUES:  # Train and Compare refuse this: say it here, by the step
            st.warning(tr("training.problem.too_many_values", n=used, limit=MAX_TRAIN_VALUES,
                          step=max(step, -(-(hi - lo) // MAX_TRAIN_VALUES))), icon=":material/info:")
        if long or (lo, hi, step) != (0, n, 1):
            chart(range_figure(series.values, _x_labels(series), lo, hi, step, lang=lang()),
                  "data_range_chart")
    return state.working_range()


def _split_panel(n_values: int) -> state.SplitSettings:
    saved = state.get_split()
    # Other pages may have saved values outside these sliders' ranges: the specs clamp them.
    # Beside the chart on a projector: the window across the column, the two fractions side by
    # side, the scaling across again (in a quarter of the column its options wrapped, three lines
    # for "Standardise (mean 0, standard deviation 1)").
    lookback = _draw(st, "data_lookback", saved.lookback)
    val_col, test_col = st.columns(2)
    val = _draw(val_col, "data_val", saved.val_fraction)
    test = _draw(test_col, "data_test", saved.test_fraction)
    scaler = _draw(st, "data_scaler", saved.scaler, horizontal=False)
    settings = state.SplitSettings(val_fraction=float(val), test_fraction=float(test),
                                   lookback=int(lookback), scaler=scaler)
    state.set_split(settings)
    return settings


@fragment("data: window explorer")
def _window_explorer(values: np.ndarray, x: np.ndarray, settings: state.SplitSettings) -> None:
    """Moving the slider reruns only this fragment: no re-parsing, no redrawing of the rest."""
    n, lookback = len(values), settings.lookback
    train_end, val_end = split_points(n, settings.val_fraction, settings.test_fraction)
    counts = rdata.window_counts(n, lookback, train_end, val_end)
    total = sum(counts.values())
    st.subheader(tr("data.window.title"))
    picture = st.container()  # the chart first, its slider under it (what it changes is above)
    if dv.widget(dv.WINDOW, 1) > total:
        dv.set_widget(dv.WINDOW, total)  # the series or the window just got shorter
    number = st.slider(tr("data.window.slider"), 1, total, key=dv.WINDOW,
                       help=tr("data.window.slider_help")) if total > 1 else 1
    window = min(number, total) - 1  # students count windows from 1; positions start at 0
    target = window + lookback
    split = rdata.window_split(target, train_end, val_end)
    st.markdown(tr("data.window.describe", i=window + 1, total=total, lookback=lookback,
                   first=_fmt_x(x[window]), last=_fmt_x(x[target - 1]), target=_fmt_x(x[target]),
                   split=tr(f"data.split.{split}").lower()))
    fig = memo("data_split_chart", (values, x, train_end, val_end, window, lookback, lang()),
               lambda: split_figure(values, x, train_end, val_end, window=window, lookback=lookback,
                                    lang=lang(), height=CHART_HEIGHT))
    with picture:
        chart(fig, "data_split_chart")
    # one line, not three metrics: the chart column stays short (and the series' own figures,
    # below, stay the page's first metrics)
    st.markdown(f"**{tr('data.window.counts')}** " + " · ".join(
        f"{tr(f'data.split.{part}')} **{num(int(counts[part]))}**" for part in ("train", "val", "test")))
    st.caption(tr("data.window.counts_help", n=n, lookback=lookback, total=total))


NOTEBOOK_SCALING_CELL = """X, y = create_sequences(data, seq_length)
scaler = MinMaxScaler()
X_scaled = scaler.fit_transform(X.T).T
y_scaled = scaler.transform(y.reshape(-1, 1)).flatten()"""  # the seed notebook's cell, verbatim


def _leak_panel(values: np.ndarray, settings: state.SplitSettings) -> None:
    train_end, _ = split_points(len(values), settings.val_fraction, settings.test_fraction)
    leak = rdata.scaling_leak(values, train_end, settings.scaler)
    kind = leak["kind"]
    st.markdown(tr("data.leak.intro"))
    rows = []
    for label, fit, scaled in (("data.leak.whole", leak["whole"], leak["later_scaled_leaky"]),
                               ("data.leak.train", leak["train"], leak["later_scaled_honest"])):
        rows.append({tr("data.leak.fit"): tr(label), tr(f"data.leak.a.{kind}"): _fmt(fit[0]),
                     tr(f"data.leak.b.{kind}"): _fmt(fit[1]),
                     tr("data.leak.later"): fmt_range(scaled[0], scaled[1], lang(), decimals=3)})
    st.table(pd.DataFrame(rows).set_index(tr("data.leak.fit")))
    later = len(values) - train_end
    if kind == "standard":
        st.markdown(tr("data.leak.standard_note"))
    elif leak["outside"]:
        lo, hi = leak["train"]
        key = "data.leak.outside.one" if leak["outside"] == 1 else "data.leak.outside"
        st.markdown(tr(key, outside=int(leak["outside"]), later=later, lo=_fmt(lo), hi=_fmt(hi)))
    else:
        st.markdown(tr("data.leak.inside", later=later))
    with st.expander(tr("data.nbcell.title")):  # nested in the section's fold (1.67 nests them)
        st.code(NOTEBOOK_SCALING_CELL, language="python")
        report = notebook_scaling_cell(values, settings.lookback)
        if report["error"]:
            st.markdown(tr("data.nbcell.crash", columns=int(report["fitted_columns"])))
            st.code(f"ValueError: {report['error']}", language=None)
        st.markdown(tr("data.nbcell.fix"))


# ----- the page ---------------------------------------------------------------------------------

st.title(tr("data.title"))
st.caption(tr("data.intro"))

# On a 1280x720 projector: where the series comes from and its split on the left, the series
# chart (its split and a window) on the right, together; details below.
source_col, chart_col = st.columns([2, 3], gap="large")
details = st.container()
source = state.get_source()
with source_col:
    kind = _draw(st, "data_kind", dv.kind() or source.get("kind"))
    dv.set_kind(kind)
    with st.container(border=True), friendly_errors(tr("data.kind")):
        {"notebook": _notebook_panel, "generate": _generate_panel, "builtin": _builtin_panel,
         "upload": _upload_panel}[kind](source)

series = state.get_series()
# Notes describe the series of the chosen tab only: after switching to Upload with no file (or a
# broken one), the built-in series' notes would read as if they were about the upload.
failed_upload = kind == "upload" and dv.upload_error() is not None and dv.file_chosen()
shown_notes = state.get_source().get("kind") == kind and not failed_upload
notes = [say(note, markdown=True) for note in series.note_keys] or series.notes_in(lang())
notes = notes if shown_notes else []
with details:
    if notes:
        st.info(f"**{tr('data.notes')}**\n\n" + "\n".join(f"- {note}" for note in notes))
    _stats(series.values)
    with friendly_errors(tr("data.range.title")):
        start, stop, step = _range_panel(series)
values = series.values[start:stop:step]
x = _x_labels(series)[start:stop:step]
with details:
    if (start, stop, step) != (0, len(series), 1):
        # Rows are counted from 0 and the range's end is exclusive: the last row used is stop - 1.
        st.caption(tr("data.range.used", n=len(values), total=len(series), start=start,
                      last=len(range(start, stop, step)) and range(start, stop, step)[-1], step=step))

with source_col:
    st.subheader(tr("data.split.title"))
    settings = _split_panel(len(values))
train_end, val_end = split_points(len(values), settings.val_fraction, settings.test_fraction)
problem = None
if train_end <= settings.lookback:
    problem = tr("data.split.problem", train=train_end, lookback=settings.lookback)
elif val_end - max(train_end, settings.lookback) < 1 and settings.val_fraction > 0 or len(values) - val_end < 1:
    problem = tr("data.split.no_val")
with chart_col:
    if problem:
        st.warning(problem)
        chart(split_figure(values, x, lang=lang(), height=CHART_HEIGHT), "data_plain_chart")  # still worth seeing
    else:
        with friendly_errors(tr("data.window.title")):
            _window_explorer(values, x, settings)
if not problem:
    # Folded (issue 26 item 11: 4 screens on a phone): the series, its split and its windows come
    # first; why the scaler sees only the training part is there to open when the class asks.
    # Drawn only while open (ui/elements/folds.py): the two scaler fits and the notebook cell's
    # check were a third of this page's cost for every student of a class following a lesson.
    with folds.fold(tr("data.leak.title"), dv.LEAK_FOLD, icon=":material/help:") as fold, \
            friendly_errors(tr("data.leak.title")):
        if fold.open:
            _leak_panel(values, settings)
