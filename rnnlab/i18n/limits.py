"""Strings of the server's limits and of the harder inputs (issue 12): wide files, workbooks,
year x month tables, numbers with units, training time and memory budgets, closed sessions."""

STRINGS = {
    # ----- reading files --------------------------------------------------------------------------
    "data.err.too_many_columns": {
        "es": "El archivo tiene {n} columnas; el máximo es {limit}. Una serie temporal va en una "
        "columna (una fila por instante): guarda solo las columnas que necesitas, o trasponla en "
        "tu hoja de cálculo, y súbela de nuevo.",
        "en": "The file has {n} columns; the limit is {limit}. A time series goes in one column "
        "(one row per time step): keep only the columns you need, or transpose it in your "
        "spreadsheet, and upload it again.",
    },
    "data.err.huge_number": {
        "es": "Hay un número con cientos de cifras, demasiado grande para ser una medida. Revisa "
        "esa celda (¿un código o un identificador?) y quita esa columna o corrige el valor.",
        "en": "A number has hundreds of digits, too large to be a measurement. Check that cell "
        "(a code or an identifier?) and remove the column or fix the value.",
    },
    "data.err.open_quote": {
        "es": "Unas comillas se abren cerca de la fila {line} y no se cierran nunca. Cierra o "
        "quita esas comillas en tu hoja de cálculo y exporta de nuevo.",
        "en": "A quote opens near row {line} and never closes. Close or remove that quote in "
        "your spreadsheet and export again.",
    },
    "data.err.fields": {
        "es": "La fila {line} tiene {saw} campos cuando las de arriba tienen {expected}. Revisa esa "
        "fila (¿un separador de más?) y exporta de nuevo.",
        "en": "Row {line} has {saw} fields where the rows above have {expected}. Check that row "
        "(an extra separator?) and export again.",
    },
    "data.err.parser_line": {
        "es": "No se pudo leer la estructura del archivo cerca de la fila {line}. Revisa esa fila "
        "y exporta de nuevo como CSV.",
        "en": "The file's structure could not be read near row {line}. Check that row and export "
        "it again as a CSV.",
    },
    "data.err.parser": {
        "es": "No se pudo leer el archivo como tabla ({kind}). Comprueba que es texto con columnas "
        "separadas por comas, punto y coma o tabuladores, o un libro de Excel (.xlsx).",
        "en": "The file could not be read as a table ({kind}). Check that it is text with columns "
        "separated by commas, semicolons or tabs, or an Excel workbook (.xlsx).",
    },
    "data.err.layout": {
        "es": "No conozco la forma «{layout}»; las que hay: {layouts}.",
        "en": "Unknown layout “{layout}”; the ones there are: {layouts}.",
    },
    "data.err.not_months": {
        "es": "Esta tabla no tiene una columna de año y doce columnas de meses. Elige «una columna».",
        "en": "This table has no year column with twelve month columns. Choose “one column”.",
    },
    "data.err.xlsx_unreadable": {
        "es": "Este archivo comprimido no es un libro de Excel que se pueda leer. Guárdalo como "
        ".xlsx o como CSV desde tu hoja de cálculo y súbelo de nuevo.",
        "en": "This zipped file is not an Excel workbook that can be read. Save it as .xlsx or "
        "as a CSV from your spreadsheet and upload it again.",
    },
    "data.err.no_sheet": {
        "es": "No hay ninguna hoja «{sheet}». Hojas del libro: {sheets}.",
        "en": "There is no sheet “{sheet}”. Sheets in the workbook: {sheets}.",
    },
    "data.err.xlsx_slow": {
        "es": "La hoja es demasiado grande para leerla celda a celda aquí (se leyeron {rows} filas "
        "a tiempo). Guárdala como CSV, que se lee mucho más rápido, y súbela de nuevo.",
        "en": "The sheet is too large to read cell by cell here ({rows} rows were read in time). "
        "Save it as a CSV, which reads much faster, and upload it again.",
    },
    "data.note.row_series": {
        "es": "Los {n} valores estaban en una sola fila: se leyeron de izquierda a derecha como la serie.",
        "en": "The {n} values were in one row: they were read left to right as the series.",
    },
    "data.note.months": {
        "es": "Tabla de años por meses (columna «{year}», de «{first}» a «{last}»): se lee fila a "
        "fila como una serie mensual. Puedes elegir «una columna» para usar solo un mes.",
        "en": "A table of years by months (column “{year}”, “{first}” to “{last}”): it is read "
        "row by row as one monthly series. Choose “one column” to use a single month.",
    },
    "data.note.units": {
        "es": "La columna «{column}» tiene números con unidades o símbolos (%, €, $): se leen como números.",
        "en": "Column “{column}” holds numbers with units or signs (%, €, $): they are read as numbers.",
    },
    "data.months.name": {"es": "serie mensual", "en": "monthly series"},
    "data.layout": {"es": "Forma de la tabla", "en": "Table layout"},
    "data.layout.column": {"es": "Una columna", "en": "One column"},
    "data.layout.months": {"es": "Años × meses → serie mensual", "en": "Years × months → monthly series"},
    "data.layout.help": {
        "es": "Una tabla con un año por fila y una columna por mes se puede leer como una sola "
        "serie mensual (enero a diciembre de cada año, año tras año).",
        "en": "A table with one year per row and one column per month can be read as one "
        "monthly series (January to December of each year, year after year).",
    },
    "data.sheet": {"es": "Hoja", "en": "Sheet"},
    "data.sheet.help": {
        "es": "El libro tiene varias hojas: se lee la primera, o la que elijas.",
        "en": "The workbook has several sheets: the first one is read, or the one you pick.",
    },
}

