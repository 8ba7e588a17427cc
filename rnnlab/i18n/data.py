"""Strings of the data layer (errors and cleaning notes) and of the Data page."""

STRINGS = {
    # ----- DataError messages: what is wrong, then what to do --------------------------------
    "data.err.empty": {
        "es": "El archivo está vacío. Sube un CSV con una columna de números (una fila por instante).",
        "en": "The file is empty. Upload a CSV with a column of numbers (one row per time step).",
    },
    "data.err.header_only": {
        "es": "El archivo solo tiene la fila de encabezados, sin datos. Exporta también las filas con los valores.",
        "en": "The file has only the header row and no data. Export the rows with the values too.",
    },
    "data.err.no_numeric": {
        "es": "No hay ninguna columna numérica (columnas: {columns}). Sube un CSV con al menos una columna de números.",
        "en": "There is no numeric column (columns: {columns}). Upload a CSV with at least one column of numbers.",
    },
    "data.err.only_time_columns": {
        "es": "Las únicas columnas numéricas ({columns}) parecen años o contadores de filas, no una medida. "
        "Añade la columna con los valores que quieres predecir.",
        "en": "The only numeric columns ({columns}) look like years or row counters, not a measurement. "
        "Add the column with the values you want to predict.",
    },
    "data.err.binary": {
        "es": "Esto no parece un archivo de texto CSV (¿una hoja de Excel o una imagen?). "
        "Guárdalo como «CSV» desde tu hoja de cálculo y súbelo de nuevo.",
        "en": "This does not look like a CSV text file (an Excel workbook or an image?). "
        "Save it as “CSV” from your spreadsheet and upload it again.",
    },
    "data.err.too_short": {
        "es": "Solo hay {n} valores utilizables; hacen falta al menos {minimum} para entrenar, validar y probar. "
        "Sube una serie más larga.",
        "en": "Only {n} usable values; at least {minimum} are needed to train, validate and test. "
        "Upload a longer series.",
    },
    "data.err.too_many_rows": {
        "es": "El archivo tiene más de {limit} filas, el máximo. Quédate con un tramo o promedia "
        "(por ejemplo, por horas o días) y súbelo de nuevo.",
        "en": "The file has more than {limit} rows, the limit. Keep a stretch of it or average it "
        "(by hour or by day, say) and upload it again.",
    },
    "data.err.too_big": {
        "es": "El archivo es demasiado grande para la memoria disponible. Sube un tramo más corto.",
        "en": "The file is too large for the memory available. Upload a shorter stretch of it.",
    },
    "data.err.unreadable": {
        "es": "No se pudo leer el archivo como CSV ({detail}). Comprueba que es texto con columnas "
        "separadas por comas, punto y coma o tabuladores.",
        "en": "The file could not be read as a CSV ({detail}). Check that it is text with columns "
        "separated by commas, semicolons or tabs.",
    },
    "data.err.not_found": {
        "es": "No existe el archivo {path}. Comprueba la ruta.",
        "en": "There is no file {path}. Check the path.",
    },
    "data.err.source_type": {
        "es": "No sé leer un {kind}: pasa una ruta, unos bytes o un archivo abierto en modo binario.",
        "en": "Cannot read a {kind}: pass a path, bytes or a file opened in binary mode.",
    },
    "data.err.no_column": {
        "es": "No hay ninguna columna «{column}». Columnas del archivo: {columns}.",
        "en": "There is no column “{column}”. Columns in the file: {columns}.",
    },
    "data.err.column_not_numeric": {
        "es": "La columna «{column}» no contiene números. Elige una de estas: {columns}.",
        "en": "Column “{column}” does not hold numbers. Pick one of these: {columns}.",
    },
    # ----- cleaning notes -----------------------------------------------------------------------
    "data.note.column_chosen": {
        "es": "Se usa la columna «{column}» ({count} columnas numéricas; las otras: {others}). "
        "Puedes elegir otra en la lista de columnas.",
        "en": "Using column “{column}” ({count} numeric columns; the others: {others}). "
        "You can pick another in the column list.",
    },
    "data.note.time_column": {
        "es": "La columna «{column}» se usa como eje de tiempo.",
        "en": "Column “{column}” is used as the time axis.",
    },
    "data.note.trimmed": {
        "es": "Se quitaron {start} valores vacíos o no numéricos al principio y {end} al final.",
        "en": "Removed {start} empty or non-numeric values at the start and {end} at the end.",
    },
    "data.note.filled": {
        "es": "Se rellenaron {n} huecos (vacíos, texto o infinitos) interpolando entre sus vecinos.",
        "en": "Filled {n} gaps (empty, text or infinite) by interpolating between their neighbours.",
    },
    "data.note.constant": {
        "es": "La serie es constante (siempre {value}): no hay nada que aprender, pero se acepta.",
        "en": "The series is constant (always {value}): there is nothing to learn, but it is accepted.",
    },
    "data.note.bad_times": {
        "es": "{n} fechas no se pudieron leer, así que el eje de tiempo es el número de fila.",
        "en": "{n} dates could not be read, so the time axis is the row number.",
    },
    "data.note.sorted": {
        "es": "Las filas no estaban en orden de tiempo: se ordenaron por fecha.",
        "en": "The rows were not in time order: they were sorted by date.",
    },
}

