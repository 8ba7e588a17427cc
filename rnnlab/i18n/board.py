"""Strings of the class board (the class's runs in the live room), and its nickname words."""

# Nicknames: an adjective and an animal, at the same index in both languages (a nickname is a
# pair of indices, read in each reader's language). Spanish adjectives that do not change with
# gender, so that any animal takes any adjective.
ADJECTIVES = {
    "en": ["Swift", "Brave", "Nimble", "Cheerful", "Clever", "Bold", "Patient", "Kind", "Bright",
           "Steady", "Keen", "Tenacious", "Careful", "Humble", "Noble", "Strong", "Independent",
           "Elegant", "Free", "Sociable", "Capable", "Loyal", "Fierce", "Tireless", "Reliable",
           "Graceful", "Polite", "Young", "Firm", "Subtle", "Alert", "Hopeful"],
    "es": ["veloz", "valiente", "ágil", "alegre", "sagaz", "audaz", "paciente", "amable", "brillante",
           "constante", "perspicaz", "tenaz", "prudente", "humilde", "noble", "fuerte", "independiente",
           "elegante", "libre", "sociable", "capaz", "leal", "feroz", "incansable", "fiable",
           "grácil", "cortés", "joven", "firme", "sutil", "vigilante", "optimista"],
}
ANIMALS = {
    "en": ["Otter", "Fox", "Owl", "Lynx", "Heron", "Dolphin", "Turtle", "Badger", "Hedgehog", "Falcon",
           "Penguin", "Koala", "Beaver", "Seal", "Panda", "Squirrel", "Raccoon", "Crane", "Swallow",
           "Rabbit", "Bison", "Camel", "Lizard", "Octopus", "Whale", "Zebra", "Toucan", "Parrot", "Wolf",
           "Bear", "Deer", "Hare"],
    "es": ["Nutria", "Zorro", "Búho", "Lince", "Garza", "Delfín", "Tortuga", "Tejón", "Erizo", "Halcón",
           "Pingüino", "Koala", "Castor", "Foca", "Panda", "Ardilla", "Mapache", "Grulla", "Golondrina",
           "Conejo", "Bisonte", "Camello", "Lagarto", "Pulpo", "Ballena", "Cebra", "Tucán", "Loro", "Lobo",
           "Oso", "Ciervo", "Liebre"],
}

