"""The lesson player and the scene editor (ui/classroom/lesson_player.py, ui/classroom/lesson_editor.py)."""

STRINGS = {
    # ----- the player -----
    "player.count": {"es": "Escena {n} de {total}", "en": "Scene {n} of {total}"},
    "player.label": {"es": "Lección: {title}", "en": "Lesson: {title}"},
    "player.value_label": {
        "es": "{value}: señálalo en la página",
        "en": "{value}: show it on the page",
    },
    "player.next": {"es": "Siguiente", "en": "Next"},
    "player.back": {"es": "Anterior", "en": "Back"},
    # the scene's text, shortened to its first lines until the reader opens it (lesson_player.js)
    "player.more": {"es": "Mostrar todo", "en": "Show all"},
    "player.less": {"es": "Mostrar menos", "en": "Show less"},
    "player.close": {"es": "Salir", "en": "Leave"},
    "player.close_help": {
        "es": "Salir de la lección: la app se queda como está ahora.",
        "en": "Leave the lesson: the app stays as it is now.",
    },
    "player.again": {"es": "Volver a la escena", "en": "Back to the scene"},
    "player.take": {"es": "Haz la lección guiada", "en": "Take the guided lesson"},
    "player.take_help": {
        "es": "Unos diez minutos, paso a paso por la historia del cuaderno: la app va cambiando de "
        "página y de ajustes por ti, y el texto señala los números que importan.",
        "en": "About ten minutes, step by step through the notebook's story: the app changes page "
        "and settings for you, and the text points at the numbers that matter.",
    },
    "player.not_found": {
        "es": "No hay ninguna lección con el código {code} (o ya ha caducado). Comprueba el enlace.",
        "en": "There is no lesson with the code {code} (or it has expired). Check the link.",
    },
    "player.bad_lesson": {
        "es": "Esta lección no se puede abrir: {reason}",
        "en": "This lesson cannot be opened: {reason}",
    },
    "player.store_down": {
        "es": "No se ha podido leer la lección: el almacén de sesiones no responde. Inténtalo de "
        "nuevo dentro de un momento.",
        "en": "The lesson could not be read: the session store is not answering. Try again in a "
        "moment.",
    },
    "player.run.needed": {
        "es": "Esta escena habla de un entrenamiento tuyo. Se entrena con los ajustes de esta "
        "página; cuando termine, los números del texto serán los tuyos.",
        "en": "This scene talks about a training of yours. It is trained with this page's "
        "settings; when it finishes, the numbers in the text are yours.",
    },
    "player.run.start": {"es": "Entrenar ahora", "en": "Train now"},
    "player.run.running": {
        "es": "Entrenando… Los números del texto se completarán al terminar.",
        "en": "Training… The numbers in the text fill in when it finishes.",
    },
    "player.run.memory": {
        "es": "Tu sesión ya guarda muchas ejecuciones: borra alguna en Comparar antes de entrenar otra.",
        "en": "Your session already keeps many runs: delete some on Compare before training another.",
    },
    "player.q.title": {"es": "Pregunta:", "en": "Question:"},
    "player.q.answer": {"es": "Tu respuesta", "en": "Your answer"},
    "player.q.placeholder": {"es": "p. ej. 0,35", "en": "e.g. 0.35"},
    "player.q.bad_number": {
        "es": "Escribe un número, por ejemplo 0,35 o -1,2.",
        "en": "Type a number, for example 0.35 or -1.2.",
    },
    "player.q.check": {"es": "Comprobar", "en": "Check"},
    "player.q.value_right": {
        "es": "¡Bien visto! La red calcula {truth}; tú dijiste {answer}.",
        "en": "Well spotted! The network computes {truth}; you said {answer}.",
    },
    "player.q.value_wrong": {
        "es": "La red calcula {truth}; tú dijiste {answer}. Avanza un paso en el escenario y mira "
        "por qué.",
        "en": "The network computes {truth}; you said {answer}. Step forward on the stage and see "
        "why.",
    },
    "player.q.choice_right": {
        "es": "Correcto: {truth}, según tus propias ejecuciones ({source}).",
        "en": "Right: {truth}, by your own runs ({source}).",
    },
    "player.q.choice_wrong": {
        "es": "Tus propias ejecuciones ({source}) dicen otra cosa: {truth}.",
        "en": "Your own runs ({source}) say otherwise: {truth}.",
    },
    "player.q.no_truth_value": {
        "es": "Para comprobarlo hace falta el escenario de Estados ocultos con esta red: vuelve a "
        "la escena.",
        "en": "Checking it needs the Hidden states stage with this network: go back to the scene.",
    },
    "player.q.no_runs": {
        "es": "Para comprobarlo hacen falta ejecuciones terminadas (de al menos dos celdas para "
        "elegir la mejor): entrena primero.",
        "en": "Checking it needs finished runs (of at least two cells to pick the best): train "
        "first.",
    },
    # ----- the editor -----
    "editor.write": {"es": "Escribir una lección", "en": "Write a lesson"},
    "editor.write_help": {
        "es": "Abre el editor encima de cada página: añade la pantalla que ves como escena, escribe "
        "su texto y ordénalas. Luego guárdala con un código o descárgala.",
        "en": "Opens the editor above every page: add the screen you see as a scene, write its "
        "text and put the scenes in order. Then save it under a code or download it.",
    },
    "editor.header": {"es": "Editor de lecciones ({n} escenas)", "en": "Lesson editor ({n} scenes)"},
    "editor.header.one": {"es": "Editor de lecciones (1 escena)", "en": "Lesson editor (1 scene)"},
    "editor.add": {"es": "Añadir esta pantalla", "en": "Add this screen"},
    "editor.add_help": {
        "es": "Guarda como escena lo que se ve ahora: la página, la serie y su división, los "
        "ajustes, el paso del escenario y los controles ocultos.",
        "en": "Keeps what you see now as a scene: the page, the series and its split, the "
        "settings, the stage's step and the hidden controls.",
    },
    "editor.preview": {"es": "Vista previa", "en": "Preview"},
    "editor.save": {"es": "Guardar con un código", "en": "Save under a code"},
    "editor.export": {"es": "Descargar JSON", "en": "Download JSON"},
    "editor.saved": {
        "es": "Guardada con el código **{code}**. Quien abra este enlace la recorrerá a su ritmo:",
        "en": "Saved under the code **{code}**. Whoever opens this link goes through it at their own pace:",
    },
    "editor.too_big": {
        "es": "La lección pasa de 2 MB: quita escenas con series propias muy largas.",
        "en": "The lesson is over 2 MB: remove scenes with very long series of their own.",
    },
    "editor.full": {"es": "Una lección tiene como mucho 60 escenas.", "en": "A lesson has at most 60 scenes."},
    "editor.untitled": {"es": "Lección sin título", "en": "Untitled lesson"},
    "editor.lesson_title_es": {"es": "Título de la lección (español)", "en": "Lesson title (Spanish)"},
    "editor.lesson_title_en": {"es": "Título de la lección (inglés)", "en": "Lesson title (English)"},
    "editor.apply_title": {"es": "Guardar el título", "en": "Save the title"},
    "editor.empty": {
        "es": "Aún no hay escenas. Prepara la pantalla como quieres que la vean y pulsa «Añadir esta pantalla».",
        "en": "No scenes yet. Set up the screen as you want it seen and press \"Add this screen\".",
    },
    "editor.no_title": {"es": "(sin título)", "en": "(no title)"},
    "editor.title_es": {"es": "Título (español)", "en": "Title (Spanish)"},
    "editor.title_en": {"es": "Título (inglés)", "en": "Title (English)"},
    "editor.text_es": {"es": "Texto (español)", "en": "Text (Spanish)"},
    "editor.text_en": {"es": "Texto (inglés)", "en": "Text (English)"},
    "editor.text_help": {
        "es": "Texto plano (sin Markdown ni HTML). Basta con un idioma: quien lea en el otro verá este.",
        "en": "Plain text (no Markdown or HTML). One language is enough: readers of the other see it.",
    },
    "editor.focus": {"es": "Parte de la página en foco", "en": "Part of the page in focus"},
    "editor.focus_none": {"es": "Ninguna (el principio)", "en": "None (the top)"},
    "editor.needs_run": {"es": "Necesita un entrenamiento", "en": "Needs a training"},
    "editor.needs_run_help": {
        "es": "Quien la recorra sola y no tenga ninguna ejecución terminada empezará a entrenar una.",
        "en": "A reader going through it alone with no finished run starts training one.",
    },
    "editor.hide_future": {"es": "Ocultar el futuro en el escenario", "en": "Hide the future on the stage"},
    "editor.apply": {"es": "Guardar la escena", "en": "Save the scene"},
    "editor.values": {"es": "Valores en vivo", "en": "Live values"},
    "editor.question": {"es": "Pregunta de la escena", "en": "The scene's question"},
    "editor.question_kind": {"es": "Qué se pregunta", "en": "What it asks"},
    "editor.question_help": {
        "es": "Las preguntas de valor son sobre el paso siguiente al de la escena (el que oculta "
              "«Ocultar el futuro»): la respuesta la calcula la red. Las de elección comparan las "
              "ejecuciones del propio estudiante. En una clase en directo se abren solas con la escena.",
        "en": "Value questions are about the step after the scene's own (the one hide-the-future "
              "keeps hidden): the network computes the answer. Choice questions compare the "
              "student's own runs. In a live class they open by themselves with the scene.",
    },
    "editor.q.none": {"es": "Ninguna pregunta", "en": "No question"},
    "editor.q.gate": {"es": "Valor: una puerta en el paso siguiente", "en": "Value: a gate at the next step"},
    "editor.q.hidden": {"es": "Valor: el estado oculto en el paso siguiente",
                        "en": "Value: the hidden state at the next step"},
    "editor.q.prediction": {"es": "Valor: la predicción en el paso siguiente",
                            "en": "Value: the prediction at the next step"},
    "editor.q.winner": {"es": "Elección: qué celda gana", "en": "Choice: which cell wins"},
    "editor.q.persistence": {"es": "Elección: ¿gana a la persistencia?", "en": "Choice: does it beat persistence?"},
    "editor.q.own_value": {"es": "Con mis palabras: un número", "en": "In my own words: a number"},
    "editor.q.own_choice": {"es": "Con mis palabras: opciones", "en": "In my own words: options"},
    "editor.q_gate": {"es": "Puerta", "en": "Gate"},
    "editor.q_unit": {"es": "Neurona", "en": "Unit"},
    "editor.q_text": {"es": "La pregunta (con tus palabras)", "en": "The question (in your own words)"},
    "editor.q_options": {"es": "Opciones (una por línea)", "en": "Options (one per line)"},
    "editor.q_options_help": {"es": "De 2 a 6 opciones, solo para «Con mis palabras: opciones».",
                              "en": "2 to 6 options, only for «In my own words: options»."},
    "editor.question_set": {"es": "Poner la pregunta", "en": "Set the question"},
    "editor.values_none": {
        "es": "Sin valores en vivo. Declara uno y escribe su nombre entre llaves en el texto ({example}): "
        "se verá con el número que calcula la app.",
        "en": "No live values. Declare one and write its name in braces in the text ({example}): it "
        "shows the number the app computes.",
    },
    "editor.value_name": {"es": "Nombre", "en": "Name"},
    "editor.value_name_help": {
        "es": "Minúsculas, cifras y _, empezando por una letra. En el texto se escribe entre llaves: {example}.",
        "en": "Lower-case letters, digits and _, starting with a letter. In the text, write it in braces: {example}.",
    },
    "editor.value_kind": {"es": "Qué valor", "en": "Which value"},
    "editor.value_params": {"es": "Parámetros", "en": "Parameters"},
    "editor.value_params_help": {
        "es": "nombre=valor, separados por comas: gate=forget, unit=1, t=12 para la puerta de olvido "
        "de la unidad 1 en el paso 12. Si falta o sobra alguno, el editor dice cuál.",
        "en": "name=value, separated by commas: gate=forget, unit=1, t=12 for unit 1's forget gate "
        "at step 12. If one is missing or unknown, the editor says which.",
    },
    "editor.value_add": {"es": "Añadir el valor", "en": "Add the value"},
    "editor.value_pick": {"es": "Valor", "en": "Value"},
    "editor.value_remove": {"es": "Quitar", "en": "Remove"},
    "editor.up": {"es": "Subir", "en": "Up"},
    "editor.down": {"es": "Bajar", "en": "Down"},
    "editor.replace": {"es": "Usar esta pantalla", "en": "Use this screen"},
    "editor.replace_help": {
        "es": "Sustituye la página y sus ajustes por lo que se ve ahora; el texto se conserva.",
        "en": "Replaces the page and its settings with what you see now; the text stays.",
    },
    "editor.play_here": {"es": "Reproducir desde aquí", "en": "Play from here"},
    "editor.delete": {"es": "Borrar", "en": "Delete"},
    "editor.import": {"es": "Importar una lección (JSON)", "en": "Import a lesson (JSON)"},
    "editor.import_help": {
        "es": "Un archivo descargado de este editor. Sustituye las escenas que tienes aquí.",
        "en": "A file downloaded from this editor. It replaces the scenes you have here.",
    },
    "editor.import_failed": {
        "es": "Este archivo no es una lección que la app pueda leer.",
        "en": "This file is not a lesson the app can read.",
    },
    "editor.imported": {"es": "{name}: {n} escenas importadas.", "en": "{name}: {n} scenes imported."},
    "editor.imported.one": {"es": "{name}: 1 escena importada.", "en": "{name}: 1 scene imported."},
}