STRINGS.update({
    # ----- built-in series ----------------------------------------------------------------------
    "data.builtin.sunspots": {"es": "Manchas solares (anual)", "en": "Sunspots (yearly)"},
    "data.builtin.sunspots.desc": {
        "es": "Número medio de manchas solares por año, 1700–2008: un ciclo de unos 11 años de altura variable.",
        "en": "Mean number of sunspots per year, 1700–2008: a cycle of about 11 years with varying height.",
    },
    "data.builtin.co2": {"es": "CO₂ en Mauna Loa (semanal)", "en": "CO₂ at Mauna Loa (weekly)"},
    "data.builtin.co2.desc": {
        "es": "CO₂ atmosférico en ppm, 1958–2001: tendencia creciente más un ciclo anual, con huecos reales.",
        "en": "Atmospheric CO₂ in ppm, 1958–2001: a rising trend plus a yearly cycle, with real gaps.",
    },
    "data.builtin.nile": {"es": "Caudal del Nilo (anual)", "en": "Nile flow (yearly)"},
    "data.builtin.nile.desc": {
        "es": "Caudal anual del Nilo en Asuán, 1871–1970 (10⁸ m³): solo 100 valores y un salto hacia 1898.",
        "en": "Yearly flow of the Nile at Aswan, 1871–1970 (10⁸ m³): only 100 values and a drop around 1898.",
    },
    "data.builtin.elnino": {"es": "El Niño: temperatura del mar (mensual)", "en": "El Niño: sea temperature (monthly)"},
    "data.builtin.elnino.desc": {
        "es": "Temperatura media de la superficie del mar en la región Niño 1+2 (°C), 1950–2010: estaciones y años de El Niño.",
        "en": "Mean sea surface temperature in the Niño 1+2 region (°C), 1950–2010: seasons and El Niño years.",
    },
})

