"""Strings of the Train page and its figures (keys ``train.*``)."""

STRINGS = {
    # ----- page -----
    "train.title": {"es": "Entrenar una red recurrente", "en": "Train a recurrent network"},
    "train.intro": {
        "es": "Elige la celda (SimpleRNN, LSTM, GRU o las modernas minGRU y minLSTM), su tamaño y cómo se entrena; pulsa "
        "**Entrenar** y verás bajar la pérdida época a época. Al terminar, la página compara el "
        "modelo con dos referencias sencillas y te dice sin rodeos si las supera.",
        "en": "Choose the cell (SimpleRNN, LSTM, GRU, or the modern minGRU and minLSTM), its size and how it is trained; press "
        "**Train** and watch the loss fall epoch by epoch. When it ends, the page compares the "
        "model with two simple baselines and tells you plainly whether it beats them.",
    },
    "train.series_caption": {
        "es": "Serie: **{name}** · {n} valores · cámbiala en la página Datos.",
        "en": "Series: **{name}** · {n} values · change it on the Data page.",
    },
    "train.settings_title": {
        "es": "Todos los ajustes: datos, arquitectura y entrenamiento",
        "en": "All settings: data, architecture and training",
    },
    "train.settings": {
        "es": "{layers} × {units} {activation} · {epochs} · tasa {lr}",
        "en": "{layers} × {units} {activation} · {epochs} · rate {lr}",
    },
    "train.curve_empty": {
        "es": "Pulsa <b>Entrenar</b>:<br>aquí bajará la pérdida,<br>época a época",
        "en": "Press <b>Train</b>:<br>the loss falls here,<br>epoch by epoch",
    },
    "train.curve_empty_alt": {
        "es": "Curva de aprendizaje vacía: aparece al entrenar, una época tras otra.",
        "en": "Empty learning curve: it appears while training, one epoch after another.",
    },
    "train.curves_of": {"es": "Curva de aprendizaje · {name}", "en": "Learning curve · {name}"},
    "train.group.data": {"es": "Datos", "en": "Data"},
    "train.group.arch": {"es": "Arquitectura", "en": "Architecture"},
    "train.group.training": {"es": "Entrenamiento", "en": "Training"},
    # ----- widgets -----
    "train.w.lookback": {"es": "Ventana (pasos de entrada)", "en": "Lookback (input steps)"},
    "train.w.lookback_help": {
        "es": "Cuántos valores anteriores ve la red para predecir el siguiente.",
        "en": "How many past values the network sees to predict the next one.",
    },
    "train.w.val_fraction": {"es": "Fracción de validación", "en": "Validation fraction"},
    "train.w.test_fraction": {"es": "Fracción de prueba", "en": "Test fraction"},
    "train.w.split_help": {
        "es": "La división es cronológica: entrenamiento, luego validación, luego prueba.",
        "en": "The split is chronological: training, then validation, then test.",
    },
    "train.w.scaler": {"es": "Escalado", "en": "Scaling"},
    "train.w.scaler_help": {
        "es": "Min-max lleva la serie al intervalo [0, 1]; z-score le resta la media y la divide "
        "por la desviación típica. Ambos se ajustan solo con la parte de entrenamiento, para no "
        "espiar el futuro.",
        "en": "Min-max maps the series to [0, 1]; z-score subtracts the mean and divides by the "
        "standard deviation. Both are fitted on the training part only, so the future is never "
        "peeked at.",
    },
    "train.w.cell": {"es": "Celda", "en": "Cell"},
    "train.w.layers": {"es": "Capas recurrentes", "en": "Recurrent layers"},
    "train.w.units": {"es": "Unidades por capa", "en": "Units per layer"},
    "train.w.activation": {"es": "Activación", "en": "Activation"},
    "train.w.activation_help": {
        "es": "tanh es la habitual; relu es la del cuaderno (no está acotada y puede divergir).",
        "en": "tanh is the usual one; relu is the notebook's (unbounded, it can diverge).",
    },
    "train.w.dropout": {"es": "Dropout", "en": "Dropout"},
    "train.w.dropout_help": {
        "es": "Fracción de entradas que se apagan al azar en cada paso de entrenamiento.",
        "en": "Fraction of inputs switched off at random at each training step.",
    },
    "train.w.epochs": {"es": "Épocas", "en": "Epochs"},
    "train.w.batch_size": {"es": "Tamaño de lote", "en": "Batch size"},
    "train.w.optimizer": {"es": "Optimizador", "en": "Optimizer"},
    "train.w.learning_rate": {"es": "Tasa de aprendizaje", "en": "Learning rate"},
    "train.w.clipnorm": {"es": "Recorte del gradiente (norma)", "en": "Gradient clipping (norm)"},
    "train.w.clipnorm_help": {
        "es": "Limita la norma del gradiente: evita saltos enormes que hacen divergir la red.",
        "en": "Caps the gradient's norm: prevents huge jumps that make the network diverge.",
    },
    "train.clip_off": {"es": "sin recorte", "en": "off"},
    "train.w.seed": {"es": "Semilla", "en": "Seed"},
    "train.w.seed_help": {
        "es": "Misma semilla, mismos ajustes y mismos datos: exactamente el mismo resultado.",
        "en": "Same seed, same settings and same data: exactly the same result.",
    },
    "train.params": {
        "es": "**{n}** parámetros entrenables",
        "en": "**{n}** trainable parameters",
    },
    "train.windows": {
        "es": "Ventanas: {train} de entrenamiento · {val} de validación · {test} de prueba",
        "en": "Windows: {train} training · {val} validation · {test} test",
    },
    "train.preset": {"es": "Preajuste del cuaderno", "en": "Notebook preset"},
    "train.preset_help": {
        "es": "El modelo de la sección 2 del cuaderno, tal cual: dos LSTM de 50 unidades con relu, "
        "ventana 10, 20 épocas, lotes de 16, Adam a 0,001.",
        "en": "The model of the notebook's section 2, as it is: two stacked 50-unit relu LSTMs, "
        "lookback 10, 20 epochs, batch 16, Adam at 0.001.",
    },
    "train.quick": {"es": "Ajustes rápidos", "en": "Quick defaults"},
    "train.quick_help": {
        "es": "Una LSTM pequeña (32 unidades, tanh) con 40 épocas a tasa 0,01: entrena en pocos "
        "segundos y, en la serie del cuaderno, supera a la persistencia.",
        "en": "A small LSTM (32 units, tanh) with 40 epochs at learning rate 0.01: it trains in a "
        "few seconds and, on the notebook's series, beats persistence.",
    },
    "train.preset_explain": {
        "es": "Este es el modelo del cuaderno con sus propios ajustes, y en su propia serie pierde "
        "contra «mañana = hoy». No es que las LSTM no sirvan: 20 épocas de 4 lotes a tasa 0,001 "
        "son solo 80 pasos de Adam, muy pocos para los más de 30.000 parámetros de dos LSTM "
        "apiladas, así que la red todavía no ha aprendido la forma de la onda y predice peor que "
        "copiar el último valor. Con **Ajustes rápidos** (una LSTM de 32 unidades, 40 épocas a "
        "0,01) sí la supera; prueba aquí más épocas o una tasa mayor y mira cómo cambia el "
        "veredicto.",
        "en": "This is the notebook's model with its own settings, and on its own series it loses "
        "to “tomorrow = today”. Not because LSTMs are no good: 20 epochs of 4 batches at learning "
        "rate 0.001 are only 80 Adam steps, far too few for the more than 30,000 parameters of two "
        "stacked LSTMs, so the network has not yet learnt the shape of the wave and predicts worse "
        "than copying the last value. With **Quick defaults** (one 32-unit LSTM, 40 epochs at "
        "0.01) it does beat it; try more epochs or a higher rate here and watch the verdict "
        "change.",
    },
    "train.start": {"es": "Entrenar", "en": "Train"},
    "train.stop": {"es": "Detener", "en": "Stop"},
    "train.stop_help": {
        "es": "Termina tras la época en curso y conserva el modelo parcial.",
        "en": "Ends after the current epoch and keeps the partial model.",
    },
    "train.fix_first": {
        "es": "Corrige lo anterior para poder entrenar.",
        "en": "Fix the above to be able to train.",
    },
    "train.locked": {
        "es": "Los ajustes están bloqueados mientras se entrena. Puedes cambiar de página: "
        "el entrenamiento sigue y no se pierde nada.",
        "en": "Settings are locked while training. You may change page: training goes on and "
        "nothing is lost.",
    },
    # ----- progress -----
    "train.queued": {
        "es": "Esperando un hueco para entrenar: eres el número {pos} de la cola. "
        "Hay otros estudiantes entrenando en este servidor.",
        "en": "Waiting for a free training slot: you are number {pos} in the queue. "
        "Other students are training on this server.",
    },
    "train.queued_eta": {"es": "Tu turno llegará en unos {eta}.", "en": "Your turn comes in about {eta}."},
    "train.queued_eta_unknown": {
        "es": "La estimación aparecerá cuando termine el primer entrenamiento.",
        "en": "An estimate appears when the first training finishes.",
    },
    "train.starting": {"es": "Preparando el modelo…", "en": "Preparing the model…"},
    "train.progress": {
        "es": "Época {epoch} de {epochs}",
        "en": "Epoch {epoch} of {epochs}",
    },
    "train.progress_runs": {
        "es": "Modelo {run} de {runs} · época {epoch} de {epochs}",
        "en": "Model {run} of {runs} · epoch {epoch} of {epochs}",
    },
    "train.eta": {"es": " · quedan unos {eta}", "en": " · about {eta} left"},
    "train.eta_unknown": {"es": " · calculando el tiempo restante…", "en": " · estimating time left…"},
    "train.stopping": {
        "es": "Deteniendo al terminar esta época…",
        "en": "Stopping when this epoch ends…",
    },
    "train.live_title": {"es": "Pérdida en directo", "en": "Live loss"},
    "train.waiting_first_epoch": {
        "es": "La primera época tarda más: se carga TensorFlow (solo la primera vez) y Keras "
        "prepara (traza) el modelo. Las siguientes van mucho más rápido.",
        "en": "The first epoch takes longer: TensorFlow loads (only the first time) and Keras "
        "prepares (traces) the model. The next ones are much faster.",
    },
    # ----- outcome -----
    "train.n_epochs": {"es": "{n} épocas", "en": "{n} epochs"},
    "train.n_epochs.one": {"es": "1 época", "en": "1 epoch"},
    "train.done": {"es": "Entrenada durante {n} épocas.", "en": "Trained for {n} epochs."},
    "train.done.one": {"es": "Entrenada durante 1 época.", "en": "Trained for 1 epoch."},
    "train.wait.total": {
        "es": "Esperaste {total}: {parts}.",
        "en": "You waited {total}: {parts}.",
    },
    "train.wait.queue": {"es": "{s} en la cola", "en": "{s} in the queue"},
    "train.wait.import": {
        "es": "{s} cargando TensorFlow (solo la primera vez)",
        "en": "{s} loading TensorFlow (only the first time)",
    },
    "train.wait.training": {
        "es": "{s} entrenando (incluye preparar el modelo)",
        "en": "{s} training (preparing the model included)",
    },
    "train.stopped": {
        "es": "Detenido tras {epochs} de {planned} épocas. Se conserva el modelo parcial.",
        "en": "Stopped after {epochs} of {planned} epochs. The partial model is kept.",
    },
    "train.diverged": {
        "es": "El entrenamiento divergió (pérdida no finita) y se detuvo en la época {epochs}; "
        "se conservan los últimos pesos finitos.",
        "en": "Training diverged (non-finite loss) and stopped at epoch {epochs}; the last finite "
        "weights are kept.",
    },
    "train.see_below": {
        "es": "↓ Los resultados completos están más abajo.",
        "en": "↓ The full results are further down.",
    },
    "train.cancelled": {
        "es": "Cancelado antes de empezar: seguía esperando en la cola.",
        "en": "Cancelled before it started: it was still waiting in the queue.",
    },
    "train.failed": {
        "es": "No se pudo entrenar: {what}. Tus datos y ejecuciones anteriores siguen intactos.",
        "en": "Training failed: {what}. Your data and earlier runs are untouched.",
    },
    # ----- results -----
    "train.results": {"es": "Resultados", "en": "Results"},
    "train.no_runs": {
        "es": "Todavía no hay modelos entrenados en esta sesión. Ajusta y pulsa **Entrenar**.",
        "en": "No model trained in this session yet. Adjust and press **Train**.",
    },
    "train.pick_run": {"es": "Modelo que se muestra", "en": "Model shown"},
    "train.run_label": {"es": "{i}. {name}", "en": "{i}. {name}"},
    "train.run_caption": {
        "es": "{cell} · {layers} × {units} · {activation} · {params} parámetros · {epochs} "
        "en {seconds} · serie «{series}»",
        "en": "{cell} · {layers} × {units} · {activation} · {params} parameters · {epochs} "
        "in {seconds} · series “{series}”",
    },
    "train.status.completed": {"es": "completada", "en": "completed"},
    "train.status.stopped": {"es": "detenida", "en": "stopped"},
    "train.status.diverged": {"es": "divergente", "en": "diverged"},
    "train.metrics_title": {"es": "¿Qué tal predice?", "en": "How well does it predict?"},
    "train.metric_pick": {"es": "Métrica", "en": "Metric"},
    "train.metrics_note": {
        "es": "Errores en las unidades originales de la serie (menos es mejor); MASE: error "
        "absoluto medio dividido por el de «mañana = hoy» dentro del entrenamiento. Un MASE menor "
        "que 1 quiere decir que el modelo erra menos que «mañana = hoy» sobre los datos de "
        "entrenamiento, no que gane a la persistencia en prueba: para eso compara con el MASE de "
        "la fila Persistencia. Persistencia: «mañana = hoy». Lineal: regresión lineal sobre la "
        "misma ventana.",
        "en": "Errors in the series' original units (lower is better); MASE: mean absolute "
        "error divided by that of “tomorrow = today” inside the training part. A MASE below 1 "
        "means an error smaller than “tomorrow = today” made in-sample, on the training part, "
        "not a win over persistence on the test part: for that, compare with the Persistence "
        "row's own MASE. Persistence: “tomorrow = today”. Linear: linear regression on the same "
        "lookback.",
    },
    "train.row.model": {"es": "Red ({cell})", "en": "Network ({cell})"},
    "train.row.persistence": {"es": "Persistencia", "en": "Persistence"},
    "train.row.linear": {
        "es": "Modelo lineal (autorregresivo, misma ventana)",
        "en": "Linear model (autoregressive, same lookback)",
    },
    "train.col.model": {"es": "Modelo", "en": "Model"},
    "train.split.train": {"es": "Entrenamiento", "en": "Training"},
    "train.split.val": {"es": "Validación", "en": "Validation"},
    "train.split.test": {"es": "Prueba", "en": "Test"},
    "train.split_lower.val": {"es": "validación", "en": "validation"},
    "train.split_lower.test": {"es": "prueba", "en": "test"},
    "train.split_lower.train": {"es": "entrenamiento", "en": "training"},
    "train.summary_title": {"es": "Resumen del modelo", "en": "Model summary"},
    "train.summary.layer": {"es": "Capa", "en": "Layer"},
    "train.summary.shape": {"es": "Qué pasa a la siguiente capa (por ventana)", "en": "What it hands on (per window)"},
    "train.layer.recurrent": {"es": "Capa {cell}", "en": "{cell} layer"},
    "train.layer.recurrent_of": {"es": "Capa {cell} {k} de {n}", "en": "{cell} layer {k} of {n}"},
    "train.layer.output": {"es": "Capa densa de salida", "en": "Dense output layer"},
    "train.layer.per_step": {
        "es": "{h} valores en cada uno de los {steps} pasos", "en": "{h} values at each of the {steps} steps"},
    "train.layer.per_step_open": {"es": "{h} valores en cada paso", "en": "{h} values at each step"},
    "train.layer.final_state": {"es": "{h} valores: su estado final", "en": "{h} values: its final state"},
    "train.layer.prediction": {"es": "1 valor: la predicción", "en": "1 value: the prediction"},
    "train.layer.predictions": {"es": "{h} valores: las predicciones", "en": "{h} values: the predictions"},
    "train.summary.params": {"es": "Parámetros", "en": "Parameters"},
    "train.summary.total": {"es": "Total: **{n}** parámetros", "en": "Total: **{n}** parameters"},
    "train.forecast_title": {"es": "Un paso contra muchos pasos", "en": "One step vs many steps"},
    "train.forecast_intro": {
        "es": "Un paso: la red ve siempre los valores reales. Recursivo: desde el inicio de la "
        "prueba la red se alimenta de sus propias predicciones, así que el error se acumula. "
        "Más allá de los datos no hay verdad con la que comparar.",
        "en": "One step: the network always sees the real values. Recursive: from the start of "
        "the test part the network is fed its own predictions, so the error accumulates. Beyond "
        "the data there is no truth to compare with.",
    },
    "train.forecast_steps": {"es": "Pasos más allá de los datos", "en": "Steps beyond the data"},
    "train.forecast_error": {
        "es": "Error absoluto medio en prueba: a un paso {one} · recursivo {rec} "
        "(el recursivo es {ratio} veces el de un paso).",
        "en": "Mean absolute error on test: one step {one} · recursive {rec} "
        "(the recursive error is {ratio} times the one-step error).",
    },
    "train.forecast_none": {
        "es": "No hay parte de prueba: sube la fracción de prueba para ver cómo crece el error.",
        "en": "There is no test part: raise the test fraction to see the error grow.",
    },
    "train.downloads": {"es": "Descargas", "en": "Downloads"},
    "train.dl.predictions": {"es": "Predicciones (CSV)", "en": "Predictions (CSV)"},
    "train.dl.history": {"es": "Historial (CSV)", "en": "History (CSV)"},
    "train.dl.config": {"es": "Configuración (JSON)", "en": "Configuration (JSON)"},
    "train.dl.model": {"es": "Modelo entrenado (.keras)", "en": "Trained model (.keras)"},
    "train.dl.model_help": {
        "es": "Ábrelo con keras.models.load_model(\"archivo.keras\").",
        "en": "Open it with keras.models.load_model(\"file.keras\").",
    },
    "train.dl.name": {"es": "rnnlab_{what}_{run}", "en": "rnnlab_{what}_{run}"},
    "train.curves_section": {"es": "Curvas de aprendizaje", "en": "Learning curves"},
    "train.pred_section": {"es": "Predicciones frente a la realidad", "en": "Predictions vs truth"},
    # ----- figures -----
    "train.plot.loss": {"es": "Pérdida (entrenamiento)", "en": "Loss (training)"},
    "train.plot.val_loss": {"es": "Pérdida (validación)", "en": "Loss (validation)"},
    "train.plot.best": {"es": "Mejor validación", "en": "Best validation"},
    "train.plot.best_hover": {
        "es": "Mejor validación: época %{x}, pérdida %{y:.4g}",
        "en": "Best validation: epoch %{x}, loss %{y:.4g}",
    },
    "train.plot.curves_title": {"es": "Curvas de aprendizaje", "en": "Learning curves"},
    # Short: a longer rotated title was clipped above and below a phone's chart.
    "train.plot.loss_axis": {"es": "MSE (escalado)", "en": "MSE (scaled)"},
    "train.plot.epoch_axis": {"es": "Época", "en": "Epoch"},
    "train.plot.truth": {"es": "Serie real", "en": "Real series"},
    "train.plot.pred_train": {"es": "Predicción (entrenamiento)", "en": "Prediction (training)"},
    "train.plot.pred_val": {"es": "Predicción (validación)", "en": "Prediction (validation)"},
    "train.plot.pred_test": {"es": "Predicción (prueba)", "en": "Prediction (test)"},
    "train.plot.pred_title": {
        "es": "Predicción a un paso en unidades originales",
        "en": "One-step predictions in original units",
    },
    "train.plot.time_axis": {"es": "Tiempo (índice)", "en": "Time (index)"},
    "train.plot.value_axis": {"es": "Valor", "en": "Value"},
    "train.plot.one_step": {"es": "Un paso", "en": "One step"},
    "train.plot.recursive": {"es": "Recursivo (desde la prueba)", "en": "Recursive (from test start)"},
    "train.plot.future": {"es": "Recursivo (más allá de los datos)", "en": "Recursive (beyond the data)"},
    "train.plot.beyond": {"es": "Futuro", "en": "Future"},
    "train.plot.forecast_title": {
        "es": "Predicción a un paso frente a recursiva",
        "en": "One-step vs recursive forecast",
    },
    "train.plot.error_title": {
        "es": "Error absoluto según los pasos hacia delante",
        "en": "Absolute error by steps ahead",
    },
    "train.plot.steps_axis": {"es": "Pasos desde el inicio de la prueba", "en": "Steps from test start"},
    "train.plot.abs_error_axis": {"es": "Error absoluto", "en": "Absolute error"},
}
