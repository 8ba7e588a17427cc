"""Strings of the Compare page: three-cell training, run table, verdict, charts, parameter formulas."""

STRINGS = {
    "compare.title": {"es": "Comparar redes", "en": "Compare networks"},
    "compare.intro": {
        "es": "SimpleRNN, LSTM y GRU entrenadas con los mismos datos, lado a lado, junto con todas "
        "las ejecuciones de esta sesión. Marca las que quieres superponer en las gráficas.",
        "en": "SimpleRNN, LSTM and GRU trained on the same data, side by side, together with every "
        "run of this session. Tick the ones you want to overlay in the charts.",
    },
    # ----- three-cell training -----
    "compare.settings_title": {
        "es": "Ajustes: unidades, épocas, lote, tasa y semilla",
        "en": "Settings: units, epochs, batch, rate and seed",
    },
    "compare.settings_now": {
        "es": "{units} unidades · {epochs} épocas · lotes de {batch} · tasa {lr} · semilla {seed}",
        "en": "{units} units · {epochs} epochs · batches of {batch} · rate {lr} · seed {seed}",
    },
    "compare.loss_empty": {
        "es": "Pulsa <b>Entrenar</b>:<br>aquí caerá la pérdida de cada celda",
        "en": "Press <b>Train</b>:<br>each cell's loss falls here",
    },
    "compare.loss_empty_alt": {
        "es": "Gráfica de pérdida vacía: se llena al entrenar las tres celdas.",
        "en": "Empty loss chart: it fills when the three cells are trained.",
    },
    "compare.three.header": {"es": "Comparar las tres celdas", "en": "Compare the three cells"},
    "compare.three.intro": {
        "es": "Con un clic se entrenan una SimpleRNN, una LSTM y una GRU con los mismos datos, "
        "división, unidades, épocas y semilla: solo cambia la celda. El cuaderno las compara con 32 "
        "unidades, una capa tanh, lotes de 16 y 15 épocas a tasa 0,001; con tan poco entrenamiento, "
        "en su propia serie ninguna supera a la persistencia. Por eso aquí empiezan con 60 épocas a "
        "tasa 0,003: así, en la serie del cuaderno, cada una supera a la persistencia en MASE de "
        "prueba con la semilla 42 y en la mediana de las semillas 0 a 4. Con otra semilla alguna "
        "puede perder: la SimpleRNN, la más frágil, pierde con dos de esas cinco.",
        "en": "One click trains a SimpleRNN, an LSTM and a GRU with the same data, split, units, "
        "epochs and seed: only the cell changes. The notebook compares them with 32 units, one tanh "
        "layer, batch 16 and 15 epochs at learning rate 0.001; trained that little, none of them "
        "beats persistence on its own series. So here they start with 60 epochs at rate 0.003: that "
        "way, on the notebook's series, each one beats persistence by test MASE at seed 42 and in "
        "the median of seeds 0 to 4. With another seed one of them may lose: the SimpleRNN, the "
        "most fragile, loses with two of those five.",
    },
    "compare.three.data": {
        "es": "Datos: «{series}», {n} valores · ventana de {lookback} · {val} para validación y "
        "{test} para prueba · {scaler}. Todo esto se cambia en la página Datos.",
        "en": "Data: “{series}”, {n} values · lookback {lookback} · {val} for validation and "
        "{test} for test · {scaler}. All of this is changed on the Data page.",
    },
    "compare.units": {"es": "Unidades por capa", "en": "Units per layer"},
    "compare.units_help": {
        "es": "Tamaño del estado oculto, igual para las tres celdas.",
        "en": "Size of the hidden state, the same for all three cells.",
    },
    "compare.epochs": {"es": "Épocas", "en": "Epochs"},
    "compare.epochs_help": {
        "es": "Pasadas completas por los datos de entrenamiento.",
        "en": "Full passes over the training data.",
    },
    "compare.batch": {"es": "Tamaño de lote", "en": "Batch size"},
    "compare.batch_help": {
        "es": "Ventanas por actualización de los pesos.",
        "en": "Windows per weight update.",
    },
    "compare.lr": {"es": "Tasa de aprendizaje", "en": "Learning rate"},
    "compare.lr_help": {
        "es": "Tamaño de cada paso de Adam. El cuaderno usa 0,001; con 0,01 aprenden en menos épocas.",
        "en": "Size of each Adam step. The notebook uses 0.001; at 0.01 they learn in fewer epochs.",
    },
    "compare.seed": {"es": "Semilla", "en": "Seed"},
    "compare.seed_help": {
        "es": "Misma semilla, mismas curvas: repetir la comparación da los mismos números.",
        "en": "Same seed, same curves: repeating the comparison gives the same numbers.",
    },
    "compare.train_button": {"es": "Entrenar SimpleRNN, LSTM y GRU", "en": "Train SimpleRNN, LSTM and GRU"},
    "compare.stop_button": {"es": "Detener", "en": "Stop"},
    "compare.stop_help": {
        "es": "Termina tras la época en curso; las redes ya entrenadas se conservan.",
        "en": "Ends after the current epoch; the networks already trained are kept.",
    },
    "compare.progress": {
        "es": "Entrenando {cell} ({i} de {n}) · época {epoch}/{epochs} · {eta}",
        "en": "Training {cell} ({i} of {n}) · epoch {epoch}/{epochs} · {eta}",
    },
    "compare.eta": {"es": "faltan unos {s}", "en": "about {s} left"},
    "compare.eta_unknown": {"es": "calculando el tiempo restante…", "en": "estimating the time left…"},
    "compare.queued": {
        "es": "Esperando turno para entrenar: puesto {pos} en la cola (otros estudiantes están entrenando).",
        "en": "Waiting for a free training slot: number {pos} in the queue (other students are training).",
    },
    "compare.stopping": {
        "es": "Deteniendo tras la época en curso…",
        "en": "Stopping after the current epoch…",
    },
    "compare.job_failed": {
        "es": "El entrenamiento falló: {error}. Las ejecuciones anteriores siguen aquí; prueba con "
        "otros ajustes.",
        "en": "Training failed: {error}. Your earlier runs are still here; try other settings.",
    },
    "compare.too_short": {
        "es": "La parte de entrenamiento tiene {train} puntos, no más que la ventana ({lookback}). "
        "Usa una ventana más corta, fracciones de validación/prueba menores o una serie más larga "
        "(página Datos).",
        "en": "The training part has {train} points, not more than the lookback ({lookback}). "
        "Use a shorter lookback, smaller validation/test fractions or a longer series (Data page).",
    },
    "compare.no_tf_train": {
        "es": "Para entrenar hace falta TensorFlow, que no está instalado aquí. Las ejecuciones que "
        "ya tienes en esta sesión se pueden comparar igualmente.",
        "en": "Training needs TensorFlow, which is not installed here. The runs you already have in "
        "this session can still be compared.",
    },
    # ----- the run table -----
    "compare.runs.header": {"es": "Ejecuciones de la sesión", "en": "Runs of this session"},
    "compare.runs.empty": {
        "es": "Aún no hay ejecuciones. Entrena las tres celdas arriba o un modelo en la página "
        "Entrenar: aparecerán aquí.",
        "en": "No runs yet. Train the three cells above or a model on the Train page: they will "
        "appear here.",
    },
    "compare.runs.help": {
        "es": "Marca «Mostrar» para superponer una ejecución en las gráficas; haz doble clic en "
        "el nombre para cambiarlo.",
        "en": "Tick “Show” to overlay a run in the charts; double-click a name to rename it.",
    },
    "compare.delete_button": {"es": "Borrar las marcadas ({n})", "en": "Delete marked runs ({n})"},
    "compare.delete_help": {
        "es": "Marca la columna «Borrar» de las ejecuciones que ya no quieres.",
        "en": "Tick the “Delete” column of the runs you no longer want.",
    },
    "compare.deleted": {"es": "{n} ejecuciones borradas.", "en": "{n} runs deleted."},
    "compare.deleted.one": {"es": "1 ejecución borrada.", "en": "1 run deleted."},
    "compare.download": {"es": "Descargar la tabla (CSV)", "en": "Download the table (CSV)"},
    "compare.download_name": {"es": "comparacion_ejecuciones", "en": "run_comparison"},
    "compare.col.run_id": {"es": "id", "en": "id"},
    "compare.col.show": {"es": "Mostrar", "en": "Show"},
    "compare.col.delete": {"es": "Borrar", "en": "Delete"},
    "compare.col.name": {"es": "Nombre", "en": "Name"},
    "compare.col.cell": {"es": "Celda", "en": "Cell"},
    "compare.col.layers": {"es": "Capas", "en": "Layers"},
    "compare.col.units": {"es": "Unidades", "en": "Units"},
    "compare.col.activation": {"es": "Activación", "en": "Activation"},
    "compare.col.lookback": {"es": "Ventana", "en": "Lookback"},
    "compare.col.epochs": {"es": "Épocas", "en": "Epochs"},
    "compare.col.learning_rate": {"es": "Tasa de aprendizaje", "en": "Learning rate"},
    "compare.col.params": {"es": "Parámetros", "en": "Parameters"},
    "compare.col.sec_per_epoch": {"es": "s/época", "en": "s/epoch"},
    "compare.col.test_mase": {"es": "MASE de prueba", "en": "Test MASE"},
    "compare.col.test_rmse": {"es": "RMSE de prueba", "en": "Test RMSE"},
    "compare.col.test_mae": {"es": "MAE de prueba", "en": "Test MAE"},
    "compare.col.vs_persistence": {"es": "vs. persistencia (%)", "en": "vs persistence (%)"},
    "compare.col.vs_linear": {"es": "vs. lineal (%)", "en": "vs linear (%)"},
    "compare.col.status": {"es": "Estado", "en": "Status"},
    "compare.colhelp.sec_per_epoch": {
        "es": "Tiempo medio por época; la primera incluye construir el grafo.",
        "en": "Mean time per epoch; the first one includes building the graph.",
    },
    "compare.colhelp.test_mase": {
        "es": "Error absoluto medio en la parte de prueba dividido por el de «mañana = hoy» dentro "
        "del entrenamiento. Menos de 1: mejor que esa referencia. Es la medida de los veredictos.",
        "en": "Mean absolute error on the test part divided by that of “tomorrow = today” inside "
        "the training part. Below 1: better than that benchmark. The verdicts use it.",
    },
    "compare.colhelp.test_rmse": {
        "es": "Raíz del error cuadrático medio en la parte de prueba, en las unidades originales.",
        "en": "Root mean squared error on the test part, in the original units.",
    },
    "compare.colhelp.vs_persistence": {
        "es": "En qué porcentaje es menor el MASE de prueba que el de «mañana = hoy». Negativo: peor.",
        "en": "How much lower the test MASE is than that of “tomorrow = today”, in %. Negative: worse.",
    },
    "compare.colhelp.vs_linear": {
        "es": "En qué porcentaje es menor el MASE de prueba que el de un modelo lineal con la misma "
        "ventana. Negativo: peor.",
        "en": "How much lower the test MASE is than that of a linear model on the same lookback, "
        "in %. Negative: worse.",
    },
    "compare.colhelp.epochs": {
        "es": "Épocas entrenadas (menos que las pedidas si se detuvo).",
        "en": "Epochs trained (fewer than asked if it was stopped).",
    },
    "compare.status.completed": {"es": "completada", "en": "completed"},
    "compare.status.stopped": {"es": "detenida", "en": "stopped"},
    "compare.status.diverged": {"es": "divergente", "en": "diverged"},
    # ----- verdict -----
    "compare.verdict.header": {"es": "Veredicto", "en": "Verdict"},
    "compare.verdict.scope": {
        "es": "Entre las ejecuciones mostradas, a un paso en la parte de prueba (datos que ninguna "
        "vio al entrenar), según el MASE (error absoluto / el de «mañana = hoy» en el entrenamiento):",
        "en": "Among the runs shown, one step ahead on the test part (data none of them saw while "
        "training), by MASE (absolute error / that of “tomorrow = today” in training):",
    },
    "compare.verdict.none": {
        "es": "Ninguna de las ejecuciones mostradas tiene métricas de prueba.",
        "en": "None of the runs shown has test metrics.",
    },
    "compare.verdict.not_comparable": {
        "es": "Ojo: estas ejecuciones se probaron con datos distintos (otra serie o división), así "
        "que la clasificación compara cosas diferentes.",
        "en": "Careful: these runs were tested on different data (another series or split), so the "
        "ranking compares unlike things.",
    },
    "compare.verdict.best": {
        "es": "**{name}** es la mejor: MASE de prueba {mase} (RMSE {rmse}).",
        "en": "**{name}** is best: test MASE {mase} (RMSE {rmse}).",
    },
    "compare.verdict.margin": {
        "es": "Su MASE es un {pct} menor que el de la siguiente, **{other}**.",
        "en": "Its MASE is {pct} lower than that of the next one, **{other}**.",
    },
    "compare.verdict.margin_small": {
        "es": "Pero su MASE solo es un {pct} menor que el de **{other}**: con otra semilla el orden "
        "podría cambiar.",
        "en": "But its MASE is only {pct} lower than that of **{other}**: with another seed the order "
        "could change.",
    },
    "compare.verdict.beats_persistence": {
        "es": "Supera a la persistencia («mañana = hoy»): su MASE es un {pct} menor.",
        "en": "It beats persistence (“tomorrow = today”): its MASE is {pct} lower.",
    },
    "compare.verdict.loses_persistence": {
        "es": "No supera a la persistencia («mañana = hoy»): su MASE es un {pct} mayor. Prueba "
        "con más épocas, una tasa de aprendizaje mayor u otra ventana.",
        "en": "It does not beat persistence (“tomorrow = today”): its MASE is {pct} higher. Try "
        "more epochs, a higher learning rate or another lookback.",
    },
    "compare.verdict.beats_linear": {
        "es": "Supera al modelo lineal con la misma ventana: su MASE es un {pct} menor.",
        "en": "It beats the linear model on the same lookback: its MASE is {pct} lower.",
    },
    "compare.verdict.loses_linear": {
        "es": "No supera al modelo lineal con la misma ventana (su MASE es un {pct} mayor): en esta "
        "serie, la recurrencia aún no compensa.",
        "en": "It does not beat the linear model on the same lookback (its MASE is {pct} higher): "
        "on this series, recurrence does not pay off yet.",
    },
    "compare.verdict.count_persistence": {
        "es": "{k} de {n} ejecuciones superan a la persistencia (MASE de prueba).",
        "en": "{k} of {n} runs beat persistence (test MASE).",
    },
    "compare.verdict.count_persistence.one": {
        "es": "1 de las {n} ejecuciones supera a la persistencia (MASE de prueba).",
        "en": "1 of {n} runs beats persistence (test MASE).",
    },
    "compare.verdict.unfinished": {
        "es": "No terminaron todas sus épocas: {names}.",
        "en": "Did not finish all their epochs: {names}.",
    },
    # ----- charts -----
    "compare.charts.header": {"es": "Gráficas", "en": "Charts"},
    "compare.charts.none": {
        "es": "Marca al menos una ejecución en la columna «Mostrar» para ver las gráficas.",
        "en": "Tick at least one run in the “Show” column to see the charts.",
    },
    "compare.charts.palette": {
        "es": "Hay más de {n} ejecuciones: algunos colores se repiten. Muestra menos a la vez.",
        "en": "More than {n} runs: some colours repeat. Show fewer at a time.",
    },
    "compare.log_scale": {"es": "Escala logarítmica", "en": "Log scale"},
    "compare.log_help": {
        "es": "Para la pérdida y el MAE. Útil cuando caen varios órdenes de magnitud.",
        "en": "For the loss and the MAE. Useful when they fall by several orders of magnitude.",
    },
    "compare.mae_note": {
        "es": "La pérdida y el MAE de estas curvas son los de Keras, sobre los datos escalados; las "
        "métricas de la tabla están en las unidades originales.",
        "en": "The loss and MAE in these curves are Keras', on the scaled data; the table's metrics "
        "are in the original units.",
    },
    "compare.pred_mismatch": {
        "es": "Las ejecuciones mostradas usan datos de prueba distintos: la verdad dibujada es la "
        "de «{name}».",
        "en": "The runs shown use different test data: the truth drawn is that of “{name}”.",
    },
    "compare.plot.loss_title": {"es": "Pérdida por época (MSE)", "en": "Loss per epoch (MSE)"},
    "compare.plot.mae_title": {"es": "MAE de validación por época", "en": "Validation MAE per epoch"},
    "compare.plot.pred_title": {
        "es": "Predicciones en la parte de prueba frente a la realidad",
        "en": "Test predictions against the truth",
    },
    "compare.plot.params_title": {"es": "Parámetros entrenables", "en": "Trainable parameters"},
    "compare.plot.time_title": {"es": "Segundos por época", "en": "Seconds per epoch"},
    "compare.plot.loss_key": {
        "es": "—— entrenamiento · - - - validación",
        "en": "—— training · - - - validation",
    },
    "compare.plot.train": {"es": "entrenamiento", "en": "training"},
    "compare.plot.val": {"es": "validación", "en": "validation"},
    "compare.plot.truth": {"es": "realidad", "en": "truth"},
    "compare.plot.epoch": {"es": "Época", "en": "Epoch"},
    "compare.plot.time": {"es": "Tiempo", "en": "Time"},
    "compare.plot.epoch_axis": {"es": "Época", "en": "Epoch"},
    "compare.plot.loss_axis": {"es": "MSE (escalado)", "en": "MSE (scaled)"},
    "compare.plot.loss_axis_log": {"es": "MSE (escala log.)", "en": "MSE (log scale)"},
    "compare.plot.mae_axis": {"es": "MAE (escalado)", "en": "MAE (scaled)"},
    "compare.plot.mae_axis_log": {"es": "MAE (escala log.)", "en": "MAE (log scale)"},
    "compare.plot.time_axis": {"es": "Posición en la serie", "en": "Position in the series"},
    "compare.plot.value_axis": {"es": "Valor", "en": "Value"},
    "compare.plot.params_axis": {"es": "Parámetros", "en": "Parameters"},
    "compare.plot.time_axis_log": {"es": "Segundos (escala log.)", "en": "Seconds (log scale)"},
    # ----- parameters per unit -----
    "compare.params.header": {
        "es": "¿Por qué una LSTM tiene unas 4 veces los parámetros de una SimpleRNN?",
        "en": "Why does an LSTM have about 4 times the parameters of a SimpleRNN?",
    },
    "compare.params.intro": {
        "es": "Una capa recurrente con D entradas y H unidades tiene, por cada bloque (puerta o "
        "candidato), una matriz de entrada D×H, una recurrente H×H y un sesgo H. La SimpleRNN tiene "
        "1 bloque; la LSTM 4 (entrada, olvido, candidato y salida); la GRU 3 (actualización, "
        "reinicio y candidato), y Keras le da dos sesgos por bloque. Aquí con D = {d} y H = {h}:",
        "en": "A recurrent layer with D inputs and H units holds, for each block (gate or "
        "candidate), a D×H input matrix, an H×H recurrent matrix and a bias of H. A SimpleRNN has "
        "1 block; an LSTM 4 (input, forget, candidate and output); a GRU 3 (update, reset and "
        "candidate), and Keras gives it two biases per block. Here with D = {d} and H = {h}:",
    },
    "compare.params.col_cell": {"es": "Celda", "en": "Cell"},
    "compare.params.col_blocks": {"es": "Bloques", "en": "Blocks"},
    "compare.params.col_formula": {"es": "Fórmula", "en": "Formula"},
    "compare.params.col_count": {"es": "Parámetros de la capa", "en": "Layer parameters"},
    "compare.params.col_per_unit": {"es": "Por unidad", "en": "Per unit"},
    "compare.params.col_ratio": {"es": "× SimpleRNN", "en": "× SimpleRNN"},
    "compare.params.outro": {
        "es": "Por eso, a igual anchura, la LSTM tiene 4 veces y la GRU algo más de 3 veces los "
        "parámetros de una SimpleRNN. La capa densa de salida suma H + 1 = {dense} más a cada "
        "modelo.",
        "en": "That is why, at the same width, an LSTM has 4 times and a GRU a little over 3 times "
        "the parameters of a SimpleRNN. The Dense output layer adds H + 1 = {dense} more to each "
        "model.",
    },
}