STRINGS.update({
    # ----- training: time, size, blow-ups ---------------------------------------------------------
    "training.problem.too_slow": {
        "es": "Este entrenamiento tardaría unos {estimate} (estimación), más que los {limit} que "
        "admite este servidor compartido. Hazlo más ligero: menos épocas (caben unas {epochs}), "
        "un lote más grande, menos unidades o capas, una ventana más corta o menos valores "
        "(el paso en la página Datos).",
        "en": "This training would take about {estimate} (estimated), more than the {limit} this "
        "shared server allows. Make it lighter: fewer epochs (about {epochs} fit), a larger "
        "batch, fewer units or layers, a shorter lookback or fewer values (the step on the "
        "Data page).",
    },
    "compare.problem.too_slow": {
        "es": "Entrenar las tres celdas tardaría unos {estimate} (estimación), más que los {limit} "
        "que admite este servidor. Baja las épocas (caben unas {epochs}), las unidades, o sube el lote.",
        "en": "Training the three cells would take about {estimate} (estimated), more than the "
        "{limit} this server allows. Lower the epochs (about {epochs} fit) or the units, or "
        "raise the batch.",
    },
    "training.problem.too_many_values": {
        "es": "El tramo usado tiene {n} valores; un entrenamiento usa como mucho {limit} en este "
        "servidor compartido. En la página Datos, pon el paso en {step} o más, o elige un tramo más corto.",
        "en": "The part used has {n} values; a training uses at most {limit} on this shared "
        "server. On the Data page, set the step to {step} or more, or pick a shorter part.",
    },
    "training.diverged_inf": {
        "es": "El entrenamiento divergió: la pérdida siguió siendo finita, pero algunas predicciones "
        "se fueron al infinito. Las métricas de esas partes no existen. Prueba una tasa de "
        "aprendizaje más baja, la activación tanh en lugar de relu o el recorte del gradiente (clipnorm = 1).",
        "en": "Training diverged: the loss stayed finite, but some predictions went to infinity. "
        "Those parts have no metrics. Try a lower learning rate, tanh instead of relu or "
        "gradient clipping (clipnorm = 1).",
    },
    "training.worker_lost": {
        "es": "El proceso que entrena en el servidor se detuvo de repente (quizá se quedó sin "
        "memoria) y este entrenamiento se perdió. Tus datos y tus otros entrenamientos siguen "
        "aquí: pulsa Entrenar otra vez.",
        "en": "The server's training process stopped suddenly (perhaps it ran out of memory) and "
        "this training was lost. Your data and your other runs are still here: press Train again.",
    },
    "train.estimate": {
        "es": "Tiempo estimado: unos {time} (máximo {limit})",
        "en": "Estimated time: about {time} (limit {limit})",
    },
    "train.estimate_nolimit": {"es": "Tiempo estimado: unos {time}", "en": "Estimated time: about {time}"},
    "train.forecast_blowup": {
        "es": "El pronóstico recursivo explotó (se fue al infinito) tras {steps} pasos: el resto no "
        "se dibuja. Es la misma divergencia que en el entrenamiento: prueba tanh o una tasa de aprendizaje menor.",
        "en": "The recursive forecast blew up (went to infinity) after {steps} steps: the rest is "
        "not drawn. It is the same divergence as in training: try tanh or a lower learning rate.",
    },
})

STRINGS.update({
    "training.verdict.exact": {
        "es": "En {split} la referencia «{baseline}» acierta todos los valores (no cambian: la serie "
        "es constante ahí), así que no hay nada que mejorar ni porcentaje que calcular. Elige una "
        "serie o un tramo que varíe.",
        "en": "On {split} the “{baseline}” baseline gets every value right (they do not change: the "
        "series is constant there), so there is nothing to improve and no percentage to compute. "
        "Pick a series or a part that varies.",
    },
})

STRINGS.update({
    # ----- the session's memory budget ------------------------------------------------------------
    "memory.usage": {
        "es": "Memoria de esta sesión: {total} de {budget} (datos {data}, ejecuciones {runs})",
        "en": "This session's memory: {total} of {budget} (data {data}, runs {runs})",
    },
    "memory.usage_nolimit": {
        "es": "Memoria de esta sesión: {total} (datos {data}, ejecuciones {runs})",
        "en": "This session's memory: {total} (data {data}, runs {runs})",
    },
    "memory.over": {
        "es": "Esta sesión ocupa {total}, más que los {budget} previstos por estudiante en este "
        "servidor compartido. Borra ejecuciones que ya no necesites (marca «Borrar» en la tabla) "
        "o usa una serie más corta. No se borra nada sin que lo pidas.",
        "en": "This session holds {total}, more than the {budget} planned per student on this "
        "shared server. Delete runs you no longer need (tick “Delete” in the table) or use a "
        "shorter series. Nothing is deleted unless you ask.",
    },
    "memory.ask": {
        "es": "Esta sesión ya ocupa {total} de memoria (el presupuesto por estudiante es {budget}). "
        "Antes de entrenar más, borra ejecuciones en la página Comparar, o confirma que quieres "
        "seguir.",
        "en": "This session already holds {total} of memory (the budget per student is {budget}). "
        "Before training more, delete runs on the Compare page, or confirm you want to go on.",
    },
    "memory.confirm": {"es": "Entrenar de todos modos", "en": "Train anyway"},
})