STRINGS.update({
    # ----- charts -------------------------------------------------------------------------------
    "data.chart.title": {"es": "La serie y su división", "en": "The series and its split"},
    "data.chart.series": {"es": "Serie", "en": "Series"},
    "data.chart.x": {"es": "Tiempo", "en": "Time"},
    "data.chart.y": {"es": "Valor", "en": "Value"},
    "data.chart.inputs": {"es": "Ventana de entrada ({n} valores)", "en": "Input window ({n} values)"},
    "data.chart.target": {"es": "Objetivo", "en": "Target"},
    "data.chart.downsampled": {
        "es": "Reducida para dibujarla: {shown} de {total} puntos (mínimo y máximo de cada tramo, se conservan los picos)",
        "en": "Downsampled for display: {shown} of {total} points (min and max of each bucket, peaks kept)",
    },
    "data.chart.range_title": {"es": "Serie completa y tramo usado", "en": "Whole series and the part used"},
    "data.chart.range": {"es": "Tramo usado: {n} valores (1 de cada {step})", "en": "Part used: {n} values (1 in {step})"},
    "data.split.train.n": {"es": "Entrenamiento · {n}", "en": "Training · {n}"},
    "data.split.val.n": {"es": "Validación · {n}", "en": "Validation · {n}"},
    "data.split.test.n": {"es": "Prueba · {n}", "en": "Test · {n}"},
    "data.split.train": {"es": "Entrenamiento", "en": "Training"},
    "data.split.val": {"es": "Validación", "en": "Validation"},
    "data.split.test": {"es": "Prueba", "en": "Test"},
    # ----- the page -----------------------------------------------------------------------------
    "data.title": {"es": "Datos: la serie temporal", "en": "Data: the time series"},
    "data.intro": {
        "es": "Elige la serie que verán las demás páginas, decide qué parte es entrenamiento, validación y "
        "prueba, y mira cómo la ventana (lookback) la corta en ejemplos de entrada y objetivo.",
        "en": "Choose the series every other page uses, decide which part is training, validation and "
        "test, and see how the window (lookback) cuts it into input and target examples.",
    },
    "data.kind": {"es": "Origen de la serie", "en": "Where the series comes from"},
    "data.kind.notebook": {"es": "La serie del cuaderno", "en": "The notebook's series"},
    "data.kind.generate": {"es": "Generar un seno con ruido", "en": "Generate a noisy sine"},
    "data.notebook.name": {"es": "Serie del cuaderno", "en": "The notebook's series"},
    "data.notebook.about": {"es": "¿De dónde sale esta serie?", "en": "Where does this series come from?"},
    "data.notebook.help": {
        "es": "Exactamente la serie que calcula el cuaderno ejecutado de principio a fin: "
        "sin(t) + 0,1·ruido con 100 puntos y t de 0 a 4π. El cuaderno fija la semilla 42, pero la "
        "RNN de la sección 1 saca antes 120 números del mismo generador al crear sus pesos; por eso "
        "el ruido de la sección 2 no es el primero de la semilla 42.",
        "en": "Exactly the series the notebook computes when run from top to bottom: "
        "sin(t) + 0.1·noise with 100 points and t from 0 to 4π. The notebook sets seed 42, but "
        "section 1's RNN first draws 120 numbers from the same generator for its weights, so "
        "section 2's noise is not the first noise of seed 42.",
    },
    "data.kind.builtin": {"es": "Serie real incluida", "en": "Built-in real series"},
    "data.kind.upload": {"es": "Subir un CSV o un Excel", "en": "Upload a CSV or Excel file"},
    "data.gen.n": {"es": "Puntos", "en": "Points"},
    "data.gen.periods": {"es": "Periodos", "en": "Periods"},
    "data.gen.noise": {"es": "Ruido", "en": "Noise"},
    "data.gen.seed": {"es": "Semilla", "en": "Seed"},
    "data.gen.help": {
        "es": "sin(t) + ruido·N(0, 1). Con 100 puntos, 2 periodos, ruido 0,1 y semilla 42 es la celda "
        "de la sección 2 del cuaderno ejecutada sola, justo después de fijar la semilla; no es la "
        "serie del cuaderno ejecutado entero (para esa, elige «La serie del cuaderno»).",
        "en": "sin(t) + noise·N(0, 1). With 100 points, 2 periods, noise 0.1 and seed 42 it is the "
        "notebook's section-2 cell run on its own, right after setting the seed; not the series of "
        "the whole notebook run from the top (for that one, choose “The notebook's series”).",
    },
    "data.gen.name": {"es": "Seno con ruido ({n} puntos)", "en": "Noisy sine ({n} points)"},
    "data.builtin.pick": {"es": "Serie", "en": "Series"},
    "data.builtin.source": {"es": "Fuente: {source}. Licencia: {licence}.", "en": "Source: {source}. Licence: {licence}."},
    "data.builtin.public_domain": {"es": "dominio público", "en": "public domain"},
    "data.upload.label": {"es": "Archivo CSV o Excel (.xlsx)", "en": "CSV or Excel (.xlsx) file"},
    "data.upload.help": {
        "es": "Una fila por instante y al menos una columna de números. Sirven comas, punto y coma o "
        "tabuladores, decimales con coma, UTF-8, UTF-16 o Latin-1, y una columna de fechas opcional.",
        "en": "One row per time step and at least one column of numbers. Commas, semicolons or tabs, "
        "decimal commas, UTF-8, UTF-16 or Latin-1, and an optional date column all work.",
    },
    "data.upload.current": {"es": "Serie actual: {name}.", "en": "Current series: {name}."},
    "data.upload.kept": {
        "es": "Se mantiene la serie anterior ({name}).",
        "en": "The previous series ({name}) is kept.",
    },
    "data.column": {"es": "Columna", "en": "Column"},
    "data.column.help": {
        "es": "El archivo tiene varias columnas numéricas: elige cuál predecir.",
        "en": "The file has several numeric columns: choose which one to predict.",
    },
    "data.notes": {"es": "Qué se limpió o se supuso", "en": "What was cleaned or guessed"},
    "data.stat.length": {"es": "Longitud", "en": "Length"},
    "data.stat.min": {"es": "Mínimo", "en": "Minimum"},
    "data.stat.max": {"es": "Máximo", "en": "Maximum"},
    "data.stat.mean": {"es": "Media", "en": "Mean"},
    "data.range.title": {"es": "Tramo que se usa para entrenar", "en": "Part used for training"},
    "data.range.rows": {"es": "Filas", "en": "Rows"},
    "data.range.rows_help": {
        "es": "Las filas se cuentan desde 0 y el final no se incluye: 0–100 son las filas 0 a 99.",
        "en": "Rows count from 0 and the end is not included: 0–100 are rows 0 to 99.",
    },
    "data.range.step": {"es": "Tomar 1 de cada", "en": "Take 1 in every"},
    "data.range.step_help": {
        "es": "Con series largas, saltar valores acorta el entrenamiento. Por defecto se usan como mucho {limit} valores.",
        "en": "With long series, skipping values keeps training short. By default at most {limit} values are used.",
    },
    "data.range.used": {
        "es": "Las páginas de entrenamiento usan {n} de {total} valores (de la fila {start} a la {last}, 1 de cada {step}).",
        "en": "The training pages use {n} of {total} values (rows {start} to {last}, 1 in every {step}).",
    },
    "data.range.too_short": {
        "es": "Ese tramo deja solo {n} valores; hacen falta al menos {minimum}. Amplía las filas o toma valores más seguidos.",
        "en": "That part leaves only {n} values; at least {minimum} are needed. Widen the rows or take values more often.",
    },
    "data.split.title": {"es": "División y ventanas", "en": "Split and windows"},
    "data.split.lookback": {"es": "Ventana (lookback)", "en": "Window (lookback)"},
    "data.split.lookback_help": {
        "es": "Cuántos valores seguidos lee la red para predecir el siguiente.",
        "en": "How many consecutive values the network reads to predict the next one.",
    },
    "data.split.val_fraction": {"es": "Fracción de validación", "en": "Validation fraction"},
    "data.split.test_fraction": {"es": "Fracción de prueba", "en": "Test fraction"},
    "data.split.scaler": {"es": "Escalado", "en": "Scaling"},
    "data.scaler.minmax": {"es": "Mín-máx a [0, 1]", "en": "Min-max to [0, 1]"},
    "data.scaler.standard": {"es": "Tipificar (media 0 y desviación típica 1)", "en": "Standardise (mean 0, standard deviation 1)"},
    "data.split.problem": {
        "es": "Con estos ajustes la parte de entrenamiento tiene {train} valores y la ventana {lookback}: "
        "no queda ningún ejemplo de entrenamiento. Reduce la ventana o las fracciones de validación y prueba.",
        "en": "With these settings the training part has {train} values and the window is {lookback}: "
        "no training example is left. Shorten the window or lower the validation and test fractions.",
    },
    "data.split.no_val": {
        "es": "La validación o la prueba no tiene ningún ejemplo. Sube su fracción o usa una serie más larga.",
        "en": "Validation or test has no example. Raise its fraction or use a longer series.",
    },
    "data.window.title": {"es": "Explorador de ventanas", "en": "Window explorer"},
    "data.window.slider": {"es": "Ventana número", "en": "Window number"},
    "data.window.slider_help": {
        "es": "Cada ventana es un ejemplo: la red lee los valores resaltados y debe predecir la estrella.",
        "en": "Each window is one example: the network reads the highlighted values and must predict the star.",
    },
    "data.window.describe": {
        "es": "Ventana {i} de {total}: la red lee los {lookback} valores que van de {first} a {last} y tiene "
        "que predecir el de {target}. Cuenta como ejemplo de **{split}** porque ese valor objetivo está en esa parte.",
        "en": "Window {i} of {total}: the network reads the {lookback} values from {first} to {last} and has "
        "to predict the one at {target}. It counts as a **{split}** example because that target lies in that part.",
    },
    "data.window.counts": {"es": "Ejemplos (ventanas) por parte", "en": "Examples (windows) per part"},
    "data.window.counts_help": {
        "es": "Una serie de {n} valores con ventana {lookback} da {total} ventanas: las primeras {lookback} posiciones "
        "nunca son objetivo. Una ventana pertenece a la parte donde cae su objetivo, aunque sus entradas empiecen antes.",
        "en": "A series of {n} values with window {lookback} gives {total} windows: the first {lookback} positions are "
        "never a target. A window belongs to the part where its target falls, even if its inputs start earlier.",
    },
    "data.leak.title": {
        "es": "¿Por qué el escalado se ajusta solo con el entrenamiento?",
        "en": "Why is the scaler fitted on the training part only?",
    },
    "data.leak.intro": {
        "es": "Escalar antes de dividir calcula el escalado con toda la serie, validación y prueba "
        "incluidas: el modelo recibe, escondida en los números, información del futuro que en la "
        "vida real no tendría. El cuaderno no hace exactamente eso (ajusta un escalador por ventana "
        "y luego falla, lo verás abajo), pero escalar antes de dividir es lo que su celda pretendía, "
        "y es lo que filtra. Aquí el escalador se ajusta solo con la parte de entrenamiento. La "
        "diferencia, con esta serie:",
        "en": "Scaling before splitting computes the scaling from the whole series, validation and "
        "test included: the model gets, hidden in the numbers, information about the future that "
        "it would not have in real life. The notebook does not do exactly that (it fits one scaler "
        "per window and then fails, as shown below), but scaling before splitting is what its cell "
        "meant, and it is what leaks. Here the scaler is fitted on the training part only. The "
        "difference, on this series:",
    },
    "data.leak.fit": {"es": "Ajustado con", "en": "Fitted on"},
    "data.leak.whole": {"es": "Toda la serie, antes de dividir (filtra)", "en": "The whole series, before splitting (leaks)"},
    "data.leak.train": {"es": "Solo entrenamiento (rnnlab)", "en": "Training part only (rnnlab)"},
    "data.leak.a.minmax": {"es": "mínimo", "en": "minimum"},
    "data.leak.b.minmax": {"es": "máximo", "en": "maximum"},
    "data.leak.a.standard": {"es": "media", "en": "mean"},
    "data.leak.b.standard": {"es": "desviación típica", "en": "standard deviation"},
    "data.leak.later": {
        "es": "validación + prueba escaladas a",
        "en": "validation + test scaled to",
    },
    "data.leak.outside": {
        "es": "{outside} de los {later} valores de validación y prueba quedan fuera del rango del entrenamiento "
        "[{lo}, {hi}]. Con el escalado honesto salen de [0, 1], como pasaría con datos nuevos de verdad; "
        "con el de toda la serie caben justo en [0, 1] porque el escalado ya «conocía» el futuro.",
        "en": "{outside} of the {later} validation and test values lie outside the training range "
        "[{lo}, {hi}]. With the honest scaler they leave [0, 1], as truly new data would; "
        "with the whole-series one they fit neatly in [0, 1] because the scaler already “knew” the future.",
    },
    "data.leak.outside.one": {
        "es": "1 de los {later} valores de validación y prueba queda fuera del rango del entrenamiento "
        "[{lo}, {hi}]. Con el escalado honesto sale de [0, 1], como pasaría con datos nuevos de verdad; "
        "con el de toda la serie cabe justo en [0, 1] porque el escalado ya «conocía» el futuro.",
        "en": "1 of the {later} validation and test values lies outside the training range "
        "[{lo}, {hi}]. With the honest scaler it leaves [0, 1], as truly new data would; "
        "with the whole-series one it fits neatly in [0, 1] because the scaler already “knew” the future.",
    },
    "data.leak.inside": {
        "es": "Aquí ninguno de los {later} valores de validación y prueba sale del rango del "
        "entrenamiento, así que los dos escaladores son idénticos y la fuga es nula en esta serie. "
        "La regla sigue importando: no se puede saber de antemano si el futuro saldrá del rango (con "
        "una tendencia o un pico nuevo saldría), y solo ajustando con el entrenamiento la evaluación "
        "es honesta siempre.",
        "en": "Here none of the {later} validation and test values leaves the training range, so the "
        "two scalers are identical and the leak is zero on this series. The rule still matters: you "
        "cannot know beforehand whether the future will leave the range (a trend or a new peak "
        "would), and only fitting on the training part keeps the evaluation honest every time.",
    },
    "data.leak.standard_note": {
        "es": "Con estandarización la fuga está en la media y la desviación: calculadas con toda la serie, "
        "incluyen la tendencia y los picos del periodo de prueba.",
        "en": "With standardisation the leak is in the mean and the standard deviation: computed on the whole "
        "series, they include the trend and the peaks of the test period.",
    },
})

