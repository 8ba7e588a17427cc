"""Forecasting on a rolling origin: benchmarks, strategies, MASE verdicts, bands (Train, Compare)."""

STRINGS = {
    # ----- problems (rnnlab.forecasting.backtest.BacktestError, rnnlab.studies.multistep.problems) -----
    "backtest.problem.range": {
        "es": "El ajuste «{name}» vale {value}; debe estar entre {low} y {high}.",
        "en": "The setting “{name}” is {value}; it must be between {low} and {high}.",
    },
    "backtest.problem.too_short": {
        "es": "La serie tiene {n} valores: con {folds} pliegues de {horizon} pasos el primer "
        "pliegue solo entrenaría con {first} valores, y necesita al menos {needed}. Usa como "
        "mucho {max_folds} pliegues, un horizonte más corto, una estación más corta o una serie "
        "más larga.",
        "en": "The series has {n} values: with {folds} folds of {horizon} steps the first fold "
        "would train on only {first} values, and it needs at least {needed}. Use at most "
        "{max_folds} folds, a shorter horizon, a shorter season or a longer series.",
    },
    "backtest.problem.season_long": {
        "es": "La estación ({season}) es más larga que la parte de entrenamiento ({n} valores). "
        "Elige una estación más corta.",
        "en": "The season ({season}) is longer than the training part ({n} values). Choose a "
        "shorter season.",
    },
    "backtest.problem.not_finite": {
        "es": "La serie tiene valores que no son números finitos. Límpiala en la página Datos.",
        "en": "The series has values that are not finite numbers. Clean it on the Data page.",
    },
    "backtest.problem.windows": {
        "es": "Estrategia {strategy}: el primer pliegue (origen {origin}) da {train} ventanas de "
        "entrenamiento y {val} de validación con ventana {lookback} y horizonte {horizon}. "
        "Necesita al menos una de cada: usa menos pliegues, un horizonte o una ventana más "
        "cortos.",
        "en": "Strategy {strategy}: the first fold (origin {origin}) gives {train} training and "
        "{val} validation windows with lookback {lookback} and horizon {horizon}. It needs at "
        "least one of each: use fewer folds, a shorter horizon or a shorter lookback.",
    },
    "backtest.problem.diverged": {
        "es": "El entrenamiento del pliegue {fold} divergió (pérdida no finita). Prueba una tasa "
        "de aprendizaje menor o activa el recorte del gradiente.",
        "en": "Training diverged in fold {fold} (non-finite loss). Try a lower learning rate or "
        "switch on gradient clipping.",
    },
    # ----- names -----
    "backtest.method.mean": {"es": "Media", "en": "Mean"},
    "backtest.method.naive": {"es": "Ingenuo", "en": "Naive"},
    "backtest.method.seasonal_naive": {"es": "Ingenuo estacional (m = {m})",
                                       "en": "Seasonal naive (m = {m})"},
    # the same inside a sentence (Spanish writes it in lower case there)
    "backtest.yardstick": {"es": "ingenuo estacional (m = {m})", "en": "seasonal naive (m = {m})"},
    "backtest.method.drift": {"es": "Deriva", "en": "Drift"},
    "backtest.method.ets": {"es": "ETS", "en": "ETS"},
    # the model ETS actually fitted (rnnlab.forecasting.backtest.ets_fit), named in the tables and verdicts
    "backtest.method.ets_fitted": {"es": "ETS: {models}", "en": "ETS: {models}"},
    "backtest.ets.holt_winters": {"es": "Holt-Winters aditivo (m = {m})",
                                  "en": "Holt-Winters additive (m = {m})"},
    "backtest.ets.holt_winters_damped": {"es": "Holt-Winters aditivo amortiguado (m = {m})",
                                         "en": "Holt-Winters additive, damped (m = {m})"},
    "backtest.ets.holt": {"es": "tendencia lineal de Holt", "en": "Holt's linear trend"},
    "backtest.ets.holt_damped": {"es": "tendencia amortiguada de Holt", "en": "Holt's damped trend"},
    "backtest.ets.ses": {"es": "suavizado exponencial simple", "en": "simple exponential smoothing"},
    "backtest.ets.naive": {"es": "ingenuo (ningún ajuste convergió)",
                           "en": "naive (no fit converged)"},
    "backtest.ets.folds": {"es": "{model} ×{k}", "en": "{model} ×{k}"},
    "backtest.yardstick_naive": {"es": "ingenuo", "en": "naive"},
    "backtest.col.vs_naive": {"es": "MASE frente al ingenuo", "en": "MASE vs naive"},
    "backtest.method.rnn": {"es": "{name} · {strategy}", "en": "{name} · {strategy}"},
    "backtest.strategy.recursive": {"es": "recursiva", "en": "recursive"},
    "backtest.strategy.direct": {"es": "directa", "en": "direct"},
    "backtest.col.method": {"es": "Método", "en": "Method"},
    "backtest.col.vs_yardstick": {"es": "MASE frente al ingenuo estacional",
                                  "en": "MASE vs seasonal naive"},
    # ----- verdicts: always MASE, always named -----
    "backtest.verdict.beats": {
        "es": "**{name}** supera al {benchmark} en un {pct} de MASE (MASE {model} frente a "
        "{base}; {folds} pliegues, horizonte {horizon}).",
        "en": "**{name}** beats {benchmark} by {pct} in MASE (MASE {model} vs {base}; {folds} "
        "folds, horizon {horizon}).",
    },
    "backtest.verdict.loses": {
        "es": "**{name}** no supera al {benchmark}: su MASE es un {pct} peor (MASE {model} frente "
        "a {base}; {folds} pliegues, horizonte {horizon}). Prueba más épocas, otra ventana o la "
        "otra estrategia.",
        "en": "**{name}** does not beat {benchmark}: its MASE is {pct} worse (MASE {model} vs "
        "{base}; {folds} folds, horizon {horizon}). Try more epochs, another lookback or the "
        "other strategy.",
    },
    "backtest.verdict.unknown": {
        "es": "No se puede calcular el MASE de **{name}**: el backtest se detuvo antes del último "
        "pliegue, la parte de entrenamiento es constante o el modelo no dio predicciones finitas.",
        "en": "The MASE of **{name}** cannot be computed: the backtest stopped before its last "
        "fold, the training part is constant or the model gave no finite forecasts.",
    },
    "backtest.verdict.best_benchmark": {
        "es": "Mejor referencia clásica: {benchmark}, MASE {mase}.",
        "en": "Best textbook benchmark: {benchmark}, MASE {mase}.",
    },
    # ----- Train page section -----
    "backtest.ui.header": {"es": "Pronosticar como un pronosticador",
                           "en": "Forecasting like a forecaster"},
    "backtest.ui.intro": {
        "es": "Un pronóstico se juzga varios pasos hacia delante, desde orígenes que el modelo no "
        "ha visto, frente a las referencias del libro de Hyndman y Athanasopoulos. Con **K "
        "pliegues** de horizonte **H**, el pliegue k entrena con los valores anteriores a su "
        "origen oₖ = n − H·(K − k) (el escalador también) y pronostica los H siguientes. La red "
        "se vuelve a entrenar en cada pliegue. **MASE** divide el error absoluto por el del "
        "ingenuo estacional a un paso dentro del entrenamiento: por debajo de 1, el pronóstico "
        "erra menos que ese ingenuo dentro de la muestra, no necesariamente menos que el ingenuo "
        "estacional fuera de ella. Los veredictos comparan con el MASE que el ingenuo estacional "
        "obtiene de verdad en los mismos pliegues.",
        "en": "A forecast is judged several steps ahead, from origins the model has not seen, "
        "against the benchmarks of Hyndman and Athanasopoulos' textbook. With **K folds** of "
        "horizon **H**, fold k trains on the values before its origin oₖ = n − H·(K − k) (the "
        "scaler too) and forecasts the next H. The network is retrained in every fold. **MASE** "
        "divides the absolute error by the in-sample one-step error of seasonal naive: below 1, "
        "the forecast errs less than that naive forecast did in-sample, not necessarily less than "
        "seasonal naive out of sample. The verdicts compare with the MASE seasonal naive actually "
        "gets on the same folds.",
    },
    "backtest.ui.of_run": {"es": "Configuración de la ejecución «{name}», serie «{series}» ({n} valores).",
                           "en": "Settings of run “{name}”, series “{series}” ({n} values)."},
    "backtest.ui.horizon": {"es": "Horizonte H (pasos)", "en": "Horizon H (steps)"},
    "backtest.ui.horizon_help": {"es": "Cuántos pasos hacia delante se pronostica desde cada origen.",
                                 "en": "How many steps ahead each origin forecasts."},
    "backtest.ui.strategy": {"es": "Estrategias", "en": "Strategies"},
    "backtest.ui.strategy_help": {
        "es": "Recursiva: el modelo de un paso se alimenta con sus propias predicciones (los "
        "errores se acumulan). Directa: un modelo con H salidas predice los H pasos a la vez. "
        "Ambas se comparan en los mismos pliegues.",
        "en": "Recursive: the one-step model is fed its own predictions (errors pile up). "
        "Direct: one model with H outputs predicts all H steps at once. Both are compared on "
        "the same folds.",
    },
    "backtest.ui.strategy_none": {"es": "Elige al menos una estrategia.",
                                  "en": "Choose at least one strategy."},
    "backtest.ui.folds": {"es": "Pliegues K", "en": "Folds K"},
    "backtest.ui.folds_help": {"es": "Orígenes del backtest, separados H pasos; el último acaba en el "
                               "final de la serie. Cada pliegue vuelve a entrenar la red.",
                               "en": "Backtest origins, H steps apart; the last one ends at the end "
                               "of the series. Every fold retrains the network."},
    "backtest.ui.season": {"es": "Estación m", "en": "Season m"},
    "backtest.ui.season_help": {
        "es": "Valores por ciclo: el ingenuo estacional repite el último ciclo, ETS lo modela y "
        "MASE escala con la diferencia de retardo m. 1 = sin estación. Propuesta para esta "
        "serie: {season}.",
        "en": "Values per cycle: seasonal naive repeats the last cycle, ETS models it and MASE "
        "scales by the lag-m difference. 1 = no season. Suggested for this series: {season}.",
    },
    "backtest.ui.start": {"es": "Hacer el backtest", "en": "Run the backtest"},
    "backtest.ui.cost": {
        "es": "Entrena {trainings} redes ({folds} pliegues × {strategies} estrategias; los "
        "pliegues tras el primero continúan el anterior con un cuarto de las épocas).",
        "en": "Trains {trainings} networks ({folds} folds × {strategies} strategies; the folds "
        "after the first continue the previous one with a quarter of the epochs).",
    },
    "backtest.ui.progress": {
        "es": "Estrategia {strategy}: pliegue {fold} de {folds}, época {epoch} de {epochs}",
        "en": "Strategy {strategy}: fold {fold} of {folds}, epoch {epoch} of {epochs}",
    },
    "backtest.ui.queued": {"es": "Esperando turno para entrenar (puesto {pos}).",
                           "en": "Waiting for a training slot (place {pos})."},
    "backtest.ui.stop": {"es": "Detener", "en": "Stop"},
    "backtest.ui.stopped": {"es": "Backtest detenido: los pliegues que faltan no tienen pronóstico.",
                            "en": "Backtest stopped: the folds left have no forecast."},
    "backtest.ui.failed": {"es": "El backtest no pudo terminar: {what}",
                           "en": "The backtest could not finish: {what}"},
    "backtest.ui.none": {"es": "Aún no hay backtest de esta ejecución: elige los ajustes y pulsa "
                         "«Hacer el backtest».",
                         "en": "No backtest of this run yet: choose the settings and press “Run "
                         "the backtest”."},
    "backtest.ui.stale": {"es": "Resultados del último backtest (H = {horizon}, K = {folds}, "
                          "m = {season}); los ajustes de arriba han cambiado desde entonces.",
                          "en": "Results of the last backtest (H = {horizon}, K = {folds}, "
                          "m = {season}); the settings above have changed since."},
    "backtest.ui.verdict_title": {"es": "Veredicto (MASE)", "en": "Verdict (MASE)"},
    "backtest.ui.table_title": {"es": "MASE frente a las referencias", "en": "MASE against the benchmarks"},
    "backtest.ui.table_note": {
        "es": "Medias sobre los {folds} pliegues y los {horizon} pasos. MASE: error absoluto / "
        "error del ingenuo estacional dentro del entrenamiento de cada pliegue. MAE y RMSE en las "
        "unidades de la serie. La última columna: cuánto menor es el MASE que el del ingenuo "
        "estacional (negativo = peor).",
        "en": "Averages over the {folds} folds and {horizon} steps. MASE: absolute error / the "
        "in-sample error of seasonal naive on each fold's training part. MAE and RMSE in the "
        "series' units. Last column: how much lower the MASE is than seasonal naive's "
        "(negative = worse).",
    },
    "backtest.ui.smape_hidden": {
        "es": "No se muestra el sMAPE: esta serie toca o cruza el cero, y ahí |y| + |f| es casi "
        "nulo, así que un fallo pequeño puntúa hasta un 200 %. El MAE dice lo mismo sin ese "
        "problema.",
        "en": "sMAPE is not shown: this series touches or crosses zero, where |y| + |f| is almost "
        "nothing, so a small miss scores up to 200%. MAE says the same without that problem.",
    },
    "backtest.ui.smape_shown": {
        "es": "sMAPE en %: tiene sentido aquí porque todos los valores son positivos, pero "
        "castiga más quedarse corto que pasarse; MASE es la medida de los veredictos.",
        "en": "sMAPE in %: it makes sense here because every value is positive, but it punishes "
        "forecasting too low more than too high; MASE is the verdicts' measure.",
    },
    "backtest.ui.coverage": {
        "es": "{strategy}: la banda del 80 % contuvo {c80} de los valores reales y la del 95 %, "
        "{c95}. Es una estimación hecha con los propios pliegues de este backtest (cada pliegue "
        "juzgado con bandas calibradas sin él), sobre {points} valores: solo por azar, el "
        "porcentaje real podría estar entre {lo80} y {hi80} (80 %) y entre {lo95} y {hi95} "
        "(95 %), y más lejos aún, porque los errores de un mismo pliegue no son independientes. "
        "No es una garantía para pronósticos nuevos.",
        "en": "{strategy}: the 80% band held {c80} of the real values and the 95% band {c95}. "
        "This is an estimate from this backtest's own folds (each fold judged by bands calibrated "
        "without it), on {points} values: from chance alone, the true rate could lie between {lo80} "
        "and {hi80} (80%) and between {lo95} and {hi95} (95%), and further still, because the "
        "errors of one fold are not independent. It is no guarantee for new forecasts.",
    },
    "backtest.ui.band_missing": {
        "es": "Hay pocos errores de backtest por paso para una banda del {level}: hacen falta al "
        "menos {needed}. Usa más pliegues o un horizonte mayor.",
        "en": "Too few backtest errors per step for a {level} band: it needs at least {needed}. "
        "Use more folds or a longer horizon.",
    },
    "backtest.ui.origins_caption": {
        "es": "Cada pliegue entrena solo con lo anterior a su origen (gris) y pronostica los "
        "{horizon} pasos siguientes (rojo). Orígenes: {origins}.",
        "en": "Each fold trains only on what comes before its origin (grey) and forecasts the "
        "next {horizon} steps (red). Origins: {origins}.",
    },
    "backtest.ui.band_strategy": {"es": "Bandas de", "en": "Bands of"},
    "backtest.ui.seconds": {"es": "Backtest en {seconds} s ({detail}).",
                            "en": "Backtest in {seconds} s ({detail})."},
    # ----- Compare page -----
    "backtest.cmp.header": {"es": "Backtest: MASE por método", "en": "Backtest: MASE by method"},
    "backtest.cmp.intro": {
        "es": "Las ejecuciones mostradas con un backtest hecho con los mismos ajustes (en Entrenar, "
        "o aquí) se comparan en los mismos pliegues y frente a las mismas referencias.",
        "en": "The shown runs with a backtest made with the same settings (on Train, or here) are "
        "compared on the same folds and against the same benchmarks.",
    },
    "backtest.cmp.start": {"es": "Backtest de las ejecuciones mostradas",
                           "en": "Backtest the shown runs"},
    "backtest.cmp.none": {"es": "Ninguna ejecución mostrada tiene aún un backtest con estos ajustes.",
                          "en": "No shown run has a backtest with these settings yet."},
    "backtest.cmp.mixed": {"es": "Solo se comparan las ejecuciones de la misma serie que «{name}».",
                           "en": "Only runs on the same series as “{name}” are compared."},
    "backtest.cmp.verdict_best": {
        "es": "Mejor en MASE: **{name}** (MASE {mase}).",
        "en": "Best by MASE: **{name}** (MASE {mase}).",
    },
    # ----- plots -----
    "backtest.plot.by_h_title": {"es": "Error por paso del horizonte (MASE)",
                                 "en": "Error by horizon step (MASE)"},
    "backtest.plot.h_axis": {"es": "Paso del horizonte h", "en": "Horizon step h"},
    "backtest.plot.mase_axis": {"es": "MASE (media de los pliegues)", "en": "MASE (mean over folds)"},
    "backtest.plot.band_title": {"es": "Pronóstico con bandas conformes", "en": "Forecast with conformal bands"},
    "backtest.plot.series": {"es": "Serie", "en": "Series"},
    "backtest.plot.origin": {"es": "origen del último pliegue", "en": "last fold's origin"},
    "backtest.plot.heldout": {"es": "Pronóstico del último pliegue", "en": "Last fold's forecast"},
    "backtest.plot.future": {"es": "Pronóstico más allá de los datos", "en": "Forecast beyond the data"},
    "backtest.plot.band": {"es": "Banda del {level}", "en": "{level} band"},
    "backtest.plot.time_axis": {"es": "Posición en la serie", "en": "Position in the series"},
    "backtest.plot.value_axis": {"es": "Valor", "en": "Value"},
}
