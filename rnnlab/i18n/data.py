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