# The notebook's own scaling cell, run on the current series (Data page, scaling panel).
STRINGS.update({
    "data.nbcell.title": {
        "es": "La celda de escalado del cuaderno, ejecutada aquí",
        "en": "The notebook's scaling cell, run here",
    },
    "data.nbcell.crash": {
        "es": "Con esta serie y esta ventana falla, como en el cuaderno. `X.T` tiene una columna "
        "por ventana ({columns}), así que el escalador aprende un mínimo y un máximo por ventana "
        "(cada ventana escalada consigo misma); después recibe `y`, con una sola columna, y "
        "scikit-learn lo rechaza:",
        "en": "With this series and this window it fails, as in the notebook. `X.T` has one "
        "column per window ({columns}), so the scaler learns a minimum and a maximum per window "
        "(each window scaled by itself); then it is given `y`, a single column, and "
        "scikit-learn refuses:",
    },
    "data.nbcell.fix": {
        "es": "rnnlab hace otra cosa: primero divide la serie en orden temporal, después ajusta "
        "un único escalador con la parte de entrenamiento y con él transforma entradas, objetivos "
        "y predicciones (y deshace la escala para dar los errores en las unidades de la serie).",
        "en": "rnnlab does it differently: it first splits the series in time order, then fits "
        "one scaler on the training part and uses it for inputs, targets and predictions (and "
        "undoes the scaling to report errors in the series' own units).",
    },
})
