"""Messages of rnnlab.training and rnnlab.forecasting.baselines: config problems, run outcomes, verdicts."""

STRINGS = {
    # Config problems (TrainConfig.validate); each says what is wrong and what to do.
    "training.problem.clipnorm": {
        "es": "El recorte del gradiente ({value}) debe ser un número positivo, o estar desactivado.",
        "en": "Gradient clipping ({value}) must be a positive number, or switched off.",
    },
    "training.problem.lookback_too_long": {
        "es": "La ventana (lookback = {lookback}) no cabe en la parte de entrenamiento, que solo tiene "
        "{train_values} valores. Usa una ventana de {max_lookback} o menos, reduce las fracciones de "
        "validación y prueba, o usa una serie más larga.",
        "en": "The window (lookback = {lookback}) does not fit in the training part, which has only "
        "{train_values} values. Use a window of {max_lookback} or less, smaller validation and test "
        "fractions, or a longer series.",
    },
    "training.problem.batch_too_large": {
        "es": "El tamaño de lote ({batch}) es mayor que el número de ventanas de entrenamiento "
        "({windows}). Elige un lote de {windows} o menos.",
        "en": "The batch size ({batch}) is larger than the number of training windows ({windows}). "
        "Choose a batch of {windows} or less.",
    },
    "training.problem.val_empty": {
        "es": "La parte de validación queda vacía con {n} valores. Aumenta la fracción de validación "
        "o usa una serie más larga.",
        "en": "The validation part is empty with {n} values. Increase the validation fraction or use "
        "a longer series.",
    },
    "training.problem.test_empty": {
        "es": "La parte de prueba queda vacía con {n} valores. Aumenta la fracción de prueba o usa "
        "una serie más larga.",
        "en": "The test part is empty with {n} values. Increase the test fraction or use a longer "
        "series.",
    },
    "training.problem.too_big": {
        "es": "Demasiados datos para entrenar aquí: {windows} ventanas de {lookback} valores. Usa "
        "como mucho {max_windows} ventanas (elige una parte de la serie o un paso mayor en la "
        "página Datos) o una ventana más corta.",
        "en": "Too much data to train here: {windows} windows of {lookback} values. Use at most "
        "{max_windows} windows (pick a part of the series or a larger step on the Data page) or a "
        "shorter window.",
    },
    "training.problem.not_finite": {
        "es": "La serie contiene valores vacíos o infinitos. Límpiala en la página Datos antes de "
        "entrenar.",
        "en": "The series contains missing or infinite values. Clean it on the Data page before "
        "training.",
    },
    # How a run ended (Run.message).
    "training.stopped": {
        "es": "Detuviste el entrenamiento tras la época {epochs_done} de {epochs}. Los resultados "
        "usan los pesos alcanzados hasta ese momento.",
        "en": "You stopped training after epoch {epochs_done} of {epochs}. The results use the "
        "weights reached at that point.",
    },
    "training.diverged": {
        "es": "El entrenamiento divergió en la época {epoch} de {epochs}: la pérdida dejó de ser un "
        "número finito (explotó). Se detuvo ahí y se conservan los pesos del final de la época "
        "{epochs_done}, los últimos con pérdida finita.",
        "en": "Training diverged in epoch {epoch} of {epochs}: the loss stopped being a finite "
        "number (it blew up). It stopped there, and the weights from the end of epoch "
        "{epochs_done}, the last ones with a finite loss, are kept.",
    },
    "training.diverged_untrained": {
        "es": "El entrenamiento divergió en la primera época (de {epochs}): la pérdida dejó de ser "
        "un número finito antes de que terminara ninguna época. Los últimos pesos finitos son los "
        "iniciales, así que el modelo está sin entrenar: sus resultados son los de una red al azar.",
        "en": "Training diverged in the first epoch (of {epochs}): the loss stopped being a finite "
        "number before any epoch ended. The last finite weights are the initial ones, so the "
        "model is untrained: its results are those of a random network.",
    },
    "training.advice.lower_lr": {
        "es": "Prueba una tasa de aprendizaje más baja.",
        "en": "Try a lower learning rate.",
    },
    "training.advice.tanh": {
        "es": "Prueba la activación tanh: relu no está acotada y puede crecer sin límite.",
        "en": "Try the tanh activation: relu is unbounded and can grow without limit.",
    },
    "training.advice.clip": {
        "es": "Activa el recorte del gradiente (por ejemplo, norma 1).",
        "en": "Turn on gradient clipping (a norm of 1, for example).",
    },
    "training.advice.clip_lower": {
        "es": "Baja el recorte del gradiente (ahora {clipnorm}).",
        "en": "Lower the gradient clipping norm (now {clipnorm}).",
    },
    "training.cancelled": {
        "es": "Entrenamiento cancelado antes de empezar: seguía esperando su turno.",
        "en": "Training cancelled before it started: it was still waiting for its turn.",
    },
    "training.queue": {
        "es": "El servidor está ocupado con otros entrenamientos. Eres el número {position} en la "
        "cola; empezará solo en cuanto haya un hueco.",
        "en": "The server is busy with other trainings. You are number {position} in the queue; "
        "yours starts by itself as soon as a slot is free.",
    },
    # Verdict: the run against the baselines.
    "training.split.train": {"es": "la parte de entrenamiento", "en": "the training part"},
    "training.split.val": {"es": "la parte de validación", "en": "the validation part"},
    "training.split.test": {"es": "la parte de prueba", "en": "the test part"},
    # With the Spanish preposition inside ("a la", "al"): "Supera a la persistencia".
    "training.baseline.persistence": {"es": "a la persistencia", "en": "persistence"},
    "training.baseline.linear": {"es": "al modelo lineal", "en": "the linear model"},
    "training.verdict.beats": {
        "es": "Supera {baseline} en {split}: su MASE es un {pct} menor ({model} frente a {base}).",
        "en": "It beats {baseline} on {split}: its MASE is {pct} lower ({model} vs {base}).",
    },
    "training.verdict.loses": {
        "es": "No supera {baseline} en {split}: su MASE es un {pct} mayor ({model} frente a {base}).",
        "en": "It does not beat {baseline} on {split}: its MASE is {pct} higher ({model} vs {base}).",
    },
    "training.verdict.unknown": {
        "es": "No se puede comparar con las referencias en {split}: algún error no es un número finito.",
        "en": "Cannot compare with the baselines on {split}: an error is not a finite number.",
    },
    "training.verdict.advice": {
        "es": "Prueba con más épocas, una tasa de aprendizaje algo mayor u otra ventana.",
        "en": "Try more epochs, a somewhat higher learning rate or another lookback.",
    },
    "training.verdict.advice_relu": {
        "es": "Prueba con más épocas, una tasa de aprendizaje algo mayor, otra ventana o la "
        "activación tanh.",
        "en": "Try more epochs, a somewhat higher learning rate, another lookback or the tanh "
        "activation.",
    },
    "training.verdict.random_walk": {
        "es": "Y ten en cuenta que en un paseo aleatorio (cada valor es el anterior más un salto al "
        "azar) la persistencia es casi imposible de superar; en ruido blanco, en cambio, la media y "
        "el modelo lineal sí la superan.",
        "en": "And bear in mind that on a random walk (each value is the previous one plus a random "
        "step) persistence is almost impossible to beat; on white noise, by contrast, the mean and "
        "the linear model do beat it.",
    },
}

