"""Every page's controls, declared once (rnnlab.declarations.controls), keyed by their widget keys.

Ranges come from what they configure: the training settings from rnnlab.training.LIMITS (the
ranges TrainConfig.validate accepts), the windows of Hidden states from rnnlab.pages.hidden. A page's
slider may end before the limit (what trains in class time), never past it; tests/
test_controls.py checks that, and that lesson links carry exactly the ``share=True`` controls.
"""

from __future__ import annotations

from rnnlab import datasets
from rnnlab.data.windows import SCALERS
from rnnlab.declarations.controls import Action, Choice, Float, Int, Table, Toggle, hideable, shared
from rnnlab.declarations.vocab import ACTIVATIONS, CELLS, MODERN_CELLS, OPTIMIZER_NAMES, OPTIMIZERS
from rnnlab.forecasting import backtest
from rnnlab.pages import hidden
from rnnlab.pages.compare import COMPARE_DEFAULTS
from rnnlab.training import LIMITS, TrainConfig

# Select-slider stops shared by Train and Compare: a value set elsewhere (a link, the other
# page) is added to them, so the stops are a choice of handy values, not the allowed range.
LEARNING_RATES = (0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
BATCH_SIZES = (1, 2, 4, 8, 16, 32, 64, 128, 256)
CLIP_NORMS = (0.0, 0.1, 0.5, 1.0, 5.0)  # 0 = off (TrainConfig.clipnorm None)
MAX_SEED = 2**31 - 1

# ----- Data: the series and its split (the split is what TrainConfig validates) -----
DATA_KINDS = ("notebook", "generate", "builtin", "upload")
GEN_DEFAULTS = {"n": 100, "periods": 2.0, "noise": 0.1, "seed": 42}  # section 2's cell run alone
_split = TrainConfig()
DATA: Table = {
    "data_kind": Choice(DATA_KINDS, default="generate", label="data.kind", option_label="data.kind.{}"),
    "data_builtin": Choice(tuple(datasets.BUILTIN), default=next(iter(datasets.BUILTIN)),
                           label="data.builtin.pick", widget="select"),
    "data_gen_n": Int(20, 5000, step=10, default=GEN_DEFAULTS["n"], label="data.gen.n"),
    "data_gen_periods": Float(0.5, 20.0, step=0.5, default=GEN_DEFAULTS["periods"],
                              label="data.gen.periods"),
    "data_gen_noise": Float(0.0, 1.0, step=0.01, default=GEN_DEFAULTS["noise"], label="data.gen.noise"),
    "data_gen_seed": Int(0, 1_000_000, default=GEN_DEFAULTS["seed"], label="data.gen.seed",
                         widget="number"),
    "data_lookback": Int(LIMITS["lookback"][0], 100, default=_split.lookback,
                         label="data.split.lookback", help="data.split.lookback_help"),
    "data_val": Float(*LIMITS["val_fraction"], step=0.05, default=_split.val_fraction,
                      label="data.split.val_fraction"),
    "data_test": Float(*LIMITS["test_fraction"], step=0.05, default=_split.test_fraction,
                       label="data.split.test_fraction"),
    "data_scaler": Choice(SCALERS, default=_split.scaler, label="data.split.scaler",
                          option_label="data.scaler.{}"),
}

# ----- Hidden states -----
_H = {"share": True, "hide": True}
HIDDEN: Table = {
    "hidden_cell": Choice(CELLS + MODERN_CELLS, default="LSTM", label="hidden.cell", help="hidden.cell_help", **_H),
    "hidden_units": Int(2, 64, default=8, label="hidden.units", help="hidden.units_help", **_H),
    "hidden_activation": Choice(hidden.ACTIVATIONS, default="tanh", label="hidden.activation",
                                help="hidden.activation_help", **_H),
    "hidden_seed": Int(0, 9999, default=0, label="hidden.seed", help="hidden.seed_help",
                       widget="number", **_H),
    "hidden_source": Choice(hidden.SOURCES, default="series", label="hidden.source",
                            option_label="hidden.source_{}", **_H),
    "hidden_length": Int(hidden.MIN_LENGTH, hidden.MAX_LENGTH, default=50, label="hidden.length",
                         help="hidden.length_help", **_H),
    "hidden_start": Int(0, 5_000_000, default=0, label="hidden.start", **_H),
    "hidden_t": Int(1, hidden.MAX_LENGTH, default=1, share=True),  # the stage's step: state only
    "hidden_epochs": Int(5, 300, step=5, default=60, label="hidden.epochs", widget="number", **_H),
    "hidden_train": Action(label="hidden.train", help="hidden.train_help", hide=True),
    "hidden_show_trained": Toggle(label="hidden.show_trained", help="hidden.show_trained_help",
                                  hide=True),
    "hidden_verify": Action(label="hidden.verify", help="hidden.verify_help", hide=True),
    "hidden_unit": Int(1, 64, default=1, label="hidden.unit", help="hidden.unit_help",
                       widget="number", **_H),
    "hidden_grad_length": Int(hidden.MIN_LENGTH, hidden.MAX_LENGTH, default=50,
                              label="hidden.grad_length", **_H),
    "hidden_grad_radius": Float(0.5, 1.5, step=0.05, default=1.0, label="hidden.grad_radius",
                                help="hidden.grad_radius_help", **_H),
}

# ----- Train: one control per TrainConfig field, key "train_" + field -----
_quick = TrainConfig.quick()
_T = {"share": True, "hide": True}
_SPLIT = {"hide": True}  # the split travels as the Data page's lb/vf/tf/sc, not twice
TRAIN: Table = {
    "train_cell": Choice(CELLS + MODERN_CELLS, default=_quick.cell, label="train.w.cell", widget="segmented", **_T),
    "train_lookback": Int(*LIMITS["lookback"], default=_quick.lookback, label="train.w.lookback",
                          help="train.w.lookback_help", **_SPLIT),
    "train_val_fraction": Float(*LIMITS["val_fraction"], step=0.05, default=_quick.val_fraction,
                                label="train.w.val_fraction", help="train.w.split_help", **_SPLIT),
    "train_test_fraction": Float(*LIMITS["test_fraction"], step=0.05, default=_quick.test_fraction,
                                 label="train.w.test_fraction", help="train.w.split_help", **_SPLIT),
    # The same words in both languages on purpose: a radio whose option labels change with the
    # language showed no selection after the switch (Streamlit 1.67); the help explains them.
    "train_scaler": Choice(SCALERS, default=_quick.scaler, label="train.w.scaler",
                           help="train.w.scaler_help",
                           names={"minmax": "Min-max [0, 1]", "standard": "z-score (μ 0, σ 1)"},
                           **_SPLIT),
    "train_layers": Int(*LIMITS["layers"], default=_quick.layers, label="train.w.layers", **_T),
    "train_units": Int(LIMITS["units"][0], 128, default=_quick.units, label="train.w.units", **_T),
    "train_activation": Choice(ACTIVATIONS, default=_quick.activation, label="train.w.activation",
                               help="train.w.activation_help", **_T),
    "train_dropout": Float(LIMITS["dropout"][0], 0.5, step=0.05, default=_quick.dropout,
                           label="train.w.dropout", help="train.w.dropout_help", **_T),
    "train_epochs": Int(LIMITS["epochs"][0], 300, default=_quick.epochs, label="train.w.epochs", **_T),
    "train_batch_size": Int(LIMITS["batch_size"][0], 256, stops=BATCH_SIZES,
                            default=_quick.batch_size, label="train.w.batch_size",
                            widget="select_slider", **_T),
    "train_optimizer": Choice(OPTIMIZERS, default=_quick.optimizer, label="train.w.optimizer",
                              widget="select", names=OPTIMIZER_NAMES, **_T),
    "train_learning_rate": Float(*LIMITS["learning_rate"], stops=LEARNING_RATES,
                                 default=_quick.learning_rate, label="train.w.learning_rate",
                                 widget="select_slider", **_T),
    "train_clipnorm": Float(0.0, 5.0, stops=CLIP_NORMS, default=0.0, label="train.w.clipnorm",
                            help="train.w.clipnorm_help", widget="select_slider", **_T),
    "train_seed": Int(0, MAX_SEED, default=_quick.seed, label="train.w.seed",
                      help="train.w.seed_help", widget="number", **_T),
    "train_preset": Action(label="train.preset", help="train.preset_help", hide=True),
    "train_quick": Action(label="train.quick", help="train.quick_help", hide=True),
}
TRAIN_PREFIX = "train_"  # + a TrainConfig field name

# ----- Compare: the three cells' shared settings -----
COMPARE: Table = {
    "compare_units": Int(4, 128, step=4, default=COMPARE_DEFAULTS["units"], label="compare.units",
                         help="compare.units_help", **_T),
    "compare_epochs": Int(LIMITS["epochs"][0], 100, default=COMPARE_DEFAULTS["epochs"],
                          label="compare.epochs", help="compare.epochs_help", **_T),
    "compare_batch": Int(LIMITS["batch_size"][0], 128, stops=BATCH_SIZES[:-1],
                         default=COMPARE_DEFAULTS["batch_size"], label="compare.batch",
                         help="compare.batch_help", widget="select_slider", **_T),
    "compare_lr": Float(*LIMITS["learning_rate"], stops=LEARNING_RATES[:-2],
                        default=COMPARE_DEFAULTS["learning_rate"], label="compare.lr",
                        help="compare.lr_help", widget="select_slider"),
    "compare_seed": Int(0, MAX_SEED, default=42, label="compare.seed", help="compare.seed_help",
                        widget="number", **_T),
    "compare_modern": Toggle(label="compare.modern", help="compare.modern_help", **_T),
}

# ----- Concepts: the live figures of the lesson -----
CONCEPTS: Table = {
    "concepts_steps": Int(2, 6, default=4, label="concepts.steps", help="concepts.steps_help"),
    "concepts_radius": Float(0.5, 2.0, step=0.05, default=0.9, label="concepts.radius",
                             help="concepts.radius_help"),
    "concepts_keep": Float(-2.0, 5.0, step=0.5, default=1.0, label="concepts.keep_bias",
                           help="concepts.keep_bias_help"),
    "concepts_length": Int(2, 100, default=40, label="concepts.length", help="concepts.length_help"),
    "concepts_units": Int(1, 1024, default=50, label="concepts.units", widget="number"),
    "concepts_input": Int(1, 256, default=1, label="concepts.input_size", help="concepts.input_help",
                          widget="number"),
    "concepts_layers": Int(*LIMITS["layers"], default=2, label="concepts.layers"),
}

# ----- Backtest (on Train and Compare; widget key = a prefix + the name) -----
BACKTEST: Table = {
    "horizon": Int(1, backtest.MAX_HORIZON, default=10, label="backtest.ui.horizon",
                   help="backtest.ui.horizon_help"),
    "folds": Int(1, backtest.MAX_FOLDS, default=3, label="backtest.ui.folds",
                 help="backtest.ui.folds_help"),
    "season": Int(1, 1_000_000, default=1, label="backtest.ui.season", widget="number"),
}

# Per page (its url path): the controls. Lesson links and teacher mode read these.
PAGES: dict[str, Table] = {"data": DATA, "hidden_states": HIDDEN, "train": TRAIN, "compare": COMPARE,
                           "concepts": CONCEPTS}
SHAREABLE = {page: shared(table) for page, table in PAGES.items() if shared(table)}
HIDEABLE = {page: hideable(table) for page, table in PAGES.items() if hideable(table)}


def lookup(key: str):
    """The spec of a widget key, from whichever page declares it (None if no page does)."""
    return next((table[key] for table in PAGES.values() if key in table), None)