STRINGS = {
    "board.post": {"es": "Publicar en el tablero de la clase", "en": "Post to the class board"},
    "board.post_help": {
        "es": "El profesor verá los ajustes, la semilla, el MASE en test frente a la persistencia y "
        "al ingenuo estacional, y el tiempo de entrenamiento, con un apodo al azar: nada personal.",
        "en": "The teacher sees the settings, the seed, the test MASE against persistence and "
        "seasonal naive, and the training time, under a random nickname: nothing personal.",
    },
    "board.post_pick": {"es": "Ejecución que publicar", "en": "Run to post"},
    "board.posted": {
        "es": "Publicada en el tablero como «{nick}»: puesto {rank} de {n} por MASE en test.",
        "en": "Posted on the board as “{nick}”: place {rank} of {n} by test MASE.",
    },
    "board.not_finished": {
        "es": "Solo se publican ejecuciones terminadas con un MASE en test (esta: {status}).",
        "en": "Only finished runs with a test MASE can be posted (this one: {status}).",
    },
    "board.bad_post": {
        "es": "Esta ejecución no se puede publicar: sus datos no son válidos ({what}).",
        "en": "This run cannot be posted: its data are not valid ({what}).",
    },
    "board.what.settings": {"es": "los ajustes", "en": "the settings"},
    "board.what.metrics": {"es": "las métricas", "en": "the metrics"},
    "board.what.series": {"es": "la serie", "en": "the series"},
    "board.what.run": {"es": "la ejecución", "en": "the run"},
    "live.error.board_full": {
        "es": "Ya has publicado {n} ejecuciones en el tablero de la clase {code}: es el máximo.",
        "en": "You have posted {n} runs to the board of lesson {code}: that is the most allowed.",
    },
    "board.open": {"es": "Tablero de la clase", "en": "Class board"},
    "board.title": {"es": "Tablero de la clase {code}", "en": "Class board of lesson {code}"},
    "board.empty": {
        "es": "Aún no hay ejecuciones. Los estudiantes publican las suyas desde Entrenar o Comparar "
        "con «Publicar en el tablero de la clase».",
        "en": "No runs yet. Students post theirs from Train or Compare with “Post to the class board”.",
    },
    "board.count": {"es": "Ejecuciones publicadas: {n} · ajustes distintos: {groups}",
                    "en": "Runs posted: {n} · different settings: {groups}"},
    "board.ranked": {
        "es": "Ordenado por la mediana del MASE en test de cada grupo de ajustes (las semillas "
        "varían dentro del grupo); menos es mejor, y por debajo de la persistencia es ganarle.",
        "en": "Ranked by each group of settings' median test MASE (seeds vary inside a group); lower "
        "is better, and below persistence beats it.",
    },
    "board.series": {"es": "Serie: {name}", "en": "Series: {name}"},
    "board.rank": {"es": "{rank}.º", "en": "#{rank}"},
    "board.group_line": {
        "es": "MASE mediano {median} (de {low} a {high}) · {n} semillas: {seeds} · persistencia "
        "{persistence} · ingenuo estacional {seasonal} · {seconds} de entrenamiento",
        "en": "median MASE {median} (from {low} to {high}) · {n} seeds: {seeds} · persistence "
        "{persistence} · seasonal naive {seasonal} · {seconds} of training",
    },
    "board.group_line.one": {
        "es": "MASE {median} · semilla {seeds} · persistencia {persistence} · ingenuo estacional "
        "{seasonal} · {seconds} de entrenamiento",
        "en": "MASE {median} · seed {seeds} · persistence {persistence} · seasonal naive {seasonal} "
        "· {seconds} of training",
    },
    "board.by": {"es": "Publicada por: {nicks}", "en": "Posted by: {nicks}"},
    "board.open_run": {"es": "Ver esta en Entrenar", "en": "Look at this one on Train"},
    "board.opened": {
        "es": "Los ajustes de «{nick}» están en los controles de Entrenar: pulsa Entrenar para repetir su ejecución.",
        "en": "“{nick}”'s settings are in Train's controls: press Train to run it again.",
    },
    "board.label.main": {"es": "{cell} {layers}×{units} {activation}", "en": "{cell} {layers}×{units} {activation}"},
    "board.label.lookback": {"es": "ventana {n}", "en": "window {n}"},
    "board.label.epochs": {"es": "{n} épocas", "en": "{n} epochs"},
    "board.label.lr": {"es": "paso {lr}", "en": "step {lr}"},
    "board.label.batch": {"es": "lote {n}", "en": "batch {n}"},
    "board.label.dropout": {"es": "dropout {p}", "en": "dropout {p}"},
    "board.label.clip": {"es": "recorte {c}", "en": "clipping {c}"},
    "board.label.split": {"es": "validación {v}, test {te}, {scaler}", "en": "validation {v}, test {te}, {scaler}"},
    "board.fig.title": {"es": "MASE en test de cada ejecución", "en": "Each run's test MASE"},
    "board.fig.mase_axis": {"es": "MASE en test (menos es mejor)", "en": "Test MASE (lower is better)"},
    "board.fig.runs": {"es": "Ejecuciones", "en": "Runs"},
    "board.fig.hover": {"es": "%{customdata[0]} · semilla %{customdata[1]}: MASE %{x:.3f}",
                        "en": "%{customdata[0]} · seed %{customdata[1]}: MASE %{x:.3f}"},
    "board.fig.median": {"es": "Mediana del grupo", "en": "Group median"},
    "board.fig.range": {"es": "De la mejor a la peor semilla", "en": "Best to worst seed"},
    "board.fig.persistence": {"es": "Persistencia ({value})", "en": "Persistence ({value})"},
    "board.fig.seasonal": {"es": "Ingenuo estacional ({value})", "en": "Seasonal naive ({value})"},
    "board.fig.alt": {
        "es": "El mejor grupo es {best}, con un MASE mediano de {median}.",
        "en": "The best group is {best}, with a median MASE of {median}.",
    },
}