# Names of the settings, as the page shows them; one "range" and one "choice" message each.
_FIELDS = {
    "cell": ("el tipo de celda", "the cell type"),
    "activation": ("la activación", "the activation"),
    "optimizer": ("el optimizador", "the optimizer"),
    "scaler": ("el escalado", "the scaler"),
    "layers": ("El número de capas", "The number of layers"),
    "units": ("El número de unidades", "The number of units"),
    "dropout": ("El dropout", "The dropout"),
    "lookback": ("La ventana (lookback)", "The window (lookback)"),
    "epochs": ("El número de épocas", "The number of epochs"),
    "batch_size": ("El tamaño de lote", "The batch size"),
    "learning_rate": ("La tasa de aprendizaje", "The learning rate"),
    "val_fraction": ("La fracción de validación", "The validation fraction"),
    "test_fraction": ("La fracción de prueba", "The test fraction"),
}
_CHOICES = ("cell", "activation", "optimizer", "scaler")
for _field, (_es, _en) in _FIELDS.items():
    if _field in _CHOICES:
        STRINGS[f"training.problem.choice.{_field}"] = {
            "es": f"«{{value}}» no es una opción válida para {_es}. Elige una de: {{choices}}.",
            "en": f"“{{value}}” is not a valid choice for {_en}. Pick one of: {{choices}}.",
        }
    else:
        STRINGS[f"training.problem.range.{_field}"] = {
            "es": f"{_es} ({{value}}) está fuera de rango: usa un valor entre {{low}} y {{high}}.",
            "en": f"{_en} ({{value}}) is out of range: use a value between {{low}} and {{high}}.",
        }
