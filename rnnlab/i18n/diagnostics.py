"""Forecast checks (issue 22): the copycat, residual checks, probabilistic scores, the rolling origin."""

STRINGS = {
    # ----- the copycat (rnnlab.forecasting.copycat), next to Train's prediction chart -----
    "diag.copy.toggle": {"es": "Dibujar la entrada desplazada un paso («mañana = hoy»)",
                         "en": "Draw the input shifted by one step (“tomorrow = today”)"},
    "diag.copy.toggle_help": {
        "es": "La serie real movida un paso a la derecha: lo que dibujaría una red que solo copia "
        "el último valor. Si la curva de predicción se parece más a esta que a la serie, la red "
        "está copiando.",
        "en": "The real series moved one step to the right: what a network that only copies the "
        "last value would draw. If the prediction curve looks more like this than like the "
        "series, the network is copying.",
    },
    "diag.copy.shifted": {"es": "Entrada desplazada 1 paso", "en": "Input shifted by 1 step"},
    "diag.copy.flagged": {
        "es": "**Cuidado: parece una copiona.** En la parte de prueba, sus predicciones están un "
        "{closer} más cerca del valor real *anterior* (error medio {prev}) que del que debían "
        "predecir ({cur}), y se alinean mejor con la serie retrasada {lag} paso(s). Una curva así "
        "se ve excelente y es la entrada desplazada: compárala con la línea de «mañana = hoy».",
        "en": "**Careful: this looks like a copycat.** On the test part its predictions are "
        "{closer} closer to the *previous* true value (mean error {prev}) than to the one they "
        "had to predict ({cur}), and they line up best with the series delayed by {lag} step(s). "
        "Such a curve looks excellent and is the input shifted: compare it with the “tomorrow = "
        "today” line.",
    },
    "diag.copy.fine": {
        "es": "No es una copiona: en la parte de prueba sus predicciones están más cerca del valor "
        "que debían predecir (error medio {cur}) que del anterior ({prev}), y se alinean mejor "
        "sin retraso.",
        "en": "Not a copycat: on the test part its predictions are closer to the value they had "
        "to predict (mean error {cur}) than to the previous one ({prev}), and line up best with "
        "no delay.",
    },
    "diag.copy.mixed": {
        "es": "Casi una copiona: en la parte de prueba sus predicciones se alinean mejor con la "
        "serie retrasada {lag} paso(s), aunque están algo más cerca del valor correcto (error "
        "medio {cur}) que del anterior ({prev}).",
        "en": "Almost a copycat: on the test part its predictions line up best with the series "
        "delayed by {lag} step(s), though they are somewhat closer to the right value (mean "
        "error {cur}) than to the previous one ({prev}).",
    },
    "diag.copy.none": {"es": "Hay muy pocas predicciones de prueba para comprobar si copia.",
                       "en": "Too few test predictions to check whether it copies."},
    # ----- residual checks (rnnlab.forecasting.residuals) -----
    "diag.res.header": {"es": "¿Qué le queda por aprender? Los residuos",
                        "en": "What is left to learn? The residuals"},
    "diag.res.intro": {
        "es": "Residuo = valor real − predicción a un paso, en la parte de {split}. Si el modelo "
        "ha aprendido todo lo que el pasado enseña, sus residuos son ruido: sin media, sin "
        "autocorrelación. Se compara la red con la mejor referencia ({benchmark}).",
        "en": "Residual = true value − one-step prediction, on the {split} part. If the model "
        "learnt everything the past can teach, its residuals are noise: no mean, no "
        "autocorrelation. The network is compared with the best benchmark ({benchmark}).",
    },
    "diag.res.split": {"es": "Residuos de", "en": "Residuals of"},
    "diag.res.white": {
        "es": "**{name}**: sus residuos parecen ruido blanco (Ljung-Box con {lags} retardos: "
        "Q = {q}, p = {p}). No queda autocorrelación que un modelo pueda aprovechar; media "
        "{mean}, desviación típica {std}.",
        "en": "**{name}**: its residuals look like white noise (Ljung-Box over {lags} lags: "
        "Q = {q}, p = {p}). No autocorrelation is left for a model to use; mean {mean}, "
        "standard deviation {std}.",
    },
    "diag.res.left": {
        "es": "**{name}**: a sus residuos aún les queda estructura (Ljung-Box con {lags} "
        "retardos: Q = {q}, p = {p} < 0,05): el residuo de hoy se parece al de hace {lag} "
        "paso(s) (r = {r}). Queda algo por aprender; media {mean}, desviación típica {std}.",
        "en": "**{name}**: its residuals still hold structure (Ljung-Box over {lags} lags: "
        "Q = {q}, p = {p} < 0.05): today's residual resembles the one {lag} step(s) before "
        "(r = {r}). Something is left to learn; mean {mean}, standard deviation {std}.",
    },
    "diag.res.none": {"es": "Hay muy pocos residuos en esta parte para comprobarlos (hacen falta 8).",
                      "en": "Too few residuals in this part to check them (8 are needed)."},
    "diag.res.time_title": {"es": "Residuos en el tiempo", "en": "Residuals over time"},
    "diag.res.acf_title": {"es": "Autocorrelación de los residuos (ACF)",
                           "en": "Autocorrelation of the residuals (ACF)"},
    "diag.res.hist_title": {"es": "Histograma de los residuos", "en": "Histogram of the residuals"},
    "diag.res.time_axis": {"es": "Posición en la serie", "en": "Position in the series"},
    "diag.res.value_axis": {"es": "Residuo (real − predicción)", "en": "Residual (true − prediction)"},
    "diag.res.lag_axis": {"es": "Retardo k", "en": "Lag k"},
    "diag.res.acf_axis": {"es": "Autocorrelación r_k", "en": "Autocorrelation r_k"},
    "diag.res.count_axis": {"es": "Cuántos", "en": "Count"},
    "diag.res.bound": {"es": "±1,96/√n (ruido blanco)", "en": "±1.96/√n (white noise)"},
    "diag.res.network": {"es": "Red ({cell})", "en": "Network ({cell})"},
    "diag.res.run": {"es": "Ejecución", "en": "Run"},
    # ----- rolling origin picture -----
    "diag.origin.title": {"es": "El origen móvil de este backtest", "en": "The rolling origin of this backtest"},
    "diag.origin.fold": {"es": "Pliegue {k}", "en": "Fold {k}"},
    "diag.origin.train": {"es": "Entrena con", "en": "Trains on"},
    "diag.origin.horizon": {"es": "Pronostica (horizonte)", "en": "Forecasts (horizon)"},
    "diag.origin.axis": {"es": "Posición en la serie", "en": "Position in the series"},
    # ----- probabilistic scores (rnnlab.forecasting.scores) -----
    "diag.score.header": {"es": "Las bandas puntuadas como un pronosticador",
                          "en": "The bands scored the forecaster's way"},
    "diag.score.intro": {
        "es": "Cada error de backtest se juzga con la banda calibrada sin su pliegue. **Winkler** "
        "(puntuación de intervalo): el ancho de la banda más 2/α veces lo que el valor real se "
        "salió de ella; **pinball**: la pérdida de cuantil de sus dos extremos; **CRPS**: el de "
        "la distribución formada por los errores de los otros pliegues. Todas en las unidades de "
        "la serie: menos es mejor. Las referencias se puntúan igual, desde los mismos orígenes "
        "(ETS no: haría falta un ajuste por origen).",
        "en": "Each backtest error is judged by the band calibrated without its fold. **Winkler** "
        "(interval score): the band's width plus 2/α times how far the real value fell outside "
        "it; **pinball**: the quantile loss of its two ends; **CRPS**: that of the distribution "
        "made of the other folds' errors. All in the series' units: lower is better. The "
        "benchmarks are scored the same way, from the same origins (not ETS: it would need one "
        "fit per origin).",
    },
    "diag.score.col_cov80": {"es": "Cobertura 80 %", "en": "Coverage 80%"},
    "diag.score.col_cov95": {"es": "Cobertura 95 %", "en": "Coverage 95%"},
    "diag.score.col_w80": {"es": "Winkler 80 %", "en": "Winkler 80%"},
    "diag.score.col_w95": {"es": "Winkler 95 %", "en": "Winkler 95%"},
    "diag.score.col_pinball": {"es": "Pinball (media de cuantiles)", "en": "Pinball (mean of quantiles)"},
    "diag.score.col_crps": {"es": "CRPS", "en": "CRPS"},
    "diag.score.col_points": {"es": "Errores juzgados", "en": "Errors judged"},
    "diag.score.cov_title": {"es": "Cobertura por paso del horizonte", "en": "Coverage by horizon step"},
    "diag.score.cov_axis": {"es": "Dentro de la banda", "en": "Inside the band"},
    "diag.score.cov_note": {
        "es": "En la gráfica: la red y la referencia con mejor Winkler 80 %; las líneas de puntos "
        "marcan el 80 % y el 95 % nominales. Todas las coberturas están en la tabla de datos de "
        "arriba.",
        "en": "On the chart: the network and the benchmark with the best Winkler 80%; the dotted "
        "lines mark the nominal 80% and 95%. Every coverage is in the table above.",
    },
    "diag.score.cov_trace": {"es": "{method}, banda del {level}", "en": "{method}, {level} band"},
    "diag.score.best": {
        "es": "Mejor Winkler 80 %: **{name}** ({score}). Una cobertura cercana a la nominal con "
        "una banda estrecha es lo que se busca.",
        "en": "Best Winkler 80%: **{name}** ({score}). Coverage near the nominal level with a "
        "narrow band is what you want.",
    },
}
