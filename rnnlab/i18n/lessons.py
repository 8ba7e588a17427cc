"""Lessons: what a refused lesson file says, and where (rnnlab.lessons.model).

Each problem is written once, as the end of a sentence; three keys are made from it: the
problem alone (about the whole file), after the field (``title.es: ...``) and after the scene
and its field (``Escena 3, page: ...``). The field names are the file's own keys.
"""

_PROBLEMS = {
    "too_big": ("el archivo ocupa {size} bytes y una lección puede ocupar como mucho {limit}.",
                "the file is {size} bytes and a lesson can be at most {limit}."),
    "not_utf8": ("el archivo no es texto UTF-8: ¿seguro que es una lección exportada de rnnlab?",
                 "the file is not UTF-8 text: is it really a lesson exported from rnnlab?"),
    "not_text": ("esto no es texto: una lección es un archivo JSON.",
                 "this is not text: a lesson is a JSON file."),
    "too_deep": ("el archivo anida {depth} niveles de listas y objetos, y una lección tiene como "
                 "mucho {limit}.",
                 "the file nests lists and objects {depth} levels deep, and a lesson has at most "
                 "{limit}."),
    "not_json": ("el archivo no es JSON válido (línea {line}, columna {column}).",
                 "the file is not valid JSON (line {line}, column {column})."),
    "not_number": ("«{value}» no es un número que una lección pueda usar (ni NaN ni infinito).",
                   "“{value}” is not a number a lesson can use (neither NaN nor infinity)."),
    "duplicate": ("la clave «{item}» aparece dos veces en el mismo objeto.",
                  "the key “{item}” appears twice in the same object."),
    "not_lesson": ("no es una lección de rnnlab: «format» vale «{value}» y debería ser «rnnlab-lesson».",
                   "this is not an rnnlab lesson: “format” is “{value}” and should be “rnnlab-lesson”."),
    "version": ("la versión {value} no existe; esta app lee lecciones de la versión {version}.",
                "version {value} does not exist; this app reads lessons of version {version}."),
    "unknown_key": ("«{item}» no es un campo que una lección pueda tener aquí.",
                    "“{item}” is not a field a lesson can have here."),
    "missing": ("falta el campo «{item}».", "the field “{item}” is missing."),
    "want_object": ("se esperaba un objeto ({{...}}).", "an object ({{...}}) was expected."),
    "want_list": ("se esperaba una lista ([...]).", "a list ([...]) was expected."),
    "want_int": ("se esperaba un número entero.", "a whole number was expected."),
    "want_number": ("se esperaba un número.", "a number was expected."),
    "want_bool": ("se esperaba true o false.", "true or false was expected."),
    "want_text": ("se esperaba un texto.", "a text was expected."),
    "want_ltext": ("se esperaba un texto o un objeto con «es» y «en».",
                   "a text or an object with “es” and “en” was expected."),
    "want_range": ("se esperaba una lista [inicio, fin, paso].",
                   "a list [start, stop, step] was expected."),
    "out_of_range": ("{value} está fuera del rango permitido (de {low} a {high}).",
                     "{value} is outside the allowed range ({low} to {high})."),
    "too_long": ("el texto tiene {n} caracteres y el máximo es {limit}.",
                 "the text has {n} characters and the limit is {limit}."),
    "empty": ("el texto está vacío.", "the text is empty."),
    "too_many_scenes": ("la lección tiene {n} escenas y el máximo es {limit}.",
                        "the lesson has {n} scenes and the limit is {limit}."),
    "no_scenes": ("la lección no tiene ninguna escena.", "the lesson has no scenes."),
    "too_many": ("hay {n} elementos y el máximo es {limit}.",
                 "there are {n} items and the limit is {limit}."),
    "too_few_values": ("una serie necesita al menos 2 valores y esta tiene {n}.",
                       "a series needs at least 2 values and this one has {n}."),
    "page": ("«{value}» no es una página de la app (las páginas son: {options}).",
             "“{value}” is not a page of the app (the pages are: {options})."),
    "focus": ("«{value}» no es una sección de esta página (sus secciones son: {options}).",
              "“{value}” is not a section of this page (its sections are: {options})."),
    "not_option": ("«{value}» no es una de las opciones posibles ({options}).",
                   "“{value}” is not one of the possible options ({options})."),
    "source_kind": ("«{value}» no es un origen de datos (los orígenes son: {options}).",
                    "“{value}” is not a data source (the sources are: {options})."),
    "value_kind": ("«{value}» no es un tipo de valor (los tipos son: {options}).",
                   "“{value}” is not a kind of value (the kinds are: {options})."),
    "value_name": ("«{name}» no sirve como nombre de un valor: minúsculas, cifras y _, empezando "
                   "por una letra (31 caracteres como mucho).",
                   "“{name}” cannot name a value: lowercase letters, digits and _, starting with "
                   "a letter (31 characters at most)."),
    "bad_param": ("«{value}» no es un valor válido para este parámetro.",
                  "“{value}” is not a valid value for this parameter."),
    "undeclared": ("el texto usa {{{name}}}, pero la escena no declara ese valor en «values».",
                   "the text uses {{{name}}}, but the scene does not declare that value in “values”."),
    "no_control": ("«{item}» no es ningún control de la app.", "“{item}” is not a control of the app."),
    "bad_setting": ("«{value}» no es un valor válido para este control.",
                    "“{value}” is not a valid value for this control."),
    "not_hideable": ("«{item}» no es un control que se pueda ocultar.",
                     "“{item}” is not a control that can be hidden."),
    "question_kind": ("«{value}» no es un tipo de pregunta (los tipos son: {options}).",
                      "“{value}” is not a kind of question (the kinds are: {options})."),
    "question_preset": ("«{value}» no es una pregunta predefinida de este tipo ({options}).",
                        "“{value}” is not a preset question of this kind ({options})."),
    "question": ("la pregunta no es válida: revisa su texto, sus parámetros y sus opciones.",
                 "the question is not valid: check its text, its parameters and its options."),
    "gate_of_cell": (
        "«{value}» no es una puerta de la celda {cell} de esta escena (sus puertas son: {options}).",
        "“{value}” is not a gate of this scene's {cell} cell (its gates are: {options}).",
    ),
    "revealed": ("una pregunta de una lección no puede traer su respuesta: la calcula la app.",
                 "a lesson's question cannot bring its answer: the app computes it."),
}


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


STRINGS = {}
for _name, (_es, _en) in _PROBLEMS.items():
    STRINGS[f"lessons.err.{_name}"] = {"es": _cap(_es), "en": _cap(_en)}
    STRINGS[f"lessons.err.{_name}.field"] = {"es": "{field}: " + _es, "en": "{field}: " + _en}
    STRINGS[f"lessons.err.{_name}.scene"] = {"es": "Escena {scene}, {field}: " + _es,
                                             "en": "Scene {scene}, {field}: " + _en}
